/**
 * The hostile-input test's corpus and checks (tests/e2e/hostile-input.e2e.ts,
 * issue 20 item 2; docs/decisions/029-hostile-input-measured.md):
 * - the classes of bad input, each with a few values, and a sampler with a fixed
 *   seed that picks one value of every class for every field (the largest
 *   payloads only for a sample of fields), so a run is the same run every time;
 * - the checks on an answer: no stack trace in the body, no script from a payload
 *   that would run (a <script>, an on* attribute, a javascript: or data: address),
 *   and a rejected field answered beside the field with what was typed kept.
 */

/** A value to send; `raw` is already form-encoded (bytes that are not UTF-8). */
export interface HostileValue {
  cls: HostileClass;
  value: string;
  raw?: string;
  /** Shown in a failure instead of the value (the long ones). */
  label?: string;
}

export type HostileClass =
  | "long"
  | "nul"
  | "invalid-utf8"
  | "control"
  | "script"
  | "markdown-link"
  | "sql"
  | "number"
  | "date"
  | "blank"
  | "forged-id";

/** Marks every script a payload carries, so the rendered HTML can be searched for it. */
export const MARK = "hostile_xss";
/** The data: payload's base64 (it carries the marker encoded). */
const DATA_MARK = "PHNjcmlwdD5ob3N0aWxlX3hzcyg2KTwvc2NyaXB0Pg";
/** An id no record has (and the route list's unknown id). */
export const UNKNOWN_UUID = "00000000-0000-4000-8000-000000000000";

const SCRIPT = [
  `<script>${MARK}(1)</script>`,
  `"><img src=x onerror=${MARK}(2)>`,
  `<svg onload=${MARK}(3)>`,
  `'"><a href="javascript:${MARK}(4)">x</a>`,
];
const MARKDOWN_LINK = [
  `[click](javascript:${MARK}(5))`,
  `[data](data:text/html;base64,PHNjcmlwdD5ob3N0aWxlX3hzcyg2KTwvc2NyaXB0Pg==)`,
  `<iframe src="javascript:${MARK}(7)"></iframe>\n\n<a href="javascript:${MARK}(8)">raw</a>`,
  `![img](x" onerror="${MARK}(9))\n\n<div onclick="${MARK}(10)">raw html</div>`,
  `[spaced](  JaVaScRiPt:${MARK}(11))`,
];
const SQL = ["' OR '1'='1", "1; DROP TABLE users; --", "%' UNION SELECT password_hash FROM users --", "\\'; SELECT pg_sleep(0); --"];
const NUMBER = ["-1", "0", "99999999999999999999999", "1e309", "NaN", "2.5", "-0", "0x10"];
const DATE = ["2026-02-30", "0000-00-00", "99999-12-31", "2026-13-01", "31/31/2026", "-1", "1970-01-01T25:61:61Z"];
const CONTROL = ["a\u0001b\u001Fc", "line one\r\nline two", "\u202Ehidden\u202C", "\uD83D\uDCA5 emoji \u200B zero width"];
const BLANK = ["", "   ", "\t"];

/** A small deterministic random source (mulberry32). */
export function seeded(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    pick<T>(list: readonly T[]): T {
      return list[Math.floor(next() * list.length)];
    },
    chance(p: number) {
      return next() < p;
    },
  };
}
export type Sampler = ReturnType<typeof seeded>;

/** Sizes of the long class: every field gets a long value; a sample gets 100 kB, a few more than a form may hold. */
export const LONG = { every: 5_000, sampled: 100_000, overLimit: 1_100_000 };

/**
 * Values of bad input for one field: script and, in turn, HOSTILE_CLASSES - 1 of the other classes
 * (every class with HOSTILE_CLASSES=all). `ids` are real ids of other records (forged into id
 * fields). The long value is 100 kB for about one field in four.
 */
export function corpusFor(sampler: Sampler, ids: string[]): HostileValue[] {
  const all = everyClass(sampler, ids);
  if (CLASSES_PER_FIELD >= all.length) return all;
  // Script always; the other classes in turn, field after field, so each class reaches as many
  // fields as the others and the whole corpus is sent across the run.
  const others = all.filter((v) => v.cls !== "script");
  const chosen = Array.from({ length: CLASSES_PER_FIELD - 1 }, (_, i) => others[(rotation + i) % others.length]);
  rotation = (rotation + CLASSES_PER_FIELD - 1) % others.length;
  return [all.find((v) => v.cls === "script")!, ...chosen];
}

/**
 * How many classes of bad input each field and parameter is sent: HOSTILE_CLASSES (default 3,
 * which keeps the run to a few minutes in CI); HOSTILE_CLASSES=all sends every class to every field.
 */
const CLASSES_PER_FIELD = process.env.HOSTILE_CLASSES === "all" ? Infinity : Math.max(2, Number(process.env.HOSTILE_CLASSES ?? 3));
let rotation = 0;

