/**
 * A record's history in words: what changed between two kept versions, said as a person
 * reads it ("Start changed from 6pm to 6:30pm on 10 December 2026 by Demo Clerk"), with
 * the board's labels for the fields, dates and times as every page writes them
 * (dates.server.ts), linked records by their names ("another record" where the name
 * cannot be found), and never a raw field name, id or ISO string. Long text (Markdown)
 * is shown as the lines added and removed; blank lines are never listed.
 */
import { formatDate, formatTime, isoDay } from "./dates.server";

/** How one field of a record is worded. */
export type FieldSpec =
  | { label: string; kind: "text" }
  /** Markdown: the lines added and removed. */
  | { label: string; kind: "long" }
  /** A yes/no: the sentence for each ("Marked as exempt", "No longer exempt"). */
  | { label: string; kind: "flag"; on: string; off: string }
  | { label: string; kind: "choice"; labels: Record<string, string> }
  /** A meeting's start (an instant): its date and its start time, each said on its own. */
  | { label: string; kind: "start"; dateLabel: string }
  /** An instant whose time of day is what matters (a meeting's end: its day is the start's). */
  | { label: string; kind: "time" }
  /** The id of a linked record, said by its name. */
  | { label: string; kind: "record" };

export type FieldSpecs = Record<string, FieldSpec>;

export type DiffLine = { kind: "same" | "added" | "removed"; text: string };

/** A line diff (longest common subsequence of lines). */
export function lineDiff(before: string, after: string): DiffLine[] {
  const a = before.split("\n");
  const b = after.split("\n");
  const n = a.length;
  const m = b.length;
  const lcs: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i][j] = a[i] === b[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
    }
  }
  const out: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) {
      out.push({ kind: "same", text: a[i] });
      i++;
      j++;
    } else if (lcs[i + 1][j] >= lcs[i][j + 1]) {
      out.push({ kind: "removed", text: a[i++] });
    } else {
      out.push({ kind: "added", text: b[j++] });
    }
  }
  while (i < n) out.push({ kind: "removed", text: a[i++] });
  while (j < m) out.push({ kind: "added", text: b[j++] });
  return out;
}

export interface ChangeLine {
  kind: "added" | "removed";
  text: string;
}

/** One change in words: the sentence, and for long text the lines added and removed. */
export interface WordedChange {
  sentence: string;
  lines: ChangeLine[];
}

/** A field's value as it was first recorded. */
export interface WordedValue {
  label: string;
  value: string;
}

/** Names of linked records by id (null where the record cannot be found). */
export type NameOf = (id: string) => string | null;

const ANOTHER_RECORD = "another record";
const ANOTHER_DETAIL = "Another detail";

const isEmpty = (v: unknown) => v === null || v === undefined || (typeof v === "string" && v.trim() === "");
const asString = (v: unknown) => (isEmpty(v) ? "" : String(v));
const quoted = (v: string) => `“${v}”`;

function asInstant(v: unknown): Date | null {
  if (isEmpty(v)) return null;
  const d = new Date(String(v));
  return Number.isNaN(d.getTime()) ? null : d;
}

/** A field's value in words (for set/removed/changed), or "" when empty. */
function valueText(spec: FieldSpec, v: unknown, nameOf: NameOf): string {
  if (isEmpty(v)) return "";
  switch (spec.kind) {
    case "text":
    case "long":
      return quoted(asString(v));
    case "flag":
      return v === true || v === "true" ? "Yes" : "No";
    case "choice":
      return spec.labels[String(v)] ?? ANOTHER_DETAIL.toLowerCase();
    case "record":
      return nameOf(String(v)) ?? ANOTHER_RECORD;
    case "start":
    case "time": {
      const d = asInstant(v);
      return d ? `${formatTime(d)} on ${formatDate(d)}` : "";
    }
  }
}

/** "X changed from A to B", "X set to B", "X removed (was A)". */
function fromTo(label: string, before: string, after: string): string {
  if (!before) return `${label} set to ${after}`;
  if (!after) return `${label} removed (was ${before})`;
  return `${label} changed from ${before} to ${after}`;
}

function lowerFirst(label: string) {
  return label.charAt(0).toLowerCase() + label.slice(1);
}

