/**
 * A database that cannot be reached is an outage, not a bug: the request that
 * meets it is answered 503 with the "service unavailable" page, the process keeps
 * serving, and the driver reconnects when the database is back
 * (docs/decisions/015-postgres-driver-patch.md).
 *
 * Every route's loader and action is wrapped once, when the app is created: an
 * error that says the database connection is gone (or refused, or shutting down)
 * is logged in one line, by its code, and becomes a thrown 503 Response, which
 * Remix renders with the route's error boundary (the same on the server and in
 * the browser). Any other error goes on as it was.
 */
import type { ServerBuild } from "@remix-run/node";
import { describeError, logPath } from "../utils/error-log";
import { trackingWrites } from "../utils/write-outcome.server";

/** The driver's and Node's codes for a connection that is gone or cannot be made. */
const CONNECTION_CODES = new Set([
  "CONNECTION_CLOSED",
  "CONNECTION_ENDED",
  "CONNECTION_DESTROYED",
  "CONNECT_TIMEOUT",
  "ECONNREFUSED",
  "ECONNRESET",
  "EPIPE",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENOTFOUND",
  "EAI_AGAIN",
]);

/** SQLSTATEs of a server that is going away, not accepting connections, or ended the session. */
const SERVER_UNAVAILABLE = new Set([
  "57P01", // admin_shutdown (also pg_terminate_backend)
  "57P02", // crash_shutdown
  "57P03", // cannot_connect_now (starting up, shutting down, in recovery)
  "57P05", // idle_session_timeout
  "53300", // too_many_connections
  "25P03", // idle_in_transaction_session_timeout
]);

/** Whether an error (or its cause, as drizzle wraps them) says the database cannot be reached. */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (error === null || typeof error !== "object" || depth > 4) return false;
  const e = error as { code?: unknown; cause?: unknown; errors?: unknown };
  if (typeof e.code === "string") {
    if (CONNECTION_CODES.has(e.code) || SERVER_UNAVAILABLE.has(e.code) || e.code.startsWith("08")) return true;
  }
  if (Array.isArray(e.errors) && e.errors.some((inner) => isDatabaseUnavailable(inner, depth + 1))) return true;
  return isDatabaseUnavailable(e.cause, depth + 1);
}

export const DATABASE_UNAVAILABLE_TEXT = "The portal cannot reach its database. Try again in a few minutes.";
/** How long a client is asked to wait before trying again after a 503. */
export const RETRY_AFTER_SECONDS = "30";

type DataFunction = (args: { request: Request }) => unknown;

/**
 * How long a page's loader may wait while the database is failing before it is
 * answered 503: a query queued while the database is away waits for a
 * connection (the driver keeps trying), and no reader should wait past a few
 * seconds for that. One second more than the statement timeout, so a query that
 * is merely slow still answers with its own error. The limit applies only while
 * connection faults have been seen in the last 30 s: a busy but healthy database
 * is waited for (a 503 then would be an error the load caused, not the outage).
 * Actions have no such limit: they may be reading a large upload.
 */
const LOADER_DEADLINE_MS = Number(process.env.STATEMENT_TIMEOUT_MS ?? 5_000) + 1_000;
const FAULT_MEMORY_MS = 30_000;
let lastFaultAt = 0;

class LoaderDeadline extends Error {
  code = "CONNECT_TIMEOUT";
  constructor() {
    super(`no answer from the database within ${LOADER_DEADLINE_MS} ms while it is failing`);
  }
}

async function withinDeadline<T>(work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    const check = () => {
      if (Date.now() - lastFaultAt < FAULT_MEMORY_MS) reject(new LoaderDeadline());
      else timer = setTimeout(check, 1_000);
    };
    timer = setTimeout(check, LOADER_DEADLINE_MS);
  });
  try {
    return await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

function answered503(fn: DataFunction, routeId: string, kind: "loader" | "action"): DataFunction {
  return async (args) => {
    // An action is told apart: did any of its transactions send COMMIT before the fault?
    const tracked = kind === "action" ? trackingWrites(async () => fn(args)) : null;
    try {
      return await (tracked ? tracked.result : withinDeadline(Promise.resolve(fn(args))));
    } catch (error) {
      if (!isDatabaseUnavailable(error)) throw error;
      if (!(error instanceof LoaderDeadline)) lastFaultAt = Date.now();
      const outcome = tracked?.outcome();
      console.error(
        `[database] unavailable (${args.request.method} ${logPath(args.request.url)}, route ${routeId}${outcome ? `, ${outcome}` : ""}): ${describeError(error)}`,
      );
      // The error page reads the body: for a form, whether the change was stored (app/utils/write-outcome.ts).
      throw new Response(outcome ?? DATABASE_UNAVAILABLE_TEXT, {
        status: 503,
        statusText: "Service Unavailable",
        headers: { "Content-Type": "text/plain; charset=utf-8", "Retry-After": RETRY_AFTER_SECONDS, "Cache-Control": "no-store" },
      });
    }
  };
}

/** The build with every loader and action answering 503 when the database cannot be reached. */
export function answerDatabaseFaultsWith503(build: ServerBuild): ServerBuild {
  const routes: ServerBuild["routes"] = {};
  for (const [id, route] of Object.entries(build.routes)) {
    if (!route) continue;
    const module = { ...route.module } as Record<string, unknown>;
    if (typeof module.loader === "function") module.loader = answered503(module.loader as DataFunction, id, "loader");
    if (typeof module.action === "function") module.action = answered503(module.action as DataFunction, id, "action");
    routes[id] = { ...route, module: module as unknown as typeof route.module };
  }
  return { ...build, routes };
}
