/**
 * Work that must not delay, or show in, the answer to a request: it starts once
 * the response has been sent (or the connection closed). Used where the time an
 * answer takes must not depend on what the work finds (forgot-password: whether
 * an account has the address).
 *
 * The work runs in this server process: if the process stops in between, it is
 * lost, and the person asks again (the page says to). Errors are logged, never
 * thrown.
 */
import type express from "express";
import { describeError } from "../utils/error-log";

const pending = new Set<Promise<void>>();

export type AfterResponse = (task: () => Promise<unknown>) => void;

/** A scheduler for one response, for the Remix load context. */
export function afterResponseFor(res: express.Response): AfterResponse {
  return (task) => {
    // Registered now, so that a test waiting for background work cannot miss it.
    const done = new Promise<void>((resolve) => {
      let started = false;
      const start = () => {
        if (started) return;
        started = true;
        Promise.resolve()
          .then(task)
          .catch((error: unknown) => {
            console.warn(`[after-response] ${describeError(error)}`);
          })
          .finally(resolve);
      };
      if (res.writableFinished || res.destroyed) setImmediate(start);
      else {
        res.once("finish", start);
        res.once("close", start);
      }
    });
    pending.add(done);
    void done.finally(() => pending.delete(done));
  };
}

/** Waits for every piece of work scheduled so far (tests; a graceful stop). */
export async function settleAfterResponse(): Promise<void> {
  while (pending.size > 0) await Promise.all([...pending]);
}
