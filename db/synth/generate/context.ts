/**
 * What every part of the generator shares: the options and the sizes they imply,
 * the three random streams (structure, ids, text), the COPY files being written and
 * the running tallies. Each part draws from the streams in a fixed order, so the
 * same seed, flags and --anchor give the same archive, ids included.
 */
import { actionStatus, isActionOverdue, type ActionFacts } from "../../../app/rules/status.server";
import { Random } from "../prng";
import { TsvTable, type Cell } from "../tsv";
import { FIRST_NAMES, LAST_NAMES, RARE_RECORDS_AT_FULL_SIZE, TextGenerator } from "../vocabulary";
import { addDays, DAY } from "./helpers";
import { COLUMNS, LOAD_ORDER, type TableName } from "./tables";

export interface SynthOptions {
  years: number;
  bodies: number;
  scale: number;
  seed: number;
  /** "Today" in the archive: past meetings are held, later ones are scheduled. */
  anchor: Date;
}

// ---------------------------------------------------------------------------
// Sizes
// ---------------------------------------------------------------------------

/** Counts at full size (20 years, 40 bodies, scale 1). */
const FULL = { meetings: 8_000, documents: 50_000, questions: 200_000, actions: 100_000 };

export function targetCounts({ years: YEARS, bodies: BODIES, scale: SCALE }: SynthOptions) {
  const FACTOR = SCALE * (YEARS / 20) * (BODIES / 40);
  return {
    meetings: Math.max(BODIES, Math.round(FULL.meetings * FACTOR)),
    documents: Math.round(FULL.documents * FACTOR),
    questions: Math.round(FULL.questions * FACTOR),
    actions: Math.round(FULL.actions * FACTOR),
    rare: Math.max(3, Math.round(RARE_RECORDS_AT_FULL_SIZE * FACTOR)),
  };
}

export type TargetCounts = ReturnType<typeof targetCounts>;

/** Share of actions that follow a minute rather than a question. */
export const MINUTE_ACTION_SHARE = 0.15;

// ---------------------------------------------------------------------------
// The shared state
// ---------------------------------------------------------------------------

export interface Stats {
  rare: number;
  questionStatus: Record<string, number>;
  questionOverdue: number;
  actionStatus: Record<string, number>;
  actionOverdue: number;
  meetingsWith20Items: number;
  exemptItems: number;
  draftMeetings: number;
  draftDocuments: number;
  textBytes: number;
  /** The board's own recommendations by response state at the anchor, outcome, and timeliness. */
  boardRecommendations: Record<string, number>;
}

/** A minute of a substantive item in published minutes: where a board recommendation can be agreed or judged. */
export interface BoardMinute {
  minuteId: string;
  meetingId: string;
  bodyId: string;
  startsAt: Date;
  exempt: boolean;
}

export interface Synth extends SynthOptions {
  /** The end of the anchor day: anything later has not happened yet. */
  anchorEnd: Date;
  target: TargetCounts;
  /** The archive's first day, its last (meetings are scheduled 120 days past the anchor), and when its standing records were created. */
  start: Date;
  end: Date;
  created: Date;
  /** Every structural choice (counts, dates, statuses, picks). */
  structure: Random;
  /** The Markov text, from its own stream. */
  text: TextGenerator;
  /** Record ids, from their own stream. */
  uuid: () => string;
  tables: Record<TableName, TsvTable>;
  row: (name: TableName, values: Cell[]) => void;
  /** Counts a text's length towards the archive's size and returns it. */
  t: (s: string) => string;
  stats: Stats;
  /** Running numbers, for slugs, references and progress. */
  seq: { document: number; action: number; item: number; question: number };
  /** Filled by writeMeetings, read by writeBoardRecommendations (no random draws). */
  boardMinutes: BoardMinute[];
  notAfterAnchor: (d: Date | null) => Date | null;
  /** A moment between two dates. */
  during: (from: Date, to: Date) => Date;
  personName: () => string;
}

export function createSynth(options: SynthOptions, directory: string): Synth {
  const { seed: SEED, years: YEARS, anchor: ANCHOR } = options;
  const structure = new Random(SEED);
  const idRandom = new Random((SEED ^ 0x9e3779b9) >>> 0);
  const text = new TextGenerator(new Random((SEED ^ 0x85ebca6b) >>> 0));
  const ANCHOR_END = new Date(ANCHOR.getTime() + DAY - 1);
  const tables = Object.fromEntries(
    LOAD_ORDER.map((name) => [name, new TsvTable(directory, name, COLUMNS[name].split(" "))]),
  ) as Record<TableName, TsvTable>;
  const stats: Stats = {
    rare: 0,
    questionStatus: {},
    questionOverdue: 0,
    actionStatus: {},
    actionOverdue: 0,
    meetingsWith20Items: 0,
    exemptItems: 0,
    draftMeetings: 0,
    draftDocuments: 0,
    textBytes: 0,
    boardRecommendations: {},
  };
  const start = new Date(Date.UTC(ANCHOR.getUTCFullYear() - YEARS, ANCHOR.getUTCMonth(), ANCHOR.getUTCDate()));
  return {
    ...options,
    anchorEnd: ANCHOR_END,
    target: targetCounts(options),
    start,
    end: addDays(ANCHOR, 120),
    created: addDays(start, -60),
    structure,
    text,
    uuid: () => idRandom.uuid(),
    tables,
    row: (name, values) => tables[name].row(values),
    t: (s) => {
      stats.textBytes += s.length;
      return s;
    },
    stats,
    seq: { document: 0, action: 0, item: 0, question: 0 },
    boardMinutes: [],
    notAfterAnchor: (d) => (d && d.getTime() <= ANCHOR_END.getTime() ? d : null),
    during: (from, to) => {
      if (to.getTime() <= from.getTime()) return from;
      return new Date(from.getTime() + Math.floor(structure.float() * (to.getTime() - from.getTime())));
    },
    personName: () => `${structure.pick(FIRST_NAMES)} ${structure.pick(LAST_NAMES)}`,
  };
}

/** Closes the COPY files. */
export function closeTables(s: Synth) {
  for (const table of Object.values(s.tables)) table.close();
}

export function tally({ stats, anchorEnd }: Synth, a: ActionFacts) {
  const s = actionStatus(a);
  stats.actionStatus[s] = (stats.actionStatus[s] ?? 0) + 1;
  if (isActionOverdue(a, anchorEnd)) stats.actionOverdue++;
}
