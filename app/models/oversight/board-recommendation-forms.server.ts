/**
 * What the clerk's and the addressee's forms for the board's own recommendations read
 * (issue 17): the recommendations agreed at a minute, the choices a form offers (addressees,
 * their people, priorities, the next free reference), one recommendation as a clerk edits
 * it, the minutes of held meetings where the board may judge it, and the recommendations an
 * organisation has yet to answer. The writes are in board-recommendation-changes.server.ts.
 */
import { and, asc, desc, eq, gt, inArray, isNull, lt, notInArray, or, type SQL } from "drizzle-orm";
import { priorities, recommendationInspectionLinks, recommendationPriorities, recommendationResponses, recommendations } from "../../../db/schema/oversight";
import { db, type Executor } from "../../db.server";
import { formatDate, isoDay } from "../../rules/dates.server";
import { responseState } from "../../rules/response-state.server";
import { recommendationVisible } from "../../rules/visibility.server";
import type { Viewer } from "../../rules/viewer.server";
import { refTable } from "../../utils/refs.server";
import { isUuid } from "../../utils/uuid";
import { agendaItem, document, itemDocumentOfItem, meeting, minute } from "../meetings/refs.server";
import { bodiesByName, body, organisation, person } from "../people/refs.server";
import { recommendationAddressees } from "../people";
import { recordAudit } from "../records";
import { periodOf } from "./board-recommendation-changes.server";
import type { Actor } from "./link-changes.server";
import { inspection, priorityChoices } from "./refs.server";

/** The board's recommendations agreed at one minute, or in one review report, in reference order. */
async function recommendationsAgreedWhere(where: SQL) {
  const rows = await db()
    .select({
      id: recommendations.id,
      reference: recommendations.reference,
      text: recommendations.text,
      addressee: organisation.name,
      receivedOn: recommendations.receivedOn,
      responseDueOn: recommendations.responseDueOn,
    })
    .from(recommendations)
    .leftJoin(...organisation.on(recommendations.addresseeOrganisationId))
    .where(and(eq(recommendations.source, "board"), where))
    .orderBy(asc(recommendations.reference));
  return rows.map((r) => ({ ...r, received: r.receivedOn ? formatDate(r.receivedOn) : null, due: r.responseDueOn ? formatDate(r.responseDueOn) : null }));
}

/** The board's recommendations agreed at one minute, in reference order. */
export function recommendationsAgreedAtMinute(minuteId: string) {
  return recommendationsAgreedWhere(eq(recommendations.agreedAtMinuteId, minuteId));
}

/** The board's recommendations agreed in one review report (a document), in reference order. */
export function recommendationsAgreedInDocument(documentId: string) {
  return recommendationsAgreedWhere(eq(recommendations.agreedInDocumentId, documentId));
}

/**
 * What the clerk's form for recording recommendations from a review report offers: the
 * boards (the one whose meeting the report is attached to first) and the report's own date.
 */
export async function reviewReportOrigin(documentId: string) {
  const bodies = await bodiesByName(db());
  const [attached] = await db()
    .select({ bodyId: meeting.bodyId })
    .from(refTable(agendaItem))
    .innerJoin(...itemDocumentOfItem.on(agendaItem.id))
    .innerJoin(...meeting.on(agendaItem.meetingId))
    .where(eq(itemDocumentOfItem.documentId, documentId))
    .orderBy(asc(meeting.startsAt))
    .limit(1);
  const [doc] = await db().select({ documentDate: document.documentDate }).from(refTable(document)).where(eq(document.id, documentId));
  return {
    bodies: bodies.map((b) => ({ value: b.id, label: b.name })),
    bodyId: attached?.bodyId ?? bodies[0]?.id ?? "",
    documentDate: doc?.documentDate ?? null,
  };
}

/** Initials of a body's name ("Scrutiny Board" gives "SB"), the start of a reference where the body has none yet. */
function bodyInitials(name: string): string {
  const letters = name
    .split(/[^A-Za-z]+/)
    .filter((w) => w.length > 0 && !["of", "and", "the", "for"].includes(w.toLowerCase()))
    .map((w) => w[0].toUpperCase())
    .join("");
  return letters || "REC";
}

