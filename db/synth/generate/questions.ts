/**
 * Questions and what follows them: a meeting's questions on its agenda items, with
 * holding and full responses (sometimes corrected), follow-up actions with their
 * updates, and closure; and the actions recorded in the minutes.
 */
import {
  isQuestionOverdue,
  questionStatus,
  type ActionFacts,
} from "../../../app/rules/status.server";
import { ACTION_TEMPLATES, QUESTION_OPENERS, RESPONSE_OPENERS, SYNTHETIC_NOTE, type TextContext } from "../vocabulary";
import type { Cohort, Organisation } from "./bodies-and-people";
import { tally, type Synth } from "./context";
import { addDays, DAY, isoDay, londonTime, maxDate, minDate } from "./helpers";
import type { AgendaItem, ContentPlan, Meeting } from "./meetings";
import { recommendationsBefore } from "./oversight";

export function writeAction(
  synth: Synth,
  o: {
    description: string;
    questionId: string | null;
    responseId: string | null;
    minuteId: string | null;
    organisation: Organisation;
    from: Date;
    ctx: TextContext;
    priorities: string[];
  },
) {
  const { structure, text, uuid, row, t, anchor: ANCHOR, anchorEnd: ANCHOR_END, during } = synth;
  if (o.from.getTime() > ANCHOR_END.getTime()) return;
  const id = uuid();
  synth.seq.action++;
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
    `A${o.from.getUTCFullYear()}/${synth.seq.action}`,
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
}

/** Counts an action by its derived status (the rules in app/rules/status.server.ts). */
/** The questions on a meeting's substantive items, spread over the items at random. */
export function writeMeetingQuestions(
  synth: Synth,
  plan: ContentPlan,
  m: Meeting,
  substantiveItems: AgendaItem[],
  ctx: TextContext,
  cohort: Cohort,
) {
  const { structure } = synth;
  const { meanQuestions } = plan;
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
    writeQuestion(synth, plan, m, item.id, item.title, siblings, ctx, cohort);
  }
}

export function writeQuestion(
  synth: Synth,
  { actionChancePerQuestion }: ContentPlan,
  m: Meeting,
  agendaItemId: string,
  itemTitle: string,
  siblings: { id: string; position: number }[],
  ctx: TextContext,
  cohort: Cohort,
) {
  const { structure, text, uuid, row, t, stats, anchor: ANCHOR, anchorEnd: ANCHOR_END, notAfterAnchor } = synth;
  const place = m.body.place;
  const future = m.startsAt.getTime() > ANCHOR.getTime();
  const raised = !future && structure.chance(0.65);
  const meetingDay = new Date(Date.UTC(m.startsAt.getUTCFullYear(), m.startsAt.getUTCMonth(), m.startsAt.getUTCDate()));
  const tabledDay = raised ? meetingDay : minDate(addDays(meetingDay, -structure.int(2, 10)), ANCHOR);
  const submittedAt = raised ? m.startsAt : londonTime(tabledDay, structure.int(8, 17), structure.int(0, 59));
  if (submittedAt.getTime() > ANCHOR_END.getTime()) return;
  const id = uuid();
  synth.seq.question++;
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
        const made = writeAction(synth, {
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
    sourceStatus: null,
    dueOn: isoDay(dueDay),
    responseKinds: responses.filter((r) => !superseded.has(r.id)).map((r) => r.kind),
    actions: actionFacts,
  };
  const status = questionStatus(facts);
  stats.questionStatus[status] = (stats.questionStatus[status] ?? 0) + 1;
  if (isQuestionOverdue(facts, ANCHOR_END)) stats.questionOverdue++;
}

/** Actions recorded in a meeting's minutes (not from a question). */
export function writeMinuteActions(synth: Synth, m: Meeting, substantiveItems: AgendaItem[], ctx: TextContext, actionChancePerMinute: number) {
  const { structure } = synth;
  const place = m.body.place;
  for (const item of substantiveItems) {
    if (item.minuteId && structure.chance(actionChancePerMinute)) {
      writeAction(synth, {
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
}
