/**
 * A synthetic twenty-year archive for load testing (bench/README.md).
 *
 *   npm run synth -- --years 20 --bodies 40                      # full size, PostgreSQL portal_synth
 *   npm run synth -- --scale 0.05 --pglite-dir data/synth-pglite  # a small one on PGlite
 *
 * Fills a separate database (never content/ or the default database) with
 * clearly synthetic bodies, meetings, agenda items and minutes, documents,
 * questions with responses, actions in every status, work programmes per municipal year, and the
 * boards' own recommendations in every response state (on time, late, never; judged), with text from a
 * Markov chain over the seed documents (db/synth/vocabulary.ts). The same seed,
 * flags and --anchor give the same archive, ids included.
 *
 * Steps: check the target; apply the migrations; write one COPY file per table
 * to a temporary folder; empty the target's tables; COPY the files in; VACUUM
 * ANALYZE; print row counts and timings.
 *
 * This file is the command (options, order of the steps); the parts are in
 * db/synth/generate/: context.ts (what they share: sizes, random streams, COPY
 * files, tallies), one file per domain (bodies-and-people.ts, oversight.ts,
 * meetings.ts, documents.ts, questions.ts), tables.ts, database.ts, helpers.ts.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { writeBodiesAndPeople } from "./generate/bodies-and-people";
import { closeTables, createSynth, targetCounts, type SynthOptions } from "./generate/context";
import { checkColumns, connect, load } from "./generate/database";
import { elapsed, isoDay } from "./generate/helpers";
import { scheduleMeetings, writeMeetings } from "./generate/meetings";
import { writeInspections } from "./generate/oversight";
import { writeWorkProgrammes } from "./generate/work-programme";
import { boardCode, writeBoardRecommendations } from "./generate/board-recommendations";
import { LOAD_ORDER, type TableName } from "./generate/tables";
import { DEFAULT_SYNTH_DATABASE_URL, pgliteTarget, postgresTarget, redact, type SynthTarget } from "./target";
import { RARE_TERM, SYNTHETIC_NOTE } from "./vocabulary";

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
// Generation, domain by domain, in a fixed order (each draws from the same streams)
// ---------------------------------------------------------------------------

function generate(directory: string) {
  const started = Date.now();
  const synth = createSynth(OPTIONS, directory);
  const { inspectorate, places, bodies } = writeBodiesAndPeople(synth);
  const inspectionDocs = writeInspections(synth, places, inspectorate);
  const meetings = scheduleMeetings(synth, bodies);
  const takenAt = new Map<string, string>();
  writeMeetings(synth, meetings, inspectionDocs, inspectorate, takenAt);
  writeWorkProgrammes(synth, bodies, meetings, takenAt);
  // Last, so the records above are the same as before they existed.
  writeBoardRecommendations(synth, new Map(bodies.map((b) => [b.id, b.place])), new Map(bodies.map((b) => [b.id, boardCode(b.name)])));

  synth.row("settings", [
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
  console.log(`Generated in ${elapsed(started)}: ${(synth.stats.textBytes / 1e6).toFixed(0)} MB of text.`);
  return { tables: synth.tables, stats: synth.stats };
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
    console.log("Board recommendations (response state at the anchor, outcome, timeliness):", stats.boardRecommendations);
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
