/**
 * What a committee page says of its body (issue 18, item 2): purpose and terms of
 * reference (Markdown, rendered by the safe renderer), chair and vice-chair,
 * membership history, where and how often it meets, its clerk; and the clerk's
 * write of those fields (one transaction, in the audit log).
 * Bodies and memberships are public records; people are shown only where the
 * visibility rule allows (a demo account's person never).
 */
import { and, asc, count, desc, eq, lt, sql } from "drizzle-orm";
import { bodies, memberships, people } from "../../../db/schema/people";
import { db, type Executor } from "../../db.server";
import { formatDate, isoDay } from "../../rules/dates.server";
import { personVisible } from "../../rules/visibility.server";
import type { Viewer } from "../../rules/viewer.server";
import type { BodyProfileInput } from "../../utils/body-profile-schema";
import { ClerkError, type Actor } from "../../utils/clerk-errors.server";
import { PAGE_SIZE } from "../../utils/http.server";
import { renderMarkdown } from "../../utils/markdown.server";
import { recordAudit } from "../records";
import { MEMBERSHIP_ROLE_LABELS } from "./bodies.server";
import { checkVersion } from "./people-changes.server";

type BodyRow = typeof bodies.$inferSelect;

/** The profile as the clerk's form shows it. */
export function bodyProfileFormValues(b: BodyRow): Record<string, string> {
  return {
    termsOfReference: b.termsOfReference ?? "",
    meetingPlace: b.meetingPlace ?? "",
    meetingFrequency: b.meetingFrequency ?? "",
    clerkName: b.clerkName ?? "",
    clerkEmail: b.clerkEmail ?? "",
    clerkPhone: b.clerkPhone ?? "",
  };
}

const orNull = (v: string) => (v === "" ? null : v);

export async function updateBodyProfile(tx: Executor, actor: Actor, id: string, version: number, input: BodyProfileInput) {
  const [before] = await tx.select().from(bodies).where(eq(bodies.id, id)).for("update");
  if (!before) throw new ClerkError("form", "This board or committee no longer exists");
  checkVersion(bodyProfileFormValues(before), version);
  const [after] = await tx
    .update(bodies)
    .set({
      termsOfReference: orNull(input.termsOfReference),
      meetingPlace: orNull(input.meetingPlace),
      meetingFrequency: orNull(input.meetingFrequency),
      clerkName: orNull(input.clerkName),
      clerkEmail: orNull(input.clerkEmail),
      clerkPhone: orNull(input.clerkPhone),
      updatedAt: new Date(),
    })
    .where(eq(bodies.id, id))
    .returning();
  await recordAudit(tx, {
    userId: actor.userId,
    action: "update_profile",
    entityType: "body",
    entityId: id,
    before: bodyProfileFormValues(before),
    after: bodyProfileFormValues(after),
    ipAddress: actor.ipAddress,
  });
  return after;
}

/** The public profile of a body: null fields are ones the record does not give. */
export async function bodyProfile(bodyId: string) {
  const [b] = await db()
    .select({
      termsOfReference: bodies.termsOfReference,
      meetingPlace: bodies.meetingPlace,
      meetingFrequency: bodies.meetingFrequency,
      clerkName: bodies.clerkName,
      clerkEmail: bodies.clerkEmail,
      clerkPhone: bodies.clerkPhone,
    })
    .from(bodies)
    .where(eq(bodies.id, bodyId));
  if (!b) return null;
  const hasClerk = Boolean(b.clerkName || b.clerkEmail || b.clerkPhone);
  return {
    termsOfReferenceHtml: renderMarkdown(b.termsOfReference) || null,
    meetingPlace: b.meetingPlace,
    meetingFrequency: b.meetingFrequency,
    clerk: hasClerk ? { name: b.clerkName, email: b.clerkEmail, phone: b.clerkPhone } : null,
  };
}

function termText(startOn: string | null, endOn: string | null) {
  return [startOn ? `from ${formatDate(startOn)}` : "", endOn ? `to ${formatDate(endOn)}` : ""].filter(Boolean).join(" ");
}

/** Past members: terms that ended before today, latest end first, one page at a time. */
export async function pastMembers(viewer: Viewer, bodyId: string, options: { page: number }, now = new Date()) {
  const today = isoDay(now);
  const where = and(eq(memberships.bodyId, bodyId), lt(memberships.endOn, today), personVisible(viewer));
  const [{ total }] = await db()
    .select({ total: count() })
    .from(memberships)
    .innerJoin(people, eq(people.id, memberships.personId))
    .where(where);
  const rows = await db()
    .select({
      id: memberships.id,
      slug: people.slug,
      name: people.name,
      honorific: people.honorific,
      role: memberships.role,
      startOn: memberships.startOn,
      endOn: memberships.endOn,
    })
    .from(memberships)
    .innerJoin(people, eq(people.id, memberships.personId))
    .where(where)
    .orderBy(desc(memberships.endOn), sql`case ${memberships.role} when 'chair' then 0 when 'vice_chair' then 1 else 2 end`, asc(people.name), asc(memberships.id))
    .limit(PAGE_SIZE)
    .offset((options.page - 1) * PAGE_SIZE);
  return {
    total,
    members: rows.map((r) => ({ ...r, roleLabel: MEMBERSHIP_ROLE_LABELS[r.role] ?? r.role, term: termText(r.startOn, r.endOn) })),
  };
}
