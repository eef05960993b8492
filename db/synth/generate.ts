/**
 * A synthetic twenty-year archive for load testing (bench/README.md).
 *
 *   npm run synth -- --years 20 --bodies 40                      # full size, PostgreSQL portal_synth
 *   npm run synth -- --scale 0.05 --pglite-dir data/synth-pglite  # a small one on PGlite
 *
 * Fills a separate database (never content/ or the default database) with
 * clearly synthetic bodies, meetings, agenda items and minutes, documents,
 * questions with responses, and actions in every status, with text from a
 * Markov chain over the seed documents (db/synth/vocabulary.ts). The same seed,
 * flags and --anchor give the same archive, ids included.
 *
 * Steps: check the target; apply the migrations; write one COPY file per table
 * to a temporary folder; empty the target's tables; COPY the files in; VACUUM
 * ANALYZE; print row counts and timings.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import {
  actionStatus,
  isActionOverdue,
  isQuestionOverdue,
  questionStatus,
  type ActionFacts,
} from "../../app/rules/status.server";
import {
  DEFAULT_SYNTH_DATABASE_URL,
  pgliteTarget,
  postgresTarget,
  redact,
  type SynthTarget,
} from "./target";
import { closeTables, createSynth, MINUTE_ACTION_SHARE, targetCounts, type Synth, type SynthOptions } from "./generate/context";
import { checkColumns, connect, load } from "./generate/database";
import { addDays, DAY, elapsed, isoDay, londonTime, longDate, lowerFirst, maxDate, minDate, slugify, weekday } from "./generate/helpers";
import { LOAD_ORDER, type TableName } from "./generate/tables";
import {
  ACTION_TEMPLATES,
  BODY_TYPES,
  CLOSING_ITEMS,
  DOCUMENT_SECTIONS,
  EXCLUSION_ITEM,
  EXEMPT_TITLES,
  MONTHS,
  OFFICER_TITLES,
  OPENING_ITEMS,
  PLACES,
  PRIORITY_TITLES,
  PURPOSE_OPENERS,
  QUALIFIERS,
  QUESTION_OPENERS,
  RARE_SENTENCE,
  RARE_TERM,
  RESOLUTIONS,
  RESPONSE_OPENERS,
  SYNTHETIC_NOTE,
  SYNTHETIC_SLUG_PREFIX,
  TOPICS,
  countWords,
  fill,
  type TextContext,
} from "./vocabulary";

// ---------------------------------------------------------------------------
// Options
// ---------------------------------------------------------------------------

const USAGE = `Usage: npm run synth -- [--years 20] [--bodies 40] [--scale 1] [--seed 20061] [--anchor YYYY-MM-DD]
                      (--database-url postgres://.../portal_synth | --pglite-dir data/synth-pglite)
                      [--tmp-dir DIR] [--keep-files] [--jobs N]

At full size (--scale 1, 20 years, 40 bodies): about 8,000 meetings, 130,000 agenda
items with minutes, 50,000 documents, 200,000 questions and 100,000 actions.
--scale multiplies every count; --years and --bodies change them in proportion.
Without a target flag, DATABASE_URL is used if set, else ${DEFAULT_SYNTH_DATABASE_URL}.
The database name (or the folder name) must contain "synth".`;

const { values: args } = parseArgs({
  options: {
    years: { type: "string", default: "20" },
    bodies: { type: "string", default: "40" },
    scale: { type: "string", default: "1" },
    seed: { type: "string", default: "20061" },
    anchor: { type: "string" },
    "database-url": { type: "string" },
    "pglite-dir": { type: "string" },
    "tmp-dir": { type: "string" },
    "keep-files": { type: "boolean", default: false },
    jobs: { type: "string" },
    help: { type: "boolean", default: false },
  },
  allowPositionals: false,
});

if (args.help) {
  console.log(USAGE);
  process.exit(0);
}

function numberOption(name: string, value: string | undefined, min: number, max: number): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n < min || n > max) {
    console.error(`--${name} must be a number from ${min} to ${max} (got ${value}).\n\n${USAGE}`);
    process.exit(2);
  }
  return n;
}

const YEARS = Math.round(numberOption("years", args.years, 1, 40));
const BODIES = Math.round(numberOption("bodies", args.bodies, 1, 400));
const SCALE = numberOption("scale", args.scale, 0.001, 10);
const SEED = Math.round(numberOption("seed", args.seed, 0, 2 ** 32 - 1));
/** PostgreSQL sessions loading tables side by side (PGlite has one). */
const JOBS = Math.round(numberOption("jobs", args.jobs ?? String(Math.min(4, os.cpus().length)), 1, 16));

