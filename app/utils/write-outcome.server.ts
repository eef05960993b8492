/**
 * Per form request: whether any of its transactions got as far as sending COMMIT.
 * The database layer marks it (app/db.server.ts); the 503 answer reads it
 * (app/server/database-faults.ts). Kept on globalThis because the Remix build and
 * the Express server each load their own copy of this module.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import { WRITE_NOT_SAVED, WRITE_OUTCOME_UNKNOWN, type WriteOutcome } from "./write-outcome";

interface WriteState {
  commitSent: boolean;
}

declare global {
  // eslint-disable-next-line no-var
  var __portalWriteState: AsyncLocalStorage<WriteState> | undefined;
}

function storage() {
  globalThis.__portalWriteState ??= new AsyncLocalStorage<WriteState>();
  return globalThis.__portalWriteState;
}

/** Runs a form's action, keeping track of whether a COMMIT was sent for it. */
export function trackingWrites<T>(work: () => Promise<T>): { result: Promise<T>; outcome: () => WriteOutcome } {
  const state: WriteState = { commitSent: false };
  return {
    result: storage().run(state, work),
    outcome: () => (state.commitSent ? WRITE_OUTCOME_UNKNOWN : WRITE_NOT_SAVED),
  };
}

/** Called by the database layer as a transaction's COMMIT is about to be sent. */
export function markCommitSent() {
  const state = storage().getStore();
  if (state) state.commitSent = true;
}
