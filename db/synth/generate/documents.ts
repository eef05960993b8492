/**
 * Documents: the shared writer (reports, letters, agenda packs, minutes, inspection
 * reports, each with a Markov-text body in sections) and a meeting's documents,
 * linked to its agenda items.
 */
import { DOCUMENT_SECTIONS, MONTHS, RARE_SENTENCE, SYNTHETIC_NOTE, SYNTHETIC_SLUG_PREFIX, TOPICS, countWords, fill, type TextContext } from "../vocabulary";
import type { Organisation, Place } from "./bodies-and-people";
import type { Synth } from "./context";
import { addDays, isoDay, maxDate } from "./helpers";
import type { AgendaItem, Meeting } from "./meetings";

function documentBody({ structure, text }: Synth, ctx: TextContext, words: number, rare: boolean): string {
  const parts: string[] = [];
  parts.push("## Purpose of the report", text.paragraph(ctx, structure.int(35, 70)));
  parts.push("## Recommendations", [1, 2, 3].slice(0, structure.int(1, 3)).map((n) => `${n}. ${text.sentence(ctx, 8, 26)}`).join("\n"));
  let n = countWords(parts.join(" "));
  const sections = structure.shuffle([...DOCUMENT_SECTIONS]);
  let s = 0;
  while (n < words) {
    parts.push(`## ${sections[s % sections.length]}`);
    s++;
    const p = text.paragraphs(ctx, Math.min(words - n, structure.int(120, 320)));
    parts.push(p);
    n += countWords(p);
    if (structure.chance(0.4)) {
      const b = text.bullets(ctx, structure.int(3, 6));
      parts.push(b);
      n += countWords(b);
    }
    if (rare && s === 1) parts.push(fill(RARE_SENTENCE, ctx));
  }
  parts.push("## Conclusion", text.paragraph(ctx, structure.int(30, 70)));
  return parts.join("\n\n");
}

export function writeDocument(
  synth: Synth,
  o: {
    kind: string;
    title: string;
    ctx: TextContext;
    organisationId: string | null;
    date: Date;
    publishedAt: Date | null;
    priorities?: string[];
  },
): string {
  const { structure, text, uuid, row, t, stats, target: TARGET } = synth;
  const rareDocChance = (0.4 * TARGET.rare) / Math.max(1, TARGET.documents);
  const id = uuid();
  synth.seq.document++;
  const rare = structure.chance(rareDocChance);
  if (rare) stats.rare++;
  const words = o.kind === "agenda" || o.kind === "minutes" ? structure.logNormalInt(600, 0.4, 250, 2000) : structure.logNormalInt(800, 0.55, 300, 3500);
  const body = t(documentBody(synth, o.ctx, words, rare));
  if (!o.publishedAt) stats.draftDocuments++;
  const createdAt = addDays(o.date, -structure.int(1, 10));
  row("documents", [
    id,
    `${SYNTHETIC_SLUG_PREFIX}doc-${String(synth.seq.document).padStart(6, "0")}`,
    o.kind,
    o.title,
    t(text.sentence(o.ctx, 12, 30)),
    body,
    o.organisationId,
    isoDay(o.date),
    "exact",
    null,
    "Synthetic archive generator",
    SYNTHETIC_NOTE,
    o.publishedAt,
    1,
    createdAt,
    maxDate(createdAt, o.publishedAt ?? createdAt),
  ]);
  if (o.priorities && (o.kind === "report" || o.kind === "annual_review") && structure.chance(0.2)) {
    row("document_priorities", [id, structure.pick(o.priorities)]);
  }
  return id;
}

/** A meeting's documents: reports on its substantive items, sometimes the agenda pack and minutes. */
export function writeMeetingDocuments(
  synth: Synth,
  m: Meeting,
  substantiveItems: AgendaItem[],
  ctx: TextContext,
  meanDocs: number,
  inspectorate: Organisation,
) {
  const { structure, row } = synth;
  const place: Place = m.body.place;
  const count = structure.count(meanDocs);
  const docPosition = new Map<string, number>();
  for (let d = 0; d < count; d++) {
    let kind = structure.weighted([
      ["report", 80],
      ["letter", 5],
      ["annual_review", 3],
      ["news_report", 3],
      ["other", 3],
      ["agenda", 4],
      ["minutes", 2],
    ] as const) as string;
    if (kind === "minutes" && !m.minutesPublishedAt) kind = "report";
    const item = substantiveItems.length && kind !== "agenda" && kind !== "minutes" ? structure.pick(substantiveItems) : null;
    const date = kind === "minutes" && m.minutesPublishedAt ? m.minutesPublishedAt : addDays(m.startsAt, -structure.int(5, 14));
    const label = { report: "report", letter: "letter", annual_review: "annual review", news_report: "news report", other: "briefing", agenda: "agenda pack", minutes: "minutes" }[kind] ?? "document";
    const title =
      kind === "agenda" || kind === "minutes"
        ? `Synthetic ${label}: ${m.title}`
        : `Synthetic ${label}: ${item ? item.title : structure.pick(TOPICS)} (${MONTHS[date.getUTCMonth()]} ${date.getUTCFullYear()})`;
    const publishedAt =
      kind === "minutes"
        ? m.minutesPublishedAt
        : item
          ? item.publishedAt ?? (structure.chance(0.5) ? null : m.agendaPublishedAt)
          : m.agendaPublishedAt;
    const docId = writeDocument(synth, {
      kind,
      title,
      ctx,
      organisationId:
        kind === "letter" ? inspectorate.id : kind === "agenda" || kind === "minutes" ? place.council.id : kind === "news_report" ? null : structure.chance(0.75) ? place.trust.id : place.council.id,
      date,
      publishedAt: structure.chance(0.01) ? null : publishedAt,
      priorities: place.priorities,
    });
    if (item && !structure.chance(0.05)) {
      const pos = docPosition.get(item.id) ?? 0;
      docPosition.set(item.id, pos + 1);
      row("agenda_item_documents", [item.id, docId, pos]);
    }
  }
}