function everyClass(sampler: Sampler, ids: string[]): HostileValue[] {
  const longSize = sampler.chance(0.25) ? LONG.sampled : LONG.every;
  const forged = sampler.pick([UNKNOWN_UUID, ...ids, "not-an-id", "../../etc/passwd", "1"]);
  return [
    { cls: "long", value: sampler.pick(["A", "é", "<b>", "%"]).repeat(longSize / 3) .slice(0, longSize), label: `${longSize / 1000} kB` },
    { cls: "nul", value: sampler.pick(["a\u0000b", "\u0000", "slug\u0000<script>"]) },
    { cls: "invalid-utf8", value: "\uFFFD", raw: sampler.pick(["%C3%28", "%FF%FE", "abc%E2%82", "%ED%A0%80"]) },
    { cls: "control", value: sampler.pick(CONTROL) },
    { cls: "script", value: sampler.pick(SCRIPT) },
    { cls: "markdown-link", value: sampler.pick(MARKDOWN_LINK) },
    { cls: "sql", value: sampler.pick(SQL) },
    { cls: "number", value: sampler.pick(NUMBER) },
    { cls: "date", value: sampler.pick(DATE) },
    { cls: "blank", value: sampler.pick(BLANK) },
    { cls: "forged-id", value: forged },
  ];
}

/** Form-encodes fields (a value's `raw` is sent as it is). */
export function urlEncoded(fields: [string, HostileValue | string][]): string {
  return fields
    .map(([name, v]) => {
      const value = typeof v === "string" ? encodeURIComponent(v) : (v.raw ?? encodeURIComponent(v.value));
      return `${encodeURIComponent(name)}=${value}`;
    })
    .join("&");
}

