/**
 * A database connection lost outside any request (an idle pooled connection, the listening one)
 * can reject a promise nobody awaits. That is a database fault, and no database fault ends the
 * process: the next query connects again. Anything else still ends it, as Node would.
 */
import type { EventEmitter } from "node:events";
import { describeError } from "../utils/error-log";
import { isDatabaseUnavailable } from "./database-faults";

export function onUnhandledRejection(reason: unknown): void {
  if (isDatabaseUnavailable(reason)) {
    console.warn(`[database] connection lost outside a request (${describeError(reason)}); the next query connects again.`);
    return;
  }
  throw reason;
}

/** Installs onUnhandledRejection on the process (app/server.ts). */
export function surviveDatabaseRejections(target: EventEmitter = process): void {
  target.on("unhandledRejection", onUnhandledRejection);
}
