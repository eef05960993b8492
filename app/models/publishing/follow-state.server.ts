/**
 * Whether a signed-in person follows a record (issue #15 item 8): their live,
 * confirmed subscription to it, by account or by their account's e-mail address,
 * so a record's page can say "You follow this · Stop following" instead of
 * offering "Follow" again.
 */
import { and, desc, eq, isNotNull, isNull, or } from "drizzle-orm";
import { subscriptions } from "../../../db/schema/publishing";
import { db } from "../../db.server";
import { type Viewer } from "../../rules/viewer.server";
import { isUuid } from "../../utils/uuid";
import type { FollowTargetType } from "./follow-targets.server";

/** The subscription id when the viewer (signed in) follows the record; null otherwise, and for anyone not signed in. */
export async function followingSubscriptionId(viewer: Viewer, type: FollowTargetType, id: string): Promise<string | null> {
  if (viewer.kind !== "user" || !isUuid(id)) return null;
  const [row] = await db()
    .select({ id: subscriptions.id })
    .from(subscriptions)
    .where(
      and(
        or(eq(subscriptions.userId, viewer.userId), eq(subscriptions.email, viewer.email.toLowerCase())),
        eq(subscriptions.targetType, type),
        eq(subscriptions.targetId, id),
        isNotNull(subscriptions.confirmedAt),
        isNull(subscriptions.unsubscribedAt),
      ),
    )
    .orderBy(desc(subscriptions.createdAt))
    .limit(1);
  return row?.id ?? null;
}