/**
 * The next free reference of a body for a year: the prefix its references already use
 * (`SB/2026/04` gives `SB/2026/05`), else the body's initials (`SB/2026/01`).
 */
export async function nextRecommendationReference(executor: Executor, bodyId: string, year: number): Promise<string> {
  const [b] = await executor.select({ name: body.name }).from(refTable(body)).where(eq(body.id, bodyId));
  const refs = await executor.select({ reference: recommendations.reference }).from(recommendations).where(eq(recommendations.bodyId, bodyId));
  const used = new Set(refs.map((r) => r.reference));
  let prefix = bodyInitials(b?.name ?? "");
  let highest = 0;
  for (const { reference } of refs) {
    const m = /^(.+)\/(\d{4})\/(\d+)$/.exec(reference);
    if (!m) continue;
    prefix = m[1];
    if (Number(m[2]) === year) highest = Math.max(highest, Number(m[3]));
  }
  let n = highest + 1;
  const make = (k: number) => `${prefix}/${year}/${String(k).padStart(2, "0")}`;
  while (used.has(make(n))) n += 1;
  return make(n);
}

/** What a recommendation form offers: addressees, the people of each, the priorities. */
export async function recommendationFormChoices() {
  const addressees = await recommendationAddressees();
  const ids = addressees.map((a) => a.id);
  const people = ids.length
    ? await db()
        .select({ id: person.id, name: person.name, organisationId: person.organisationId })
        .from(refTable(person))
        .where(inArray(person.organisationId, ids))
        .orderBy(asc(person.name))
    : [];
  const orgName = new Map(addressees.map((a) => [a.id, a.name]));
  return {
    addressees: addressees.map((a) => ({ value: a.id, label: a.name })),
    people: people.map((p) => ({ value: p.id, label: `${p.name} (${orgName.get(p.organisationId ?? "") ?? ""})` })),
    priorities: (await priorityChoices(db())).map((p) => ({ value: p.id, label: p.title })),
    inspectionRecommendations: await inspectionRecommendationChoices(),
  };
}

/** Replaces a set of linked ids (audited as `field` when it changes); answers the ids now linked. */
async function replaceLinks(
  tx: Executor,
  actor: Actor,
  recommendationId: string,
  field: string,
  before: string[],
  after: string[],
  write: (ids: string[]) => Promise<unknown>,
) {
  const was = [...before].sort();
  const now = [...after].sort();
  if (was.join() === now.join()) return now;
  await write(now);
  await recordAudit(tx, { userId: actor.userId, action: "update", entityType: "recommendation", entityId: recommendationId, before: { [field]: was }, after: { [field]: now }, ipAddress: actor.ipAddress ?? null });
  return now;
}

/** Links a board recommendation to exactly these priorities (unknown ids are dropped); audited when they change. */
export async function setRecommendationPriorities(tx: Executor, actor: Actor, recommendationId: string, priorityIds: string[]) {
  const wanted = priorityIds.filter(isUuid);
  const known = wanted.length ? await tx.select({ id: priorities.id }).from(priorities).where(inArray(priorities.id, wanted)) : [];
  const before = await tx.select({ id: recommendationPriorities.priorityId }).from(recommendationPriorities).where(eq(recommendationPriorities.recommendationId, recommendationId));
  return replaceLinks(tx, actor, recommendationId, "priorityIds", before.map((r) => r.id), known.map((p) => p.id), async (ids) => {
    await tx.delete(recommendationPriorities).where(eq(recommendationPriorities.recommendationId, recommendationId));
    if (ids.length) await tx.insert(recommendationPriorities).values(ids.map((priorityId) => ({ recommendationId, priorityId })));
  });
}

