/**
 * What the server log may say about an error. A failed query is logged by its
 * shape (the SQL with its $1, $2 placeholders) and its error code, never its
 * parameters: those hold session ids, one-time tokens, e-mail addresses and
 * passwords' hashes. drizzle's own message ("Failed query: ... params: ...") and
 * PostgreSQL's message and detail (`Key (id)=(<value>) already exists`,
 * `invalid input syntax for type uuid: "<value>"`) can quote them, so neither is
 * logged as it is. Every log line about an error goes through `describeError`.
 */

interface ErrorLike {
  name?: unknown;
  message?: unknown;
  stack?: unknown;
  code?: unknown;
  cause?: unknown;
  query?: unknown;
  params?: unknown;
  severity?: unknown;
  routine?: unknown;
  table_name?: unknown;
  column_name?: unknown;
  constraint_name?: unknown;
}

const text = (value: unknown) => (typeof value === "string" ? value : undefined);

/** A query's shape: its SQL text, which drizzle always writes with placeholders for values. */
export function queryShape(sql: string, max = 400): string {
  const oneLine = sql.replace(/\s+/g, " ").trim();
  return oneLine.length > max ? `${oneLine.slice(0, max)}…` : oneLine;
}

/** PostgreSQL's message with anything it quotes taken out (identifiers are given separately). */
function redactedServerMessage(message: string): string {
  return message.replace(/"[^"]*"/g, '"…"').replace(/'[^']*'/g, "'…'").replace(/\([^()]*\)=\([^()]*\)/g, "(…)=(…)");
}

/** The call sites of a stack, without its first lines (they repeat the message). */
function frames(stack: unknown, max = 8): string {
  if (typeof stack !== "string") return "";
  const lines = stack.split("\n").filter((line) => /^\s+at /.test(line));
  return lines.length ? `\n${lines.slice(0, max).join("\n")}` : "";
}

/** Errors the database or its driver raised: a PostgreSQL error, or the driver's own (connection) error. */
function isDatabaseError(e: ErrorLike): boolean {
  return (
    e.name === "PostgresError" ||
    (typeof e.severity === "string" && typeof e.code === "string") ||
    /^(CONNECTION_|CONNECT_TIMEOUT|MAX_PARAMETERS|UNSAFE_TRANSACTION|NOT_TAGGED_CALL)/.test(text(e.code) ?? "")
  );
}

function describeDatabaseError(e: ErrorLike): string {
  const code = text(e.code) ?? "unknown";
  const parts = [`${text(e.name) ?? "Error"} ${code}`];
  const message = text(e.message);
  // The driver's connection errors say only what went wrong where ("write CONNECTION_CLOSED host:port").
  if (message) parts.push(e.name === "PostgresError" || e.severity ? redactedServerMessage(message) : message);
  for (const [label, value] of [
    ["table", e.table_name],
    ["column", e.column_name],
    ["constraint", e.constraint_name],
  ] as const) {
    if (text(value)) parts.push(`${label} ${value}`);
  }
  return parts.join(": ");
}

/**
 * One log entry for an error, safe to write: for a failed query its shape and
 * SQLSTATE, for a database error its code and redacted message, for anything
 * else its name, message and call sites. Causes are followed.
 */
export function describeError(error: unknown, depth = 0): string {
  if (error === null || typeof error !== "object") return String(error);
  const e = error as ErrorLike;
  if (depth > 3) return text(e.name) ?? "Error";
  const cause = e.cause !== undefined ? `\n  caused by ${describeError(e.cause, depth + 1)}` : "";
  // drizzle's DrizzleQueryError: { query, params, cause }; its message lists the params.
  if (typeof e.query === "string" && "params" in e) {
    const code = sqlStateOf(e.cause) ?? "unknown";
    return `Failed query (code ${code}): ${queryShape(e.query)}${cause}${depth === 0 ? frames(e.stack) : ""}`;
  }
  if (isDatabaseError(e)) return `${describeDatabaseError(e)}${depth === 0 ? frames(e.stack, 4) : ""}`;
  const name = text(e.name) ?? "Error";
  const message = text(e.message) ?? "";
  return `${name}: ${message}${depth === 0 ? frames(e.stack) : ""}${cause}`;
}

function sqlStateOf(error: unknown): string | undefined {
  const code = (error as ErrorLike | null)?.code;
  return typeof code === "string" ? code : undefined;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A request's address as the log may show it: the path without its query string,
 * and any long segment that is not a record's UUID (a reset, invitation or follow
 * token in `/reset-password/<token>`) replaced by "…".
 */
export function logPath(url: string): string {
  let pathname: string;
  try {
    pathname = new URL(url, "http://localhost").pathname;
  } catch {
    return "(unreadable address)";
  }
  return pathname
    .split("/")
    .map((segment) => (segment.length >= 20 && !UUID.test(segment) ? "…" : segment))
    .join("/");
}

/** Writes an error to the log (stderr) with a prefix saying where it happened. */
export function logError(where: string, error: unknown) {
  console.error(`[${where}] ${describeError(error)}`);
}