/** The changes to one field, as sentences without who and when. */
function fieldChanges(spec: FieldSpec, before: unknown, after: unknown, nameOf: NameOf): WordedChange[] {
  const one = (sentence: string, lines: ChangeLine[] = []) => [{ sentence, lines }];
  switch (spec.kind) {
    case "long": {
      const a = asString(before);
      const b = asString(after);
      const lines = lineDiff(a, b).filter((l): l is ChangeLine => l.kind !== "same" && l.text.trim() !== "");
      if (!a) return one(`${spec.label} written`, lines);
      if (!b) return one(`${spec.label} removed`, lines);
      return one(lines.length ? `${spec.label} changed` : `Blank lines in the ${lowerFirst(spec.label)} changed`, lines);
    }
    case "flag":
      return one(valueText(spec, after, nameOf) === "Yes" ? spec.on : spec.off);
    case "start": {
      const a = asInstant(before);
      const b = asInstant(after);
      if (!a || !b) return one(fromTo(spec.label, valueText(spec, before, nameOf), valueText(spec, after, nameOf)));
      const changes: WordedChange[] = [];
      if (isoDay(a) !== isoDay(b)) changes.push({ sentence: fromTo(spec.dateLabel, formatDate(a), formatDate(b)), lines: [] });
      if (formatTime(a) !== formatTime(b)) changes.push({ sentence: fromTo(spec.label, formatTime(a), formatTime(b)), lines: [] });
      return changes;
    }
    case "time": {
      // Its day follows the start's (said there): only the time of day is a change of its own.
      const a = asInstant(before);
      const b = asInstant(after);
      const [ta, tb] = [a ? formatTime(a) : "", b ? formatTime(b) : ""];
      return ta === tb ? [] : one(fromTo(spec.label, ta, tb));
    }
    default:
      return one(fromTo(spec.label, valueText(spec, before, nameOf), valueText(spec, after, nameOf)));
  }
}

function same(a: unknown, b: unknown): boolean {
  if (isEmpty(a) && isEmpty(b)) return true;
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Who and when, as the end of each sentence: "on 10 December 2026 by Demo Clerk". */
export function byWhom(at: Date, author: string | null): string {
  return author ? `on ${formatDate(at)} by ${author}` : `on ${formatDate(at)} (who made it was not recorded)`;
}

/**
 * What changed from one version to the next, in words: one sentence per change, each
 * ending with when and by whom. Fields without a label are said as "Another detail".
 */
export function describeChanges(
  specs: FieldSpecs,
  before: Record<string, unknown>,
  after: Record<string, unknown>,
  who: { at: Date; author: string | null },
  nameOf: NameOf,
): WordedChange[] {
  const keys = [...Object.keys(specs), ...Object.keys({ ...before, ...after }).filter((k) => !Object.hasOwn(specs, k))];
  const changes: WordedChange[] = [];
  let unlabelled = false;
  for (const key of keys) {
    if (same(before[key], after[key])) continue;
    const spec = specs[key];
    if (!spec) {
      unlabelled = true;
      continue;
    }
    changes.push(...fieldChanges(spec, before[key], after[key], nameOf));
  }
  if (unlabelled) changes.push({ sentence: `${ANOTHER_DETAIL} changed`, lines: [] });
  const suffix = byWhom(who.at, who.author);
  return changes.map((c) => ({ sentence: `${c.sentence} ${suffix}`, lines: c.lines }));
}

/** A version's fields as first recorded: each labelled, empty ones left out. */
export function describeValues(specs: FieldSpecs, data: Record<string, unknown>, nameOf: NameOf): WordedValue[] {
  return Object.entries(specs).flatMap(([key, spec]) => {
    const v = data[key];
    if (isEmpty(v)) return [];
    if (spec.kind === "start") {
      const d = asInstant(v);
      return d ? [{ label: spec.dateLabel, value: formatDate(d) }, { label: spec.label, value: formatTime(d) }] : [];
    }
    if (spec.kind === "time") {
      const d = asInstant(v);
      return d ? [{ label: spec.label, value: formatTime(d) }] : [];
    }
    if (spec.kind === "long") return [{ label: spec.label, value: asString(v) }];
    if (spec.kind === "flag") return [{ label: spec.label, value: valueText(spec, v, nameOf) }];
    const text = valueText(spec, v, nameOf);
    return [{ label: spec.label, value: spec.kind === "text" ? asString(v) : text }];
  });
}
