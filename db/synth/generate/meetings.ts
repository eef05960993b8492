/**
 * Meetings: each body's meetings over the years with their statuses and publication,
 * then each meeting's content in order: the meeting, its agenda items with minutes,
 * attendance and declarations of interest, actions from the minutes, its documents
 * and the questions on its items.
 */
import {
  CLOSING_ITEMS,
  EXCLUSION_ITEM,
  EXEMPT_TITLES,
  OPENING_ITEMS,
  PURPOSE_OPENERS,
  QUALIFIERS,
  RARE_SENTENCE,
  RESOLUTIONS,
  SYNTHETIC_NOTE,
  TOPICS,
  fill,
  type TextContext,
} from "../vocabulary";
import { cohortAt, type Body, type Organisation } from "./bodies-and-people";
import { MINUTE_ACTION_SHARE, type Synth } from "./context";
import { writeMeetingDocuments } from "./documents";
import { addDays, DAY, elapsed, isoDay, londonTime, longDate, lowerFirst, maxDate, minDate, weekday } from "./helpers";
import { recommendationsBefore } from "./oversight";
import { writeMeetingQuestions, writeMinuteActions } from "./questions";

export interface Meeting {
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


export type AgendaItem = { id: string; title: string; substantive: boolean; exempt: boolean; publishedAt: Date | null; minuteId: string | null };

/** Each body's meetings, spread over the years, with their statuses and publication (no content yet). */
export function scheduleMeetings(synth: Synth, bodies: Body[]): Meeting[] {
  const { structure, uuid, stats, anchor: ANCHOR, bodies: BODIES, target: TARGET, start, end, notAfterAnchor } = synth;
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
  return meetings;
}

/** How much content each meeting gets, so that the archive reaches the target counts. */
export function contentPlan({ target: TARGET }: Synth, meetings: Meeting[], inspectionDocs: number) {
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
  return { questionMeetingIds, meanQuestions, meanDocs, actionChancePerQuestion, actionChancePerMinute, rareMinuteChance };
}

export type ContentPlan = ReturnType<typeof contentPlan>;

/** Writes every meeting's content, meeting by meeting. */
/**
 * Writes each meeting's content. `takenAt` collects each meeting's first public substantive
 * item, where a work programme topic may be taken (db/synth/generate/work-programme.ts).
 */
export function writeMeetings(synth: Synth, meetings: Meeting[], inspectionDocs: number, inspectorate: Organisation, takenAt?: Map<string, string>) {
  const { structure, text, uuid, row, t, stats, anchor: ANCHOR, personName } = synth;
  const content = contentPlan(synth, meetings, inspectionDocs);
  const { questionMeetingIds, meanDocs, actionChancePerMinute, rareMinuteChance } = content;
  const started = Date.now();
  let lastReport = Date.now();
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

    const items: AgendaItem[] = [];
    const lead = () => structure.pick(place.trust.officers);
    const previousDate = m.previous ? longDate(m.previous.startsAt) : "a previous date";
    const writeItem = (parentId: string | null, position: number, kind: Plan["kind"], index: number): AgendaItem => {
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
      synth.seq.item++;
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
    const takenItem = substantiveItems.find((i) => !i.exempt && i.publishedAt);
    if (takenAt && takenItem) takenAt.set(m.id, takenItem.id);
    // Where the board's own recommendations can be agreed and judged (db/synth/generate/board-recommendations.ts).
    if (m.minutesPublishedAt && !cancelled) {
      for (const i of substantiveItems) {
        if (i.minuteId) synth.boardMinutes.push({ minuteId: i.minuteId, meetingId: m.id, bodyId: m.body.id, startsAt: m.startsAt, exempt: i.exempt });
      }
    }

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
    writeMinuteActions(synth, m, substantiveItems, ctx, actionChancePerMinute);

    // Documents: reports on the substantive items, sometimes the agenda pack and minutes.
    if (m.status !== "cancelled") writeMeetingDocuments(synth, m, substantiveItems, ctx, meanDocs, inspectorate);

    // Questions on the substantive items.
    if (questionMeetingIds.has(m.id) && substantiveItems.length) writeMeetingQuestions(synth, content, m, substantiveItems, ctx, cohort);

    if (Date.now() - lastReport > 3000 || mi === meetings.length - 1) {
      lastReport = Date.now();
      console.log(
        `  meetings ${mi + 1}/${meetings.length}, items ${synth.seq.item}, documents ${synth.seq.document}, questions ${synth.seq.question}, actions ${synth.seq.action} (${elapsed(started)})`,
      );
    }
  });
}
