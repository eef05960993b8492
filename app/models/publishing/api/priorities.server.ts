/** The API's strategic priorities (public records). */
import { asc, count, eq } from "drizzle-orm";
import { priorities } from "../../../../db/schema";
import { db } from "../../../db.server";
import { page, type ListParams } from "./envelope.server";

function priorityOut(site: string, p: typeof priorities.$inferSelect) {
  return { id: p.id, slug: p.slug, title: p.title, description_markdown: p.description, owner: p.owner, order: p.position, organization_id: p.organisationId, source_note: p.sourceNote, url: `${site}/priorities/${p.slug}`, api_url: `${site}/api/v1/priorities/${p.id}` };
}

export async function listPrioritiesApi(site: string, url: URL, p: ListParams) {
  const [{ total }] = await db().select({ total: count() }).from(priorities);
  const rows = await db().select().from(priorities).orderBy(asc(priorities.position), asc(priorities.id)).limit(p.perPage).offset((p.page - 1) * p.perPage);
  return page(site, url, p, total, rows.map((r) => priorityOut(site, r)));
}

export async function getPriorityApi(site: string, id: string) {
  const [r] = await db().select().from(priorities).where(eq(priorities.id, id));
  return r ? priorityOut(site, r) : null;
}
