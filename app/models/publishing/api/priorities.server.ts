/** The API's strategic priorities (public records). */
import { asc, count, eq } from "drizzle-orm";
import { db } from "../../../db.server";
import { refTable, refFields } from "../../../utils/refs.server";
import { priority } from "../../oversight/refs.server";
import { page, type ListParams } from "./envelope.server";

const priorityColumns = refFields(priority);

function priorityOut(site: string, p: Awaited<ReturnType<typeof priorityRows>>[number]) {
  return { id: p.id, slug: p.slug, title: p.title, description_markdown: p.description, owner: p.owner, order: p.position, organization_id: p.organisationId, source_note: p.sourceNote, url: `${site}/priorities/${p.slug}`, api_url: `${site}/api/v1/priorities/${p.id}` };
}

function priorityRows() {
  return db().select(priorityColumns).from(refTable(priority));
}

export async function listPrioritiesApi(site: string, url: URL, p: ListParams) {
  const [{ total }] = await db().select({ total: count() }).from(refTable(priority));
  const rows = await priorityRows().orderBy(asc(priority.position), asc(priority.id)).limit(p.perPage).offset((p.page - 1) * p.perPage);
  return page(site, url, p, total, rows.map((r) => priorityOut(site, r)));
}

export async function getPriorityApi(site: string, id: string) {
  const [r] = await priorityRows().where(eq(priority.id, id));
  return r ? priorityOut(site, r) : null;
}