/** A multipart body of the fields (a value's `raw` is decoded to its bytes). */
export function multipart(fields: [string, HostileValue | string][], boundary: string): Buffer {
  const parts: Buffer[] = [];
  for (const [name, v] of fields) {
    const bytes =
      typeof v === "string" ? Buffer.from(v) : v.raw ? Buffer.from(v.raw.replace(/%([0-9A-F]{2})/gi, (_, h) => String.fromCharCode(parseInt(h, 16))), "latin1") : Buffer.from(v.value);
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n`), bytes, Buffer.from("\r\n"));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return Buffer.concat(parts);
}

/** Text of a stack trace or an internal error in a body, or null. */
export function stackTraceIn(body: string): string | null {
  const patterns = [
    /\n\s+at [\w$.<>\[\] ]+ \(?(?:file:|node:|\/)[^\n]*:\d+:\d+\)?/,
    /\bat (?:Object|Module|async|process)\.[\w$<>]+ \(/,
    /node_modules\//,
    /\/work\/|\/app\/(?:routes|models|utils)\/[\w.-]+\.tsx?/,
    /\b(?:TypeError|ReferenceError|RangeError|SyntaxError|PostgresError|DrizzleError|ZodError):/,
    /\bfailed query:|\bsyntax error at or near\b|\binvalid input syntax for type\b/i,
  ];
  for (const pattern of patterns) {
    const match = body.match(pattern);
    if (match) return match[0].trim().slice(0, 160);
  }
  return null;
}

/**
 * Script from a payload that would run in the HTML: the marker inside a real
 * <script> element, an on* attribute of a real element, or a javascript: or
 * data: address in an href/src/action. Escaped text (&lt;script&gt;) is harmless.
 */
export function renderedScriptIn(html: string): string[] {
  const found: string[] = [];
  // A payload's own <script> element (Remix's serialised data mentions the marker inside a string: not code).
  const scriptBlock = html.match(new RegExp(`<script\\b[^>]*>\\s*${MARK}`, "i"));
  if (scriptBlock) found.push(`a <script> element from a payload: ${scriptBlock[0].slice(0, 140)}`);
  for (const tag of html.matchAll(/<[a-z][a-z0-9-]*(?:\s[^<>]*)?>/gi)) {
    if (!tag[0].includes(MARK) && !tag[0].includes(DATA_MARK) && !/(?:javascript|vbscript|data):/i.test(tag[0])) continue;
    for (const [name, value] of Object.entries(attributes(tag[0]))) {
      if (/^on/.test(name) && value.includes(MARK)) found.push(`an on* attribute from a payload: ${tag[0].slice(0, 140)}`);
      if (/^(?:href|src|action|formaction|xlink:href|srcdoc)$/.test(name) && /^\s*(?:javascript|vbscript|data):/i.test(value) && (value.includes(MARK) || value.includes(DATA_MARK))) {
        found.push(`a javascript:/data: address from a payload: ${tag[0].slice(0, 140)}`);
      }
    }
  }
  return found;
}

/** HTML-escapes as React does for text and attribute values. */
export function escapeAsReact(value: string): string {
  return value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#x27;");
}

/** A start tag's attributes, read left to right (a quoted value is never read as attributes). */
function attributes(tag: string): Record<string, string> {
  const out: Record<string, string> = {};
  const name = tag.match(/^<[a-z][a-z0-9-]*/i);
  const pattern = /\s*([^\s=>\/"']+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?|\s*\/?>|\s+|./gy;
  pattern.lastIndex = name ? name[0].length : 0;
  for (let m = pattern.exec(tag); m; m = pattern.exec(tag)) {
    if (m[1]) out[m[1].toLowerCase()] = m[2] ?? m[3] ?? m[4] ?? "";
    if (pattern.lastIndex >= tag.length) break;
  }
  return out;
}

/** The element with an id, as its opening tag, or null. */
function elementById(html: string, id: string): { tag: string; attrs: Record<string, string>; at: number } | null {
  const escaped = escapeAsReact(id).replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const match = html.match(new RegExp(`<([a-z][a-z0-9]*)\\b[^<>]*\\sid="${escaped}"[^<>]*>`, "i"));
  return match ? { tag: match[1].toLowerCase(), attrs: attributes(match[0]), at: match.index ?? 0 } : null;
}

/** A GOV.UK error message in the form group around a position (a group of checkboxes or radios, a date). */
function inSameFormGroup(html: string, at: number): boolean {
  const start = html.lastIndexOf("govuk-form-group", at);
  if (start < 0) return false;
  const next = html.indexOf("govuk-form-group", at);
  const group = html.slice(start, next < 0 ? undefined : next);
  return /govuk-error-message/.test(group) && /govuk-form-group--error/.test(html.slice(Math.max(0, start - 40), start + 60));
}

/**
 * The fieldset around a position points (aria-describedby) at a GOV.UK error message:
 * the date input's pattern (app/components/date-input.tsx), where the message is the
 * fieldset's, not each box's.
 */
function inDescribedFieldset(html: string, at: number): boolean {
  const start = html.lastIndexOf("<fieldset", at);
  if (start < 0 || html.lastIndexOf("</fieldset>", at) > start) return false;
  const tag = html.slice(start).match(/^<fieldset\b[^<>]*>/i);
  if (!tag) return false;
  const describedBy = (attributes(tag[0])["aria-describedby"] ?? "").split(/\s+/).filter(Boolean);
  return describedBy.some((d) => /govuk-error-message/.test(elementById(html, d)?.attrs.class ?? ""));
}

/**
 * A form page answered with errors: each link of the error summary leads to a
 * field on the page that points (aria-describedby) at its own error message.
 * Returns what is wrong, and the ids the summary names.
 */
export function errorsBesideFields(html: string): { problems: string[]; fieldIds: string[] } {
  const summary = html.match(/<div[^>]*class="[^"]*govuk-error-summary[\s\S]*?<\/ul>/i);
  if (!summary) return { problems: ["an error answer without an error summary"], fieldIds: [] };
  const fieldIds = [...summary[0].matchAll(/href="#([^"]+)"/g)].map((m) => m[1].replace(/&quot;/g, '"').replace(/&amp;/g, "&"));
  // A summary with no links holds only messages about the whole form (it changed meanwhile, a forged intent).
  const problems: string[] = [];
  for (const id of fieldIds) {
    const field = elementById(html, id);
    if (!field) {
      problems.push(`the error summary links to #${id}, which is not on the page`);
      continue;
    }
    // A link to a section (a heading, a table) needs no message beside it: only a field does.
    if (!["input", "select", "textarea", "fieldset"].includes(field.tag)) continue;
    const describedBy = (field.attrs["aria-describedby"] ?? "").split(/\s+/).filter(Boolean);
    const beside =
      describedBy.some((d) => {
        const message = elementById(html, d);
        return message !== null && /govuk-error-message/.test(message.attrs.class ?? "");
      }) ||
      inSameFormGroup(html, field.at) ||
      inDescribedFieldset(html, field.at);
    if (!beside) problems.push(`#${id} (a ${field.tag}) has no error message beside it (aria-describedby="${describedBy.join(" ")}")`);
  }
  return { problems, fieldIds };
}

/** True when the page still shows the value typed into the field with this id. */
export function valueKept(html: string, id: string, value: string): boolean {
  const field = elementById(html, id);
  const typed = escapeAsReact(value.replace(/\r\n/g, "\n").trim());
  if (!field) return false;
  if (field.tag === "input") return (field.attrs.value ?? "") === typed || (field.attrs.value ?? "").trim() === typed;
  if (field.tag === "textarea") {
    const match = html.match(new RegExp(`<textarea\\b[^>]*\\sid="${escapeAsReact(id)}"[^>]*>([\\s\\S]*?)</textarea>`, "i"));
    return match !== null && match[1].replace(/^\n/, "").trim() === typed;
  }
  return true; // a select or a group of radios shows its choices, not what was typed
}
