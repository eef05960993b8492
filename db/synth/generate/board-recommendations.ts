/**
 * The boards' own recommendations (issue 17), clearly synthetic: agreed at minutes of published
 * meetings (some in exempt items, so private), addressed to the place's Trust, council or partner
 * with a lead officer, received a few days later (the most recent not yet received), their
 * response due by the deadline rule itself (responseDueOn), and responses on time, late or never,
 * with each outcome; older accepted ones reviewed and judged at a later meeting of the same board.
 * So the register, the clock and the tracker have every state at size.
 *
 * Written after everything else, drawing from the same streams: the records before them are
 * unchanged. The states at the anchor are tallied with the rule the portal uses (responseState).
 */
import { RESPONSE_STATES, responseState } from "../../../app/rules/response-state.server";
import { responseDueOn } from "../../../app/rules/deadlines.server";
import type { Place } from "./bodies-and-people";
import type { BoardMinute, Synth } from "./context";
import { addDays, isoDay } from "./helpers";

/** Share of minutes (substantive items in published minutes) that agree a recommendation. */
export const RECOMMENDATION_CHANCE = 0.05;

const OUTCOMES = [
  ["accepted", 5],
  ["partially_accepted", 3],
  ["not_accepted", 2],
] as const;
const JUDGEMENTS = [
  ["implemented", 5],
  ["partly_implemented", 3],
  ["not_implemented", 1],
  ["superseded", 1],
] as const;

function count(stats: Record<string, number>, key: string) {
  stats[key] = (stats[key] ?? 0) + 1;
}

/** A board's code in its references: the initials of its name ("Synthetic Corporate Parenting Board" gives SCPB). */
export function boardCode(name: string): string {
  return name
    .split(/[\s-]+/)
    .map((w) => w.replace(/[^A-Za-z]/g, "").charAt(0))
    .join("")
    .toUpperCase();
}

/** Writes the board recommendations and their responses; returns how many it wrote. */
export function writeBoardRecommendations(synth: Synth, placeOfBody: Map<string, Place>, bodyCode: Map<string, string>): number {
  const { structure, text, uuid, row, t, anchor, stats } = synth;
  const today = isoDay(anchor);
  // Each board's minutes in order, to find a later meeting to judge at.
  const byBody = new Map<string, BoardMinute[]>();
  for (const m of synth.boardMinutes) {
    const list = byBody.get(m.bodyId) ?? [];
    list.push(m);
    byBody.set(m.bodyId, list);
  }
  for (const list of byBody.values()) list.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
  const numbers = new Map<string, number>();
  let written = 0;
  for (const m of synth.boardMinutes) {
    if (!structure.chance(RECOMMENDATION_CHANCE)) continue;
    const place = placeOfBody.get(m.bodyId);
    if (!place) continue;
    const agreedOn = isoDay(m.startsAt);
    if (agreedOn > today) continue;
    const year = m.startsAt.getUTCFullYear();
    const key = `${m.bodyId}/${year}`;
    const n = (numbers.get(key) ?? 0) + 1;
    numbers.set(key, n);
    const id = uuid();
    const ctx = { ...place.ctx, year };
    const addressee = structure.weighted([
      [place.trust, 6],
      [place.council, 3],
      [place.partner, 1],
    ] as const);
    const lead = structure.pick(addressee.officers);
    // Received a few days after the meeting; a small share never sent on, and the newest not yet.
    const receipt = isoDay(addDays(m.startsAt, structure.int(2, 21)));
    const receivedOn = receipt <= today && !structure.chance(0.03) ? receipt : null;
    const dueOn = receivedOn ? responseDueOn(receivedOn) : null;
    // The response: most come, some late, some never; none before receipt or after the anchor.
    let response: { givenOn: string; outcome: (typeof OUTCOMES)[number][0] } | null = null;
    if (receivedOn && dueOn) {
      const late = structure.chance(0.3);
      const givenOn = late ? isoDay(addDays(new Date(`${dueOn}T00:00:00Z`), structure.int(1, 120))) : isoDay(addDays(new Date(`${receivedOn}T00:00:00Z`), structure.int(10, 60)));
      const onTime = givenOn <= dueOn ? givenOn : dueOn;
      const day = late ? givenOn : onTime;
      if (day <= today && structure.chance(0.8)) response = { givenOn: day, outcome: structure.weighted(OUTCOMES) };
    }
    const reviewOn = response && response.outcome !== "not_accepted" ? isoDay(addDays(new Date(`${response.givenOn}T00:00:00Z`), structure.int(120, 300))) : null;
    // Judged at a later meeting of the same board, once the review is due.
    let judged: BoardMinute | null = null;
    if (reviewOn && reviewOn <= today && structure.chance(0.7)) {
      judged = (byBody.get(m.bodyId) ?? []).find((x) => isoDay(x.startsAt) >= reviewOn && isoDay(x.startsAt) <= today) ?? null;
    }
    const state = judged ? structure.weighted(JUDGEMENTS) : null;
    const createdAt = m.startsAt;
    row("recommendations", [
      id,
      "board",
      null,
      `${bodyCode.get(m.bodyId) ?? "SB"}/${year}/${String(n).padStart(2, "0")}`,
      "recommendation",
      t(`Synthetic recommendation: ${text.sentence(ctx, 12, 30)}`),
      n,
      null,
      null,
      null,
      null,
      m.bodyId,
      m.minuteId,
      m.meetingId,
      agreedOn,
      addressee.id,
      lead,
      receivedOn,
      dueOn,
      reviewOn,
      state,
      judged?.minuteId ?? null,
      judged ? isoDay(judged.startsAt) : null,
      judged ? t(`Synthetic judgement: ${text.sentence(ctx, 10, 25)}`) : null,
      createdAt,
      judged?.startsAt ?? createdAt,
    ]);
    if (response) {
      const at = new Date(`${response.givenOn}T12:00:00Z`);
      row("recommendation_responses", [
        uuid(),
        id,
        response.outcome,
        response.outcome === "accepted" ? "" : t(`Synthetic reasons: ${text.sentence(ctx, 10, 25)}`),
        response.outcome === "not_accepted" ? "" : t(`Synthetic action planned: ${text.sentence(ctx, 10, 25)}`),
        `Director, ${addressee.name} (synthetic)`,
        response.givenOn,
        `Synthetic executive meeting, ${response.givenOn}`,
        at,
        at,
      ]);
    }
    row("recommendation_priorities", [id, structure.pick(place.priorities)]);
    const clock = responseState({ receivedOn, period: { statutory: true }, respondedOn: response?.givenOn ?? null }, today);
    count(stats.boardRecommendations, clock.state);
    if (response) {
      count(stats.boardRecommendations, response.outcome);
      count(stats.boardRecommendations, clock.daysLate > 0 ? "late" : "on_time");
    }
    if (state) count(stats.boardRecommendations, "judged");
    if (m.exempt) count(stats.boardRecommendations, "exempt");
    written++;
  }
  return written;
}

/** Every state, outcome and timeliness the archive must have for the register, clock and tracker to be exercised. */
export const BOARD_RECOMMENDATION_KINDS = [...RESPONSE_STATES, ...OUTCOMES.map(([o]) => o), "late", "on_time", "judged"] as const;
