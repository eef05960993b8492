/** What a clerk's write can be refused for: a message for one field, or a stale save. */

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
