/**
 * Small factories for integration tests: each inserts a row with sensible
 * defaults and returns it. Tests name only what matters to them.
 */
import crypto from "node:crypto";
import { db } from "~/db.server";
import {
  agendaItemDocuments,
  agendaItems,
  bodies,
  documents,
  meetings,
  minutes,
  organisations,
  questions,
  responses,
} from "../../db/schema";

const uid = () => crypto.randomBytes(4).toString("hex");

export async function makeOrganisation(over: Partial<typeof organisations.$inferInsert> = {}) {
  const [row] = await db().insert(organisations).values({ slug: `org-${uid()}`, name: "Test Trust", kind: "trust", ...over }).returning();
  return row;
}

/**
 * A body. Its meetings (makeMeeting) keep a fixed date while the clock moves on, so members may raise
 * questions on their items for ten years here, not the real 28 days (docs/decisions/037): a test of
 * closed business sets `questionWindowDays` itself.
 */
export async function makeBody(over: Partial<typeof bodies.$inferInsert> = {}) {
  const [row] = await db().insert(bodies).values({ slug: `body-${uid()}`, name: "Test Board", questionWindowDays: 3650, ...over }).returning();
  return row;
}

export async function makeMeeting(bodyId: string, over: Partial<typeof meetings.$inferInsert> = {}) {
  const [row] = await db()
    .insert(meetings)
    .values({
      slug: `meeting-${uid()}`,
      bodyId,
      title: "Test meeting",
      startsAt: new Date("2026-01-15T18:00:00Z"),
      agendaPublishedAt: new Date("2026-01-05T09:00:00Z"),
      ...over,
    })
    .returning();
  return row;
}

export async function makeItem(meetingId: string, over: Partial<typeof agendaItems.$inferInsert> = {}) {
  const [row] = await db()
    .insert(agendaItems)
    .values({
      meetingId,
      position: 1,
      title: "Test item",
      body: "Item body",
      publishedAt: new Date("2026-01-05T09:00:00Z"),
      ...over,
    })
    .returning();
  return row;
}

export async function makeMinute(agendaItemId: string, body: string) {
  const [row] = await db().insert(minutes).values({ agendaItemId, body }).returning();
  return row;
}

export async function makeDocument(over: Partial<typeof documents.$inferInsert> = {}, attachTo?: string) {
  const [row] = await db()
    .insert(documents)
    .values({
      slug: `doc-${uid()}`,
      kind: "report",
      title: "Test report",
      body: "Report body",
      documentDate: "2026-01-05",
      publishedAt: new Date("2026-01-05T09:00:00Z"),
      ...over,
    })
    .returning();
  if (attachTo) await db().insert(agendaItemDocuments).values({ agendaItemId: attachTo, documentId: row.id });
  return row;
}

export async function makeQuestion(
  agendaItemId: string,
  addressedToId: string,
  over: Partial<typeof questions.$inferInsert> = {},
) {
  const [row] = await db()
    .insert(questions)
    .values({
      agendaItemId,
      addressedToId,
      text: "Test question",
      tabledOn: "2026-01-15",
      dueOn: "2026-02-12",
      acceptedAt: new Date("2026-01-16T09:00:00Z"),
      ...over,
    })
    .returning();
  return row;
}

export async function makeResponse(questionId: string, over: Partial<typeof responses.$inferInsert> = {}) {
  const [row] = await db().insert(responses).values({ questionId, body: "Test response", ...over }).returning();
  return row;
}
