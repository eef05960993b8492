/**
 * Oversight: each place's inspections (visits every two or three years, with their
 * reports and judgements), their recommendations, and the action that tracks each
 * recommendation.
 */
import { MONTHS, SYNTHETIC_NOTE, SYNTHETIC_SLUG_PREFIX } from "../vocabulary";
import type { Organisation, Place } from "./bodies-and-people";
import { tally, type Synth } from "./context";
import { writeDocument } from "./documents";
import { addDays, isoDay, londonTime, weekday } from "./helpers";

/** The columns of a board's own recommendation, empty on an inspection's (db/synth/generate/board-recommendations.ts). */
const INSPECTION_ONLY = Array.from({ length: 13 }, () => null);

const KIND_CYCLE = ["full_inspection", "monitoring_visit", "monitoring_visit", "focused_visit", "assurance_visit", "regulatory_inspection"];
const JUDGEMENTS = ["Inadequate", "Requires improvement to be good", "Good"];

/** Writes the inspections and their recommendations; returns how many inspection reports it wrote. */
export function writeInspections(synth: Synth, places: Place[], inspectorate: Organisation): number {
  const { structure, text, uuid, row, t, anchor: ANCHOR, start, notAfterAnchor } = synth;
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
      const documentId = writeDocument(synth, {
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
          "inspection",
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
          ...INSPECTION_ONLY,
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
  return inspectionDocs;
}

/** The recommendations of a place's inspection reports published before a day. */
export const recommendationsBefore = (place: Place, d: Date) =>
  place.recommendations.filter((r) => r.publishedOn.getTime() < d.getTime()).map((r) => r.id);
