/**
 * Minutes per agenda item: written by the clerk, published as draft minutes,
 * approved at a later meeting (approveMinutes in publication-changes.server.ts), then locked:
 * a later change is refused unless made as a recorded correction.
 */
import { eq } from "drizzle-orm";
import { agendaItems, meetings, minutes } from "../../../db/schema/meetings";
import type { Executor } from "../../db.server";
import { recordingProblem } from "../../rules/minutes-approval.server";
import { recordAudit } from "../records";
import { ClerkError, ConflictError, type Actor } from "../../utils/clerk-errors.server";
import { keepRevision } from "../records";

export const LOCKED_MESSAGE =
  "These minutes have been approved as a correct record and are locked. To change them, make a recorded correction and give the reason.";

export async function saveMinute(
  tx: Executor,
  actor: Actor,
  itemId: string,
  input: { body: string; decisions: string },
  options: { version: number | null; correction: boolean; reason: string },
  now = new Date(),
) {
  const [row] = await tx
    .select({ item: agendaItems, meeting: meetings })
    .from(agendaItems)
    .innerJoin(meetings, eq(meetings.id, agendaItems.meetingId))
    .where(eq(agendaItems.id, itemId))
    .for("update");
  if (!row) throw new ClerkError("form", "This agenda item no longer exists");
  const notYet = recordingProblem(row.meeting, now);
  if (notYet) throw new ClerkError("form", notYet);
  const locked = row.meeting.minutesApprovedAt !== null;
  if (locked && !options.correction) throw new ClerkError("form", LOCKED_MESSAGE);
  if (locked && !options.reason) throw new ClerkError("reason", "Enter the reason for the correction (it is recorded and shown publicly)");
  if (!locked && row.meeting.minutesPublishedAt && !options.reason) {
    throw new ClerkError("reason", "The minutes are published: enter the reason for the change (the public sees it)");
  }
  const [before] = await tx.select().from(minutes).where(eq(minutes.agendaItemId, itemId)).for("update");
  if (!before) {
    if (options.version !== null && options.version !== 0) {
      throw new ConflictError({ body: "", decisions: "" }, 0);
    }
    const [created] = await tx.insert(minutes).values({ agendaItemId: itemId, ...input }).returning();
    await keepRevision(tx, { entityType: "minute", entityId: created.id, version: 1, data: input, reason: options.reason || null, authorId: actor.userId });
    await recordAudit(tx, { userId: actor.userId, action: "create", entityType: "minute", entityId: created.id, after: { agendaItemId: itemId, ...input }, ipAddress: actor.ipAddress });
    return created;
  }
  if (options.version !== before.version) {
    throw new ConflictError({ body: before.body, decisions: before.decisions }, before.version);
  }
  const [after] = await tx
    .update(minutes)
    .set({ ...input, version: before.version + 1, updatedAt: new Date() })
    .where(eq(minutes.id, before.id))
    .returning();
  const previous = { body: before.body, decisions: before.decisions };
  await keepRevision(tx, {
    entityType: "minute",
    entityId: before.id,
    version: after.version,
    data: input,
    reason: locked ? `Correction: ${options.reason}` : options.reason || null,
    authorId: actor.userId,
    previous: { version: before.version, data: previous },
  });
  await recordAudit(tx, {
    userId: actor.userId,
    action: locked ? "correct" : "update",
    entityType: "minute",
    entityId: before.id,
    before: previous,
    after: { ...input, reason: options.reason || null },
    ipAddress: actor.ipAddress,
  });
  return after;
}
