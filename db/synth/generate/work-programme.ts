/**
 * The work programme (issue 17 item 8): for each body and municipal year (May to April) it
 * met in, a handful of clearly synthetic topics in every status: taken at a held meeting
 * (done), on an agenda still to come, planned for a meeting or to be scheduled, deferred or
 * dropped with a reason, and, in the current and next year, proposals a clerk has not decided.
 */
import { municipalYearOf } from "../../../app/rules/municipal-year.server";
import type { Body } from "./bodies-and-people";
import type { Synth } from "./context";
import type { Meeting } from "./meetings";
import { addDays } from "./helpers";

const REASONS = [
  ["member_suggestion", 4],
  ["priority", 4],
  ["inspection_finding", 2],
  ["recommendation_review", 1],
] as const;
const KINDS = [
  ["report", 6],
  ["review", 2],
  ["task_and_finish", 1],
  ["site_visit", 1],
] as const;
const DEFER_REASONS = ["Waiting for the inspection report", "The service is being restructured", "Moved to next year at the Chair's request"];
const DROP_REASONS = ["Covered by the annual report", "Taken by another committee", "No longer a concern after the last review"];

export function writeWorkProgrammes(synth: Synth, bodies: Body[], meetings: Meeting[], takenAt: Map<string, string>) {
  const { structure, text, uuid, row, t, anchor: ANCHOR } = synth;
  const currentYear = municipalYearOf(ANCHOR);
  const byBodyYear = new Map<string, Meeting[]>();
  for (const m of meetings) {
    if (m.status === "cancelled") continue;
    const key = `${m.body.id}:${municipalYearOf(m.startsAt)}`;
    byBodyYear.set(key, [...(byBodyYear.get(key) ?? []), m]);
  }
  for (const body of bodies) {
    const place = body.place;
    const years = [...byBodyYear.keys()].filter((k) => k.startsWith(`${body.id}:`)).map((k) => Number(k.split(":")[1]));
    for (const year of years.sort()) {
      const yearMeetings = byBodyYear.get(`${body.id}:${year}`) ?? [];
      const ctx = { ...place.ctx, year };
      const count = structure.int(4, 10);
      for (let i = 0; i < count; i++) {
        const reason = structure.weighted(REASONS);
        const priorityId = reason === "priority" || structure.chance(0.4) ? structure.pick(place.priorities) : null;
        const earlier = place.recommendations.filter((r) => municipalYearOf(r.publishedOn) <= year);
        const recommendationId =
          (reason === "inspection_finding" || reason === "recommendation_review") && earlier.length > 0 ? structure.pick(earlier).id : null;
        const meeting = yearMeetings.length > 0 && structure.chance(0.8) ? structure.pick(yearMeetings) : null;
        const held = meeting !== null && meeting.startsAt.getTime() < ANCHOR.getTime();
        const roll = structure.float();
        let decision: "proposed" | "planned" | "deferred" | "dropped" = "planned";
        if (year >= currentYear && roll < 0.15) decision = "proposed";
        else if (roll < 0.22) decision = "deferred";
        else if (roll < 0.28) decision = "dropped";
        const item = meeting && decision === "planned" && (held ? structure.chance(0.85) : meeting.agendaPublishedAt !== null) ? (takenAt.get(meeting.id) ?? null) : null;
        const created = meeting ? addDays(meeting.startsAt, -structure.int(60, 200)) : new Date(Date.UTC(year, 4, structure.int(2, 28)));
        const createdAt = created.getTime() > ANCHOR.getTime() ? ANCHOR : created;
        row("work_programme_topics", [
          uuid(),
          body.id,
          year,
          t(`Synthetic topic: ${text.sentence(ctx, 4, 10).replace(/\.$/, "")}`),
          t(text.paragraphs(ctx, structure.int(30, 90))),
          // A finding or a review with no recommendation yet to point at is a member's suggestion.
          (reason === "inspection_finding" || reason === "recommendation_review") && !recommendationId ? "member_suggestion" : reason,
          priorityId,
          recommendationId,
          structure.weighted(KINDS),
          decision === "proposed" ? null : structure.pick(place.trust.officers),
          decision === "proposed" ? null : meeting?.id ?? null,
          decision,
          decision === "deferred" ? structure.pick(DEFER_REASONS) : decision === "dropped" ? structure.pick(DROP_REASONS) : null,
          item,
          null,
          null,
          createdAt,
          createdAt,
        ]);
      }
    }
  }
}