/** Links a board recommendation to exactly these inspection recommendations (others' ids are dropped); audited when they change. */
export async function setRecommendationInspectionLinks(tx: Executor, actor: Actor, recommendationId: string, inspectionRecommendationIds: string[]) {
  const wanted = inspectionRecommendationIds.filter(isUuid);
  const known = wanted.length
    ? await tx.select({ id: recommendations.id }).from(recommendations).where(and(inArray(recommendations.id, wanted), eq(recommendations.source, "inspection")))
    : [];
  const links = recommendationInspectionLinks;
  const before = await tx.select({ id: links.inspectionRecommendationId }).from(links).where(eq(links.recommendationId, recommendationId));
  return replaceLinks(tx, actor, recommendationId, "inspectionRecommendationIds", before.map((r) => r.id), known.map((r) => r.id), async (ids) => {
    await tx.delete(links).where(eq(links.recommendationId, recommendationId));
    if (ids.length) await tx.insert(links).values(ids.map((inspectionRecommendationId) => ({ recommendationId, inspectionRecommendationId })));
  });
}

/** Every inspection's recommendations, newest inspection first, as checkboxes for a board recommendation's links. */
async function inspectionRecommendationChoices() {
  const rows = await db()
    .select({ id: recommendations.id, reference: recommendations.reference, text: recommendations.text, inspection: inspection.title })
    .from(recommendations)
    .innerJoin(...inspection.on(recommendations.inspectionId))
    .where(eq(recommendations.source, "inspection"))
    .orderBy(desc(inspection.visitStartOn), asc(inspection.title), asc(recommendations.position), asc(recommendations.reference));
  const clip = (t: string) => (t.length > 90 ? `${t.slice(0, 89)}…` : t);
  return rows.map((r) => ({ value: r.id, label: `${r.reference} (${r.inspection}): ${clip(r.text.replace(/\s+/g, " "))}` }));
}

/** The inspection recommendations a board recommendation follows up, for its pages. */
export async function linkedInspectionRecommendations(recommendationId: string) {
  const links = recommendationInspectionLinks;
  return db()
    .select({ id: recommendations.id, reference: recommendations.reference, inspection: inspection.title })
    .from(links)
    .innerJoin(recommendations, eq(recommendations.id, links.inspectionRecommendationId))
    .innerJoin(...inspection.on(recommendations.inspectionId))
    .where(eq(links.recommendationId, recommendationId))
    .orderBy(asc(inspection.title), asc(recommendations.reference));
}

/** One board recommendation as the clerk edits it, with its response and linked priorities; null when there is none. */
export async function clerkBoardRecommendation(id: string) {
  if (!isUuid(id)) return null;
  const [r] = await db()
    .select({ rec: recommendations, bodyName: body.name, addressee: organisation.name, statutoryResponseDuty: organisation.statutoryResponseDuty, responseWorkingDays: organisation.responseWorkingDays })
    .from(recommendations)
    .innerJoin(...body.on(recommendations.bodyId))
    .leftJoin(...organisation.on(recommendations.addresseeOrganisationId))
    .where(and(eq(recommendations.id, id), eq(recommendations.source, "board")));
  if (!r) return null;
  const [response] = await db().select().from(recommendationResponses).where(eq(recommendationResponses.recommendationId, id));
  const inspectionRecommendationIds = (await linkedInspectionRecommendations(id)).map((r) => r.id);
  const priorityIds = (await db().select({ id: recommendationPriorities.priorityId }).from(recommendationPriorities).where(eq(recommendationPriorities.recommendationId, id))).map((p) => p.id);
  const [origin] = r.rec.agreedAtMinuteId
    ? await db()
        .select({ itemId: agendaItem.id, itemTitle: agendaItem.title, meetingTitle: meeting.title })
        .from(refTable(minute))
        .innerJoin(...agendaItem.on(minute.agendaItemId))
        .innerJoin(...meeting.on(agendaItem.meetingId))
        .where(eq(minute.id, r.rec.agreedAtMinuteId))
    : [];
  const [report] = r.rec.agreedInDocumentId
    ? await db().select({ id: document.id, title: document.title }).from(refTable(document)).where(eq(document.id, r.rec.agreedInDocumentId))
    : [];
  return { ...r, response: response ?? null, priorityIds, inspectionRecommendationIds, origin: origin ?? null, report: report ?? null, period: periodOf({ statutoryResponseDuty: r.statutoryResponseDuty ?? true, responseWorkingDays: r.responseWorkingDays ?? null }) };
}

