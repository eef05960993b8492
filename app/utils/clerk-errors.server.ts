/** What a clerk's write can be refused for: a message for one field, or a stale save. */
import { createHash } from "node:crypto";

export interface Actor {
  userId: string;
  ipAddress?: string | null;
}

/** A refusal the page shows beside a field (or at the top, field "form"). */
export class ClerkError extends Error {
  constructor(
    public field: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Someone else saved the record since the form was opened: nothing is saved, and
 * the page shows their text beside what was typed so nothing is lost.
 */
export class ConflictError extends Error {
  constructor(
    public current: Record<string, unknown>,
    public currentVersion: number,
  ) {
    super("Someone else changed this record after you opened it. Your changes have not been saved.");
  }
}

/**
 * The version of a record that has no version column (bodies, people,
 * memberships, settings): a number derived from the fields a form edits, so a
 * form posted after someone else saved different values is refused with a
 * ConflictError, as for versioned records.
 */
export function contentVersion(fields: Record<string, unknown>): number {
  const text = JSON.stringify(Object.keys(fields).sort().map((k) => [k, fields[k] ?? null]));
  return parseInt(createHash("sha256").update(text).digest("hex").slice(0, 12), 16) % 1_000_000_000;
}
