/**
 * The synthetic archive's board recommendations (issue 17): a small archive has every response
 * state at its anchor, each outcome, responses on time and late, judged ones, all labelled
 * synthetic, each reference once per board, due days from the deadline rule, and the rows the
 * COPY files hold match their column lists. The records written before them do not change.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { responseDueOn } from "../../../app/rules/deadlines.server";
import { writeBodiesAndPeople } from "./bodies-and-people";
import { BOARD_RECOMMENDATION_KINDS, boardCode, writeBoardRecommendations } from "./board-recommendations";
import { closeTables, createSynth, type SynthOptions } from "./context";
import { scheduleMeetings, writeMeetings } from "./meetings";
import { writeInspections } from "./oversight";
import { COLUMNS } from "./tables";

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

function archive(withRecommendations: boolean) {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), "synth-board-recs-"));
  dirs.push(directory);
  const options: SynthOptions = { years: 4, bodies: 8, scale: 1, seed: 20061, anchor: new Date("2026-05-01T00:00:00Z") };
  const synth = createSynth(options, directory);
  const log = console.log;
  console.log = () => {};
  try {
    const { inspectorate, places, bodies } = writeBodiesAndPeople(synth);
    const docs = writeInspections(synth, places, inspectorate);
    writeMeetings(synth, scheduleMeetings(synth, bodies), docs, inspectorate);
    if (withRecommendations) writeBoardRecommendations(synth, new Map(bodies.map((b) => [b.id, b.place])), new Map(bodies.map((b) => [b.id, boardCode(b.name)])));
  } finally {
    console.log = log;
  }
  closeTables(synth);
  const read = (table: keyof typeof COLUMNS) => {
    const columns = COLUMNS[table].split(" ");
    return fs
      .readFileSync(path.join(directory, `${table}.tsv`), "utf8")
      .split("\n")
      .filter(Boolean)
      .map((line) => Object.fromEntries(line.split("\t").map((v, i) => [columns[i], v === "\\N" ? null : v])));
  };
  return { synth, read, directory };
}

describe("the synthetic board recommendations", () => {
  const { synth, read, directory } = archive(true);

  it("have every response state at the anchor, each outcome, on time and late, and judged ones", () => {
    for (const kind of BOARD_RECOMMENDATION_KINDS) expect(synth.stats.boardRecommendations[kind] ?? 0, kind).toBeGreaterThan(0);
  });

  it("are labelled synthetic, referenced once per board, due by the deadline rule", () => {
    const board = read("recommendations").filter((r) => r.source === "board");
    expect(board.length).toBeGreaterThan(50);
    const refs = new Set<string>();
    for (const r of board) {
      expect(r.text).toMatch(/^Synthetic recommendation: /);
      const key = `${r.body_id} ${r.reference}`;
      expect(refs.has(key), key).toBe(false);
      refs.add(key);
      expect(r.response_due_on).toBe(r.received_on ? responseDueOn(r.received_on) : null);
      expect(r.agreed_at_minute_id).not.toBeNull();
    }
    const responses = read("recommendation_responses");
    const byId = new Map(board.map((r) => [r.id, r]));
    for (const response of responses) {
      const rec = byId.get(response.recommendation_id!)!;
      expect(response.given_on! >= rec.received_on!).toBe(true);
      expect(response.given_on! <= "2026-05-01").toBe(true);
      if (response.outcome !== "accepted") expect(response.reasons).toMatch(/^Synthetic reasons: /);
    }
    expect(read("recommendations").filter((r) => r.source === "inspection").length).toBeGreaterThan(0);
  });

  it("leave the records written before them as they were", () => {
    const without = archive(false);
    for (const table of ["meetings", "questions", "actions", "minutes"] as const) {
      expect(fs.readFileSync(path.join(without.directory, `${table}.tsv`), "utf8"), table).toBe(fs.readFileSync(path.join(directory, `${table}.tsv`), "utf8"));
    }
  });
});