/**
 * Minutes of the body's held meetings after a day: where the board may record its judgement.
 * Held as app/rules/meeting-status.server.ts says: recorded as held, or past and neither
 * postponed nor cancelled.
 */
export async function judgementMinuteChoices(bodyId: string, afterDay: string | null, now: Date = new Date()) {
  const held = or(eq(meeting.status, "held"), and(notInArray(meeting.status, ["postponed", "cancelled"]), lt(meeting.startsAt, now)));
  const rows = await db()
    .select({ id: minute.id, itemTitle: agendaItem.title, meetingTitle: meeting.title, startsAt: meeting.startsAt })
    .from(refTable(minute))
    .innerJoin(...agendaItem.on(minute.agendaItemId))
    .innerJoin(...meeting.on(agendaItem.meetingId))
    .where(and(eq(meeting.bodyId, bodyId), held, afterDay ? gt(meeting.startsAt, new Date(`${afterDay}T23:59:59Z`)) : undefined))
    .orderBy(asc(meeting.startsAt), asc(agendaItem.position));
  return rows.map((m) => ({ value: m.id, label: `${m.meetingTitle} (${formatDate(m.startsAt)}): ${m.itemTitle}` }));
}

/**
 * The board's recommendations an organisation has received and not yet answered, soonest
 * due first, each with its clock. For the officer's queue and the respond page.
 */
export async function recommendationsAwaitingResponse(organisationId: string, now: Date = new Date()) {
  const rows = await db()
    .select({
      id: recommendations.id,
      reference: recommendations.reference,
      text: recommendations.text,
      receivedOn: recommendations.receivedOn,
      bodyName: body.name,
      statutoryResponseDuty: organisation.statutoryResponseDuty,
      responseWorkingDays: organisation.responseWorkingDays,
    })
    .from(recommendations)
    .innerJoin(...body.on(recommendations.bodyId))
    .innerJoin(...organisation.on(recommendations.addresseeOrganisationId))
    .leftJoin(recommendationResponses, eq(recommendationResponses.recommendationId, recommendations.id))
    .where(and(eq(recommendations.source, "board"), eq(recommendations.addresseeOrganisationId, organisationId), isNull(recommendationResponses.id)))
    .orderBy(asc(recommendations.responseDueOn), asc(recommendations.reference));
  const today = isoDay(now);
  return rows.map((r) => {
    const clock = responseState({ receivedOn: r.receivedOn, period: periodOf(r), respondedOn: null }, today);
    return { id: r.id, reference: r.reference, text: r.text, bodyName: r.bodyName, state: clock.state, label: clock.label, due: clock.dueOn ? formatDate(clock.dueOn) : null };
  });
}

/**
 * A board recommendation as the page for its response shows it, where the viewer may see it:
 * the addressee (whose officers may respond), the clock today, and whether it has a response.
 */
export async function recommendationForResponse(viewer: Viewer, id: string, now: Date = new Date()) {
  if (!isUuid(id)) return null;
  const [r] = await db()
    .select({
      id: recommendations.id,
      reference: recommendations.reference,
      text: recommendations.text,
      receivedOn: recommendations.receivedOn,
      addresseeOrganisationId: recommendations.addresseeOrganisationId,
      addressee: organisation.name,
      bodyName: body.name,
      statutoryResponseDuty: organisation.statutoryResponseDuty,
      responseWorkingDays: organisation.responseWorkingDays,
      responseId: recommendationResponses.id,
    })
    .from(recommendations)
    .innerJoin(...body.on(recommendations.bodyId))
    .innerJoin(...organisation.on(recommendations.addresseeOrganisationId))
    .leftJoin(recommendationResponses, eq(recommendationResponses.recommendationId, recommendations.id))
    .where(and(eq(recommendations.id, id), eq(recommendations.source, "board"), recommendationVisible(viewer)));
  if (!r) return null;
  const clock = responseState({ receivedOn: r.receivedOn, period: periodOf(r), respondedOn: null }, isoDay(now));
  return { ...r, received: r.receivedOn ? formatDate(r.receivedOn) : null, clock: { ...clock, due: clock.dueOn ? formatDate(clock.dueOn) : null } };
}