function parseAnchor(value: string | undefined): Date {
  if (!value) {
    const now = new Date();
    return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  }
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`))) {
    console.error(`--anchor must be a date, YYYY-MM-DD (got ${value}).`);
    process.exit(2);
  }
  return new Date(`${value}T00:00:00Z`);
}

/** "Today" in the archive: past meetings are held, later ones are scheduled. */
const ANCHOR = parseAnchor(args.anchor);

function resolveTarget(): SynthTarget {
  if (args["database-url"] && args["pglite-dir"]) throw new Error("Give --database-url or --pglite-dir, not both.");
  if (args["pglite-dir"]) return pgliteTarget(args["pglite-dir"]);
  return postgresTarget(args["database-url"] ?? process.env.DATABASE_URL ?? DEFAULT_SYNTH_DATABASE_URL);
}

const OPTIONS: SynthOptions = { years: YEARS, bodies: BODIES, scale: SCALE, seed: SEED, anchor: ANCHOR };
const TARGET = targetCounts(OPTIONS);

// ---------------------------------------------------------------------------
// Generation
// ---------------------------------------------------------------------------

interface Organisation {
  id: string;
  name: string;
  officers: string[];
  chiefExecutive: string;
}

interface Place {
  name: string;
  slug: string;
  council: Organisation;
  trust: Organisation;
  partner: Organisation;
  priorities: string[];
  /** Inspection recommendations, oldest first, with the date their report was published. */
  recommendations: { id: string; publishedOn: Date }[];
  ctx: TextContext;
}

interface Cohort {
  from: Date;
  to: Date;
  members: string[];
  names: string[];
}

interface Body {
  id: string;
  slug: string;
  name: string;
  place: Place;
  hour: number;
  cohorts: Cohort[];
}

interface Meeting {
  id: string;
  slug: string;
  body: Body;
  title: string;
  startsAt: Date;
  status: "scheduled" | "confirmed" | "postponed" | "cancelled" | "held";
  agendaPublishedAt: Date | null;
  minutesPublishedAt: Date | null;
  /** Minutes exist (published or still a draft). */
  hasMinutes: boolean;
  previous: Meeting | null;
  next: Meeting | null;
}


function generate(directory: string) {
  const started = Date.now();
  const synth = createSynth(OPTIONS, directory);
  const {
    structure,
    text,
    uuid,
    row,
    t,
    stats,
    anchorEnd: ANCHOR_END,
    target: TARGET,
    start,
    end,
    created,
    notAfterAnchor,
    during,
    personName,
  } = synth;

  // --- organisations, people, bodies, priorities --------------------------
  let personSeq = 0;
  const person = (name: string, honorific: string | null, jobTitle: string | null, organisationId: string | null) => {
    const id = uuid();
    personSeq++;
    row("people", [id, `${SYNTHETIC_SLUG_PREFIX}person-${String(personSeq).padStart(5, "0")}`, name, honorific, jobTitle, organisationId, created, created]);
    return id;
  };
  const organisation = (slug: string, name: string, kind: string, officerCount: number): Organisation => {
    const id = uuid();
    row("organisations", [id, slug, name, kind, SYNTHETIC_NOTE, created, created]);
    const officers: string[] = [];
    for (let i = 0; i < officerCount; i++) {
      const title = kind === "trust" || i === 0 ? OFFICER_TITLES[i % OFFICER_TITLES.length] : "Officer";
      officers.push(person(personName(), null, title, id));
    }
    return { id, name, officers, chiefExecutive: officers[0] };
  };

  const inspectorate = organisation(`${SYNTHETIC_SLUG_PREFIX}inspectorate`, "Synthetic Inspectorate of Children's Services", "inspectorate", 6);
  const placeCount = Math.ceil(BODIES / 5);
  const places: Place[] = [];
  for (let i = 0; i < placeCount; i++) {
    const name = i < PLACES.length ? PLACES[i] : `${PLACES[i % PLACES.length]} ${Math.floor(i / PLACES.length) + 1}`;
    const slug = slugify(name);
    const council = organisation(`${SYNTHETIC_SLUG_PREFIX}${slug}-council`, `Synthetic ${name} Borough Council`, "council", 8);
    const trust = organisation(`${SYNTHETIC_SLUG_PREFIX}${slug}-childrens-trust`, `Synthetic ${name} Children's Trust`, "trust", 20);
    const partner = organisation(`${SYNTHETIC_SLUG_PREFIX}${slug}-icb`, `Synthetic ${name} Integrated Care Board`, "partner", 4);
    const ctx: TextContext = { place: name, trust: trust.name, council: council.name, year: ANCHOR.getUTCFullYear() };
    const priorities = PRIORITY_TITLES.map((title, position) => {
      const id = uuid();
      row("priorities", [
        id,
        `${SYNTHETIC_SLUG_PREFIX}${slug}-${slugify(title)}`,
        title,
        t(text.paragraph(ctx, 40)),
        trust.id,
        "Director of Practice",
        position,
        SYNTHETIC_NOTE,
        created,
        created,
      ]);
      return id;
    });
    places.push({ name, slug, council, trust, partner, priorities, recommendations: [], ctx });
  }

  const bodies: Body[] = [];
  for (let i = 0; i < BODIES; i++) {
    const place = places[Math.floor(i / 5)];
    const type = BODY_TYPES[i % 5];
    const id = uuid();
    const name = `Synthetic ${place.name} ${type.name}`;
    const slug = `${SYNTHETIC_SLUG_PREFIX}${place.slug}-${slugify(type.name)}`;
    row("bodies", [
      id,
      slug,
      name,
      type.kind,
      `A synthetic ${type.name.toLowerCase()} of ${place.council.name}, scrutinising ${place.trust.name}. ${SYNTHETIC_NOTE}`,
      place.council.id,
      SYNTHETIC_NOTE,
      20,
      created,
      created,
    ]);
    // Members serve four-year terms: a new cohort every four years.
    const cohorts: Cohort[] = [];
    for (let from = start; from.getTime() < end.getTime(); from = addDays(from, 4 * 365)) {
      const to = addDays(from, 4 * 365 - 1);
      const members: string[] = [];
      const names: string[] = [];
      const size = structure.int(8, 11);
      for (let m = 0; m < size; m++) {
        const coOpted = m === size - 1;
        const name = personName();
        const pid = person(name, coOpted ? null : "Councillor", null, coOpted ? null : place.council.id);
        const role = m === 0 ? "chair" : m === 1 ? "vice_chair" : coOpted ? "co_opted" : "member";
        const last = addDays(from, 4 * 365).getTime() >= end.getTime();
        row("memberships", [uuid(), pid, id, role, isoDay(from), last ? null : isoDay(to), from]);
        members.push(pid);
        names.push(`${coOpted ? "" : "Councillor "}${name}`);
      }
      cohorts.push({ from, to, members, names });
    }
    row("memberships", [uuid(), place.council.officers[0], id, "officer", isoDay(start), null, start]);
    bodies.push({ id, slug, name, place, hour: structure.chance(0.6) ? 18 : 10, cohorts });
  }
  const recommendationsBefore = (place: Place, d: Date) =>
    place.recommendations.filter((r) => r.publishedOn.getTime() < d.getTime()).map((r) => r.id);
  const cohortAt = (body: Body, d: Date) =>
    body.cohorts.find((c) => d.getTime() >= c.from.getTime() && d.getTime() <= c.to.getTime()) ??
    body.cohorts[body.cohorts.length - 1];

  // --- documents (shared writer) ----------------------------------------------
  let docSeq = 0;
  const documentBody = (ctx: TextContext, words: number, rare: boolean): string => {
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
  };
  const rareDocChance = (0.4 * TARGET.rare) / Math.max(1, TARGET.documents);
  const writeDocument = (o: {
    kind: string;
    title: string;
    ctx: TextContext;
    organisationId: string | null;
    date: Date;
    publishedAt: Date | null;
    priorities?: string[];
  }): string => {
    const id = uuid();
    docSeq++;
    const rare = structure.chance(rareDocChance);
    if (rare) stats.rare++;
    const words = o.kind === "agenda" || o.kind === "minutes" ? structure.logNormalInt(600, 0.4, 250, 2000) : structure.logNormalInt(800, 0.55, 300, 3500);
    const body = t(documentBody(o.ctx, words, rare));
    if (!o.publishedAt) stats.draftDocuments++;
    const createdAt = addDays(o.date, -structure.int(1, 10));
    row("documents", [
      id,
      `${SYNTHETIC_SLUG_PREFIX}doc-${String(docSeq).padStart(6, "0")}`,
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
  };

  // --- inspections ------------------------------------------------------------
  const KIND_CYCLE = ["full_inspection", "monitoring_visit", "monitoring_visit", "focused_visit", "assurance_visit", "regulatory_inspection"];
  const JUDGEMENTS = ["Inadequate", "Requires improvement to be good", "Good"];
  let inspectionDocs = 0;
  for (const place of places) {
    // The visits first, so a recommendation can be found met by a later one.
    const visits: { id: string; kind: string; start: Date; publishedOn: Date }[] = [];
    let k = 0;
    for (let d = addDays(start, structure.int(30, 300)); d.getTime() < ANCHOR.getTime(); d = addDays(d, structure.int(700, 1100))) {
      const visitStart = weekday(d);
      visits.push({ id: uuid(), kind: KIND_CYCLE[k % KIND_CYCLE.length], start: visitStart, publishedOn: addDays(visitStart, structure.int(25, 50)) });
      k++;
    }
    visits.forEach((visit, vi) => {
      const { kind, start: visitStart, publishedOn } = visit;
      const kindLabel = kind.replace(/_/g, " ");
      const vctx = { ...place.ctx, year: visitStart.getUTCFullYear() };
      const published = notAfterAnchor(londonTime(publishedOn, 9));
      const documentId = writeDocument({
        kind: "inspection_report",
        title: `Synthetic inspection report: ${kindLabel} of ${place.trust.name} (${MONTHS[publishedOn.getUTCMonth()]} ${publishedOn.getUTCFullYear()})`,
        ctx: vctx,
        organisationId: inspectorate.id,
        date: publishedOn,
        publishedAt: published,
      });
      inspectionDocs++;
      const full = kind === "full_inspection";
      const areas = full
        ? [
            "The impact of leaders on social work practice with children and families",
            "The experiences and progress of children who need help and protection",
            "The experiences and progress of children in care",
            "The experiences and progress of care leavers",
          ].map((area) => ({ area, judgement: structure.pick(JUDGEMENTS) }))
        : [];
      row("inspections", [
        visit.id,
        `${SYNTHETIC_SLUG_PREFIX}${place.slug}-${kind.replace(/_/g, "-")}-${isoDay(visitStart)}`,
        `Synthetic ${kindLabel} of ${place.trust.name}, ${MONTHS[visitStart.getUTCMonth()]} ${visitStart.getUTCFullYear()}`,
        kind,
        place.trust.id,
        inspectorate.id,
        isoDay(visitStart),
        isoDay(addDays(visitStart, structure.int(1, 4))),
        published ? isoDay(publishedOn) : null,
        "exact",
        null,
        full ? structure.pick(JUDGEMENTS) : null,
        JSON.stringify(areas),
        t(text.paragraphs(vctx, structure.int(80, 180))),
        documentId,
        SYNTHETIC_NOTE,
        visitStart,
        publishedOn,
      ]);
      const later = visits[vi + 1];
      const count = structure.int(3, 9);
      for (let r = 0; r < count; r++) {
        const rid = uuid();
        const met = later && later.publishedOn.getTime() <= ANCHOR.getTime() && structure.chance(0.35) ? later : null;
        const closed = !met && structure.chance(0.2) ? notAfterAnchor(addDays(publishedOn, structure.int(90, 500))) : null;
        row("recommendations", [
          rid,
          visit.id,
          `R${r + 1}`,
          structure.weighted([
            ["recommendation", 6],
            ["improvement_point", 3],
            ["finding", 1],
          ] as const),
          t(text.sentence(vctx, 10, 30)),
          r,
          met?.id ?? null,
          met ? t(text.sentence(vctx, 10, 30)) : null,
          closed,
          closed ? t(text.sentence(vctx)) : null,
          publishedOn,
          closed ?? met?.publishedOn ?? publishedOn,
        ]);
        row("recommendation_priorities", [rid, structure.pick(place.priorities)]);
        place.recommendations.push({ id: rid, publishedOn });
        // Every recommendation is tracked like an action.
        const due = addDays(publishedOn, structure.int(90, 365));
        const startedAt = notAfterAnchor(addDays(publishedOn, 14));
        const doneAt =
          closed ?? (met ? met.publishedOn : due.getTime() < ANCHOR.getTime() && structure.chance(0.6) ? notAfterAnchor(addDays(due, -structure.int(0, 60))) : null);
        row("actions", [
          uuid(),
          `R${r + 1}/${visitStart.getUTCFullYear()}`,
          `Respond to inspection recommendation R${r + 1}`,
          null,
          null,
          null,
          rid,
          place.trust.id,
          structure.pick(place.trust.officers),
          isoDay(due),
          startedAt,
          doneAt,
          doneAt ? "Evidence of completion reviewed by the Board." : null,
          null,
          null,
          publishedOn,
          doneAt ?? publishedOn,
        ]);
        tally(synth, { dueOn: isoDay(due), startedAt, completedAt: doneAt, cancelledAt: null });
      }
    });
  }

  // --- meetings -----------------------------------------------------------------
  const meetings: Meeting[] = [];
  const perBody = Math.floor(TARGET.meetings / BODIES);
  const extra = TARGET.meetings - perBody * BODIES;
  const slugs = new Set<string>();
  bodies.forEach((body, bi) => {
    const count = perBody + (bi < extra ? 1 : 0);
    const span = end.getTime() - start.getTime();
    let previous: Meeting | null = null;
    // Each body keeps its own cycle, so meetings spread over the weeks rather than falling on the same days.
    const phase = structure.float();
    for (let k = 0; k < count; k++) {
      const raw = new Date(start.getTime() + (span * (k + phase)) / count + (structure.float() - 0.5) * 6 * DAY);
      const day = weekday(new Date(Date.UTC(raw.getUTCFullYear(), raw.getUTCMonth(), raw.getUTCDate())));
      const startsAt = londonTime(day, body.hour, body.hour === 18 ? 0 : 30);
      let slug = `${body.slug}-${isoDay(day)}`;
      while (slugs.has(slug)) slug += "-2";
      slugs.add(slug);
      const m: Meeting = {
        id: uuid(),
        slug,
        body,
        title: `${body.name}: meeting of ${longDate(day)}`,
        startsAt,
        status: "scheduled",
        agendaPublishedAt: null,
        minutesPublishedAt: null,
        hasMinutes: false,
        previous,
        next: null,
      };
      if (previous) previous.next = m;
      previous = m;
      meetings.push(m);
    }
  });

  // Statuses and publication, before any content is written.
  for (const m of meetings) {
    const past = m.startsAt.getTime() < ANCHOR.getTime();
    const r = structure.float();
    if (past) {
      m.status = r < 0.02 ? "cancelled" : r < 0.03 ? "postponed" : structure.chance(0.3) ? "held" : "confirmed";
      const neverPublished = (m.status !== "confirmed" && m.status !== "held" && structure.chance(0.5)) || structure.chance(0.004);
      m.agendaPublishedAt = neverPublished ? null : londonTime(addDays(m.startsAt, -structure.int(7, 12)), 16);
      const held = m.status === "confirmed" || m.status === "held";
      m.hasMinutes = held && m.agendaPublishedAt !== null && m.startsAt.getTime() < addDays(ANCHOR, -3).getTime();
      if (m.hasMinutes && !structure.chance(0.01)) {
        m.minutesPublishedAt = notAfterAnchor(londonTime(addDays(m.startsAt, structure.int(5, 12)), 12));
      }
    } else {
      m.status = structure.chance(0.4) ? "confirmed" : "scheduled";
      const publish = londonTime(addDays(m.startsAt, -8), 16);
      m.agendaPublishedAt = notAfterAnchor(publish);
    }
    if (!m.agendaPublishedAt) stats.draftMeetings++;
  }

  const questionMeetings = meetings.filter(
    (m) => m.agendaPublishedAt && (m.status === "confirmed" || m.status === "held" || m.status === "scheduled"),
  );
  const questionMeetingIds = new Set(questionMeetings.map((m) => m.id));
  const docMeetings = meetings.filter((m) => m.status !== "cancelled");
  const meanQuestions = TARGET.questions / Math.max(1, questionMeetings.length);
  const meanDocs = Math.max(0, TARGET.documents - inspectionDocs) / Math.max(1, docMeetings.length);
  const estimatedMinutes = meetings.filter((m) => m.hasMinutes).length * 16.4;
  const actionChancePerQuestion = ((1 - MINUTE_ACTION_SHARE) * TARGET.actions) / Math.max(1, TARGET.questions) / 1.15;
  const actionChancePerMinute = (MINUTE_ACTION_SHARE * TARGET.actions) / Math.max(1, estimatedMinutes * 0.7);
  const rareMinuteChance = (0.6 * TARGET.rare) / Math.max(1, estimatedMinutes * 0.7);

  let actionSeq = 0;
  const writeAction = (o: {
    description: string;
    questionId: string | null;
    responseId: string | null;
    minuteId: string | null;
    organisation: Organisation;
    from: Date;
    ctx: TextContext;
    priorities: string[];
  }) => {
    if (o.from.getTime() > ANCHOR_END.getTime()) return;
    const id = uuid();
    actionSeq++;
    const due = addDays(o.from, structure.int(21, 120));
    const duePast = due.getTime() < ANCHOR.getTime();
    const status = duePast
      ? structure.weighted([
          ["completed", 80],
          ["cancelled", 7],
          ["in_progress", 8],
          ["open", 5],
        ] as const)
      : structure.weighted([
          ["completed", 12],
          ["cancelled", 3],
          ["in_progress", 45],
          ["open", 40],
        ] as const);
    let startedAt: Date | null = null;
    let completedAt: Date | null = null;
    let cancelledAt: Date | null = null;
    if (status === "in_progress" || status === "completed") {
      startedAt = minDate(addDays(o.from, structure.int(2, 20)), ANCHOR);
    }
    if (status === "completed" && startedAt) {
      completedAt = during(startedAt, minDate(addDays(due, 30), ANCHOR));
    }
    if (status === "cancelled") cancelledAt = minDate(addDays(o.from, structure.int(10, 60)), ANCHOR);
    row("actions", [
      id,
      `A${o.from.getUTCFullYear()}/${actionSeq}`,
      o.description,
      o.questionId,
      o.responseId,
      o.minuteId,
      null,
      o.organisation.id,
      structure.pick(o.organisation.officers),
      isoDay(due),
      startedAt,
      completedAt,
      completedAt ? t(text.sentence(o.ctx, 8, 24)) : null,
      cancelledAt,
      cancelledAt ? "No longer required: superseded by the improvement plan." : null,
      o.from,
      completedAt ?? cancelledAt ?? startedAt ?? o.from,
    ]);
    if (startedAt) {
      const updates = structure.int(1, 3);
      const until = completedAt ?? ANCHOR;
      for (let u = 0; u < updates; u++) {
        row("action_updates", [uuid(), id, t(text.sentence(o.ctx, 8, 30)), null, during(startedAt, until)]);
      }
    }
    if (structure.chance(0.2)) row("action_priorities", [id, structure.pick(o.priorities)]);
    const facts: ActionFacts = { dueOn: isoDay(due), startedAt, completedAt, cancelledAt };
    tally(synth, facts);
    return { facts, id };
  };

  // --- meeting content ------------------------------------------------------------
  const started2 = Date.now();
  let lastReport = Date.now();
  let itemCount = 0;
  let questionCount = 0;
  meetings.forEach((m, mi) => {
    const place = m.body.place;
    const ctx: TextContext = { ...place.ctx, year: m.startsAt.getUTCFullYear() };
    const cohort = cohortAt(m.body, m.startsAt);
    const cancelled = m.status === "cancelled" || m.status === "postponed";
    const published = m.agendaPublishedAt;
    const createdAt = addDays(m.startsAt, -40);
    const urgent = published && structure.chance(0.03);
    if (urgent && published) m.agendaPublishedAt = londonTime(addDays(m.startsAt, -structure.int(2, 4)), 16);
    let approvedAt: Date | null = null;
    let approvedBy: string | null = null;
    if (m.minutesPublishedAt && m.next && m.next.startsAt.getTime() < ANCHOR.getTime() && m.next.status !== "cancelled" && m.next.status !== "postponed") {
      approvedAt = m.next.startsAt;
      approvedBy = m.next.id;
    }
    const venueMode = m.startsAt.getUTCFullYear() === 2020 || m.startsAt.getUTCFullYear() === 2021 ? "online" : structure.chance(0.2) ? "hybrid" : "in_person";
    row("meetings", [
      m.id,
      m.slug,
      m.body.id,
      m.title,
      m.startsAt,
      addDays(m.startsAt, structure.int(2, 3) / 24),
      "exact",
      null,
      venueMode === "online" ? "Online (video conference)" : `${place.name} Council House, Committee Room ${structure.int(1, 4)}`,
      venueMode,
      m.status,
      m.status === "cancelled" ? "Cancelled: not quorate." : m.status === "postponed" ? "Postponed at the request of the Chair." : null,
      m.agendaPublishedAt,
      urgent ? "The report was not available in time because the data for the quarter were still being validated; the Chair agreed the item was urgent." : null,
      m.minutesPublishedAt,
      approvedAt,
      approvedBy,
      SYNTHETIC_NOTE,
      1,
      createdAt,
      maxDate(createdAt, m.agendaPublishedAt ?? createdAt, m.minutesPublishedAt ?? createdAt, approvedAt ?? createdAt),
    ]);

    // Items: opening, substantive (some with sub-items), closing, then any exempt items.
    const n = structure.chance(0.1) ? 20 : structure.int(8, 24);
    if (n === 20) stats.meetingsWith20Items++;
    const exemptCount = n >= 10 && structure.chance(0.04) ? structure.int(1, 2) : 0;
    const closing = structure.chance(0.5) ? CLOSING_ITEMS : CLOSING_ITEMS.slice(0, 1);
    let substantive = n - OPENING_ITEMS.length - closing.length - (exemptCount ? exemptCount + 1 : 0);
    type Plan = { kind: "opening" | "closing" | "exclusion" | "substantive" | "exempt"; index: number; children: number };
    const plan: Plan[] = [];
    OPENING_ITEMS.forEach((_, index) => plan.push({ kind: "opening", index, children: 0 }));
    while (substantive > 0) {
      if (substantive >= 3 && structure.chance(0.08)) {
        const children = Math.min(substantive - 1, structure.int(2, 3));
        plan.push({ kind: "substantive", index: 0, children });
        substantive -= 1 + children;
      } else {
        plan.push({ kind: "substantive", index: 0, children: 0 });
        substantive -= 1;
      }
    }
    closing.forEach((_, index) => plan.push({ kind: "closing", index, children: 0 }));
    if (exemptCount) {
      plan.push({ kind: "exclusion", index: 0, children: 0 });
      for (let e = 0; e < exemptCount; e++) plan.push({ kind: "exempt", index: structure.int(0, EXEMPT_TITLES.length - 1), children: 0 });
    }

    type Item = { id: string; title: string; substantive: boolean; exempt: boolean; publishedAt: Date | null; minuteId: string | null };
    const items: Item[] = [];
    const lead = () => structure.pick(place.trust.officers);
    const previousDate = m.previous ? longDate(m.previous.startsAt) : "a previous date";
    const writeItem = (parentId: string | null, position: number, kind: Plan["kind"], index: number): Item => {
      const id = uuid();
      let title: string;
      let body: string;
      let purpose = "";
      let minuteBody: string;
      let decisions = "";
      let leadOfficer: string | null = null;
      let exempt: (typeof EXEMPT_TITLES)[number] | null = null;
      if (kind === "opening" || kind === "closing" || kind === "exclusion") {
        const source = kind === "opening" ? OPENING_ITEMS[index] : kind === "closing" ? closing[index] : EXCLUSION_ITEM;
        title = source.title;
        body = source.body.replace("{PREVIOUS}", previousDate);
        minuteBody = source.minute.replace("{PREVIOUS}", previousDate).replace("{MEMBER}", structure.pick(cohort.names));
      } else {
        if (kind === "exempt") {
          exempt = EXEMPT_TITLES[index];
          title = exempt.title;
        } else {
          const topic = structure.pick(TOPICS);
          title = topic === "Annual Review" ? `${place.trust.name} Annual Review ${ctx.year - 1}/${String(ctx.year % 100).padStart(2, "0")}` : `${topic}${structure.pick(QUALIFIERS)}`;
        }
        purpose = `${structure.pick(PURPOSE_OPENERS)} ${lowerFirst(title)}.`;
        body = text.paragraphs(ctx, structure.int(70, 220));
        leadOfficer = lead();
        const rare = structure.chance(rareMinuteChance);
        if (rare) stats.rare++;
        minuteBody = [
          text.paragraphs(ctx, structure.int(90, 260)),
          "Following comments and questions from members of the Board, the following responses were made, and issues highlighted:-",
          text.bullets(ctx, structure.int(3, 7)) + (rare ? `\n- ${fill(RARE_SENTENCE, ctx)}` : ""),
        ].join("\n\n");
        decisions = structure.pick(RESOLUTIONS);
      }
      const substantiveItem = kind === "substantive" || kind === "exempt";
      let itemPublished: Date | null = published ? m.agendaPublishedAt : null;
      if (itemPublished && substantiveItem && kind !== "exempt") {
        if (structure.chance(0.02)) itemPublished = minDate(addDays(itemPublished, structure.int(1, 4)), addDays(m.startsAt, -1));
        else if (structure.chance(0.004)) itemPublished = null;
      }
      if (exempt) stats.exemptItems++;
      row("agenda_items", [
        id,
        m.id,
        parentId,
        position,
        title,
        t(body),
        purpose,
        leadOfficer,
        exempt !== null,
        exempt?.paragraph ?? null,
        exempt?.reason ?? null,
        exempt?.publicTitle ?? null,
        exempt ? "The Board considered the report in private and agreed the recommendations." : null,
        itemPublished,
        1,
        createdAt,
        maxDate(createdAt, itemPublished ?? createdAt),
      ]);
      itemCount++;
      let minuteId: string | null = null;
      if (m.hasMinutes && !cancelled) {
        minuteId = uuid();
        const minutesAt = m.minutesPublishedAt ?? addDays(m.startsAt, 3);
        row("minutes", [minuteId, id, t(minuteBody), decisions, 1, minutesAt, approvedAt ?? minutesAt]);
      }
      if (substantiveItem && kind === "substantive" && parentId === null && structure.chance(0.6)) {
        const ps = structure.shuffle([...place.priorities]).slice(0, structure.int(1, 2));
        for (const p of ps) row("agenda_item_priorities", [id, p]);
      }
      if (kind === "substantive" && (/Ofsted|Improvement plan/.test(title) ? true : structure.chance(0.05))) {
        const recs = recommendationsBefore(place, m.startsAt);
        for (const rec of recs.length ? structure.shuffle(recs.slice(-9)).slice(0, structure.int(1, 2)) : []) {
          row("agenda_item_recommendations", [id, rec]);
        }
      }
      if (minuteId !== null && substantiveItem && structure.chance(0.03)) {
        row("interest_declarations", [
          uuid(),
          id,
          structure.pick(cohort.members),
          structure.chance(0.2) ? "pecuniary" : "other",
          structure.pick([
            "Foster carer for the Trust.",
            "Employed by a partner organisation named in the report.",
            "A family member works in the service discussed.",
            "School governor at a school named in the report.",
          ]),
          structure.chance(0.3),
          m.startsAt,
        ]);
      }
      return { id, title, substantive: substantiveItem, exempt: exempt !== null, publishedAt: itemPublished, minuteId };
    };

    let position = 0;
    for (const p of plan) {
      position++;
      const parent = writeItem(null, position, p.kind, p.index);
      items.push(parent);
      for (let c = 0; c < p.children; c++) items.push(writeItem(parent.id, c + 1, "substantive", 0));
    }

    const substantiveItems = items.filter((i) => i.substantive);

    // Attendance at a meeting that took place.
    if (m.hasMinutes && !cancelled) {
      cohort.members.forEach((member) => {
        const status = structure.weighted([
          ["present", 85],
          ["apologies", 12],
          ["absent", 3],
        ] as const);
        row("meeting_attendance", [uuid(), m.id, member, null, "member", status, null, m.startsAt]);
        if (status === "apologies" && structure.chance(0.3)) {
          row("meeting_attendance", [uuid(), m.id, null, `Councillor ${personName()} (substitute)`, "substitute", "present", member, m.startsAt]);
        }
      });
      const officers = new Set([place.trust.chiefExecutive, place.council.officers[0], structure.pick(place.trust.officers)]);
      for (const officer of officers) row("meeting_attendance", [uuid(), m.id, officer, null, "officer", "present", null, m.startsAt]);
    }

    // Actions recorded in the minutes (not from a question).
    for (const item of substantiveItems) {
      if (item.minuteId && structure.chance(actionChancePerMinute)) {
        writeAction({
          description: structure.pick(ACTION_TEMPLATES).replace("{TOPIC}", item.title.toLowerCase()),
          questionId: null,
          responseId: null,
          minuteId: item.minuteId,
          organisation: place.trust,
          from: m.startsAt,
          ctx,
          priorities: place.priorities,
        });
      }
    }

    // Documents: reports on the substantive items, sometimes the agenda pack and minutes.
    if (m.status !== "cancelled") {
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
        const docId = writeDocument({
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

    // Questions on the substantive items.
    if (questionMeetingIds.has(m.id) && substantiveItems.length) {
      const count = structure.count(meanQuestions);
      const weights = substantiveItems.map((i) => (i.publishedAt || i.exempt ? -Math.log(1 - structure.float()) : 0));
      const total = weights.reduce((a, b) => a + b, 0);
      const byItem = new Map<string, { id: string; position: number }[]>();
      for (let q = 0; q < count && total > 0; q++) {
        let r = structure.float() * total;
        let item = substantiveItems[0];
        for (let i = 0; i < substantiveItems.length; i++) {
          r -= weights[i];
          if (r < 0) {
            item = substantiveItems[i];
            break;
          }
        }
        const siblings = byItem.get(item.id) ?? [];
        byItem.set(item.id, siblings);
        writeQuestion(m, item.id, item.title, siblings, ctx, cohort);
      }
    }

    if (Date.now() - lastReport > 3000 || mi === meetings.length - 1) {
      lastReport = Date.now();
      console.log(
        `  meetings ${mi + 1}/${meetings.length}, items ${itemCount}, documents ${docSeq}, questions ${questionCount}, actions ${actionSeq} (${elapsed(started2)})`,
      );
    }
  });

  function writeQuestion(
    m: Meeting,
    agendaItemId: string,
    itemTitle: string,
    siblings: { id: string; position: number }[],
    ctx: TextContext,
    cohort: Cohort,
  ) {
    const place = m.body.place;
    const future = m.startsAt.getTime() > ANCHOR.getTime();
    const raised = !future && structure.chance(0.65);
    const meetingDay = new Date(Date.UTC(m.startsAt.getUTCFullYear(), m.startsAt.getUTCMonth(), m.startsAt.getUTCDate()));
    const tabledDay = raised ? meetingDay : minDate(addDays(meetingDay, -structure.int(2, 10)), ANCHOR);
    const submittedAt = raised ? m.startsAt : londonTime(tabledDay, structure.int(8, 17), structure.int(0, 59));
    if (submittedAt.getTime() > ANCHOR_END.getTime()) return;
    const id = uuid();
    questionCount++;
    const summarised = raised && structure.chance(0.2);
    const askedBy = summarised && structure.chance(0.5) ? null : structure.pick(cohort.members);
    const org = structure.weighted([
      [place.trust, 80],
      [place.council, 15],
      [place.partner, 5],
    ] as const);
    const parent = siblings.length && structure.chance(0.06) ? siblings[siblings.length - 1] : null;
    const position = siblings.length + 1;
    siblings.push({ id, position });
    let dueDay = addDays(tabledDay, 28);
    let dueChangeReason: string | null = null;
    if (structure.chance(0.01)) {
      dueDay = addDays(dueDay, 14);
      dueChangeReason = "Extended at the request of the organisation, agreed by the Chair.";
    }
    const qText = summarised
      ? `Members asked about ${itemTitle.toLowerCase()}: ${text.clause(ctx)}.`
      : `${parent ? "Supplementary question: " : ""}${structure.pick(QUESTION_OPENERS)} ${text.clause(ctx)}?`;

    // Acceptance, rejection, withdrawal.
    const recent = ANCHOR.getTime() - tabledDay.getTime() < 21 * DAY;
    let acceptedAt: Date | null = null;
    let rejectedAt: Date | null = null;
    let closedAt: Date | null = null;
    let closureReason: string | null = null;
    const fate = structure.float();
    if (fate < 0.015) {
      rejectedAt = notAfterAnchor(addDays(submittedAt, 2));
    } else if (!((!raised && recent && structure.chance(0.4)) || structure.chance(0.002))) {
      acceptedAt = raised ? m.startsAt : notAfterAnchor(addDays(submittedAt, structure.int(1, 3)));
    }
    const responses: { kind: "holding" | "full"; id: string; at: Date; supersedes: string | null }[] = [];
    const actionFacts: ActionFacts[] = [];
    let fullResponse: { id: string; at: Date } | null = null;
    if (acceptedAt && structure.chance(0.01)) {
      closedAt = notAfterAnchor(addDays(acceptedAt, 3));
      closureReason = closedAt ? "Withdrawn by the member." : null;
    } else if (acceptedAt) {
      const plan = structure.float();
      let holdingAt: Date | null = null;
      let fullAt: Date | null = null;
      if (plan < 0.7) fullAt = addDays(submittedAt, structure.int(5, 25));
      else if (plan < 0.9) fullAt = addDays(submittedAt, structure.int(26, 70));
      else if (plan < 0.97) {
        holdingAt = addDays(submittedAt, structure.int(7, 20));
        if (!structure.chance(0.15)) fullAt = addDays(holdingAt, structure.int(20, 80));
      }
      holdingAt = notAfterAnchor(holdingAt);
      fullAt = notAfterAnchor(fullAt);
      const officer = org.chiefExecutive;
      if (holdingAt) {
        const rid = uuid();
        responses.push({ kind: "holding", id: rid, at: holdingAt, supersedes: null });
        row("responses", [
          rid,
          id,
          "holding",
          t(`Holding response: the information requested is being gathered and a full answer will follow. ${text.sentence(ctx)}`),
          officer,
          org.id,
          holdingAt,
          isoDay(addDays(holdingAt, 21)),
          null,
          null,
          SYNTHETIC_NOTE,
          holdingAt,
        ]);
      }
      if (fullAt) {
        const rid = uuid();
        const satisfied = structure.chance(0.5) ? notAfterAnchor(addDays(fullAt, structure.int(3, 20))) : null;
        const body = `${structure.pick(RESPONSE_OPENERS)} ${text.clause(ctx)}. ${text.paragraph(ctx, structure.int(30, 170))}`;
        row("responses", [rid, id, "full", t(body), officer, org.id, fullAt, null, null, satisfied, SYNTHETIC_NOTE, fullAt]);
        responses.push({ kind: "full", id: rid, at: fullAt, supersedes: null });
        fullResponse = { id: rid, at: fullAt };
        const correctionAt = structure.chance(0.02) ? notAfterAnchor(addDays(fullAt, structure.int(7, 20))) : null;
        if (correctionAt) {
          const cid = uuid();
          row("responses", [
            cid,
            id,
            "full",
            t(`Correction to the earlier response. ${text.paragraph(ctx, structure.int(30, 90))}`),
            officer,
            org.id,
            correctionAt,
            null,
            rid,
            null,
            SYNTHETIC_NOTE,
            correctionAt,
          ]);
          responses.push({ kind: "full", id: cid, at: correctionAt, supersedes: rid });
          fullResponse = { id: cid, at: correctionAt };
        }
      }
      // Follow-up actions.
      if (structure.chance(actionChancePerQuestion)) {
        const k = structure.chance(0.1) ? structure.int(2, 3) : 1;
        for (let a = 0; a < k; a++) {
          const made = writeAction({
            description: structure.pick(ACTION_TEMPLATES).replace("{TOPIC}", itemTitle.toLowerCase()),
            questionId: id,
            responseId: fullResponse?.id ?? null,
            minuteId: null,
            organisation: org,
            from: fullResponse?.at ?? acceptedAt,
            ctx,
            priorities: place.priorities,
          });
          if (made) actionFacts.push(made.facts);
        }
      }
      // Closed once the member is content and the actions are done.
      const done = actionFacts.every((a) => a.completedAt || a.cancelledAt);
      if (fullResponse && done && structure.chance(0.6)) {
        const last = maxDate(fullResponse.at, ...actionFacts.map((a) => a.completedAt ?? a.cancelledAt ?? fullResponse!.at));
        closedAt = notAfterAnchor(addDays(last, structure.int(1, 10)));
        closureReason = closedAt ? "The member was satisfied with the response." : null;
      }
    }

    const updatedAt = maxDate(submittedAt, acceptedAt ?? submittedAt, rejectedAt ?? submittedAt, closedAt ?? submittedAt, ...responses.map((r) => r.at));
    row("questions", [
      id,
      agendaItemId,
      askedBy,
      org.id,
      parent?.id ?? null,
      t(qText),
      summarised,
      raised,
      position,
      isoDay(tabledDay),
      isoDay(dueDay),
      dueChangeReason,
      submittedAt,
      acceptedAt,
      rejectedAt,
      rejectedAt ? "The question was outside the Board's remit and was referred to the appropriate committee." : null,
      closedAt,
      closureReason,
      null,
      submittedAt,
      updatedAt,
    ]);
    if (structure.chance(0.3)) row("question_priorities", [id, structure.pick(place.priorities)]);
    if (structure.chance(0.03)) {
      const recs = recommendationsBefore(place, tabledDay);
      if (recs.length) row("question_recommendations", [id, structure.pick(recs.slice(-9))]);
    }
    const superseded = new Set(responses.map((r) => r.supersedes).filter(Boolean));
    const facts = {
      acceptedAt,
      rejectedAt,
      closedAt,
      dueOn: isoDay(dueDay),
      responseKinds: responses.filter((r) => !superseded.has(r.id)).map((r) => r.kind),
      actions: actionFacts,
    };
    const status = questionStatus(facts);
    stats.questionStatus[status] = (stats.questionStatus[status] ?? 0) + 1;
    if (isQuestionOverdue(facts, ANCHOR_END)) stats.questionOverdue++;
  }

  row("settings", [
    "synthetic_archive",
    JSON.stringify({
      note: SYNTHETIC_NOTE,
      generator: "db/synth/generate.ts",
      seed: SEED,
      years: YEARS,
      bodies: BODIES,
      scale: SCALE,
      anchor: isoDay(ANCHOR),
    }),
    ANCHOR,
  ]);

  closeTables(synth);
  console.log(`Generated in ${elapsed(started)}: ${(stats.textBytes / 1e6).toFixed(0)} MB of text.`);
  return { tables: synth.tables, stats };
}

function tally({ stats, anchorEnd }: Synth, a: ActionFacts) {
  const s = actionStatus(a);
  stats.actionStatus[s] = (stats.actionStatus[s] ?? 0) + 1;
  if (isActionOverdue(a, anchorEnd)) stats.actionOverdue++;
}


async function main() {
  const target = resolveTarget();
  const began = Date.now();
  console.log(
    `Synthetic archive: ${YEARS} years, ${BODIES} bodies, scale ${SCALE}, seed ${SEED}, anchor ${isoDay(ANCHOR)} ` +
      `(repeat with --anchor ${isoDay(ANCHOR)} for the same archive).`,
  );
  console.log(
    `Target: ${target.kind === "postgres" ? redact(target.url) : target.dir}. About ${TARGET.meetings.toLocaleString("en-GB")} meetings, ` +
      `${Math.round(TARGET.meetings * 16.4).toLocaleString("en-GB")} agenda items, ${TARGET.documents.toLocaleString("en-GB")} documents, ` +
      `${TARGET.questions.toLocaleString("en-GB")} questions, ${TARGET.actions.toLocaleString("en-GB")} actions.`,
  );
  const { loader, close, openSession } = await connect(target);
  const directory = fs.mkdtempSync(path.join(args["tmp-dir"] ?? os.tmpdir(), "portal-synth-"));
  try {
    await checkColumns(loader);
    console.log(`Writing COPY files to ${directory} ...`);
    const { tables, stats } = generate(directory);
    console.log("Loading ...");
    await load(loader, tables, openSession, JOBS);
    const counts = await loader.rows<{ table: string; n: number }>(
      LOAD_ORDER.map((t) => `select '${t}' as table, count(*)::int as n from "${t}"`).join(" union all "),
    );
    console.log("\nRows:");
    counts.sort((a, b) => LOAD_ORDER.indexOf(a.table as TableName) - LOAD_ORDER.indexOf(b.table as TableName));
    for (const c of counts) console.log(`  ${c.table.padEnd(26)} ${Number(c.n).toLocaleString("en-GB").padStart(10)}`);
    console.log("\nQuestions by derived status:", stats.questionStatus, `overdue: ${stats.questionOverdue}`);
    console.log("Actions by status:", stats.actionStatus, `overdue: ${stats.actionOverdue}`);
    console.log(
      `Meetings with 20 items: ${stats.meetingsWith20Items}; draft (unpublished) meetings: ${stats.draftMeetings}; ` +
        `exempt items: ${stats.exemptItems}; draft documents: ${stats.draftDocuments}; records with the rare word "${RARE_TERM}": ${stats.rare}.`,
    );
    console.log(`\nDone in ${elapsed(began)} (${target.kind}).`);
  } finally {
    await close();
    if (!args["keep-files"]) fs.rmSync(directory, { recursive: true, force: true });
    else console.log(`COPY files kept in ${directory}.`);
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
