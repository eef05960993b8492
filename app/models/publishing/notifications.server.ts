/**
 * Who is told about questions and actions, through the outbox (app/models/outbox.server.ts):
 * the addressed organisation's officers when a question is accepted, the member
 * when a response or correction is posted, owners before a due date and when
 * overdue (db/commands/reminders.ts). Every e-mail has a dedupe key, so a
 * repeated request or reminder run never sends the same one twice.
 */
import { and, eq, isNull } from "drizzle-orm";
import type { Executor } from "../../db.server";
import { refTable } from "../../utils/refs.server";
import { user } from "../people/refs.server";
import { queueEmail } from "./outbox.server";

type Actor = { userId: string | null; ipAddress?: string | null };
/** An account e-mailed (the people refs type their fields loosely, so the row's type is said here). */
type Recipient = { id: string; email: string; name: string };

/** Queues the mail to each recipient; how many were queued (one already queued under its key is not again). */
async function send(tx: Executor, actor: Actor, recipients: Recipient[], mail: { subject: string; body: string; key: string }) {
  let queued = 0;
  for (const r of recipients) {
    const row = await queueEmail(
      tx,
      { to: r.email, subject: mail.subject, body: `Dear ${r.name},\n\n${mail.body}\n`, dedupeKey: `${mail.key}:${r.id}` },
      actor,
    );
    if (row) queued += 1;
  }
  return queued;
}

/** The active officer accounts of an organisation. */
export async function officersOf(tx: Executor, organisationId: string): Promise<Recipient[]> {
  return (await tx
    .select({ id: user.id, email: user.email, name: user.name })
    .from(refTable(user))
    .where(and(eq(user.organisationId, organisationId), eq(user.role, "officer"), isNull(user.disabledAt)))) as Recipient[];
}

/** The active accounts of a person (a member, or an action's owner). */
export async function accountsOf(tx: Executor, personId: string): Promise<Recipient[]> {
  return (await tx
    .select({ id: user.id, email: user.email, name: user.name })
    .from(refTable(user))
    .where(and(eq(user.personId, personId), isNull(user.disabledAt)))) as Recipient[];
}

/** Mails the organisation's officers; how many e-mails were queued. */
export async function notifyOrganisation(tx: Executor, actor: Actor, organisationId: string, mail: { subject: string; body: string; key: string }) {
  return send(tx, actor, await officersOf(tx, organisationId), mail);
}

/** Mails the person's accounts; how many e-mails were queued. */
export async function notifyPerson(tx: Executor, actor: Actor, personId: string | null, mail: { subject: string; body: string; key: string }) {
  if (!personId) return 0;
  return send(tx, actor, await accountsOf(tx, personId), mail);
}
