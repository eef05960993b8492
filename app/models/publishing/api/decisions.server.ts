/**
 * The API's decisions (issue 18 item 4): each resolution recorded in a published minute, with
 * the meeting (the Open Civic Data event) and agenda item it was made at, the body that made it
 * (its organization), the meeting's date at its precision, the reasons and the status from
 * app/rules/decision-status.server.ts. Read through the meetings domain with the public Viewer,
 * so a decision on an exempt item is never here.
 */
import { apiDate } from "../../../rules/date-precision.server";
import { bodyIdFor, viewer } from "./shared.server";
import { decisionsOf, getDecision, listDecisions, type DecisionRecord } from "../../meetings";
import { ApiProblem, page, type ListParams } from "./envelope.server";

export function decisionOut(site: string, d: DecisionRecord) {
  return {
    id: d.id,
    classification: "decision",
    description: d.text,
    reasons: d.reasons || null,
    status: d.status,
    status_label: d.statusLabel,
    call_in_until: d.callInUntil,
    called_in_on: d.calledInOn,
    implemented_on: d.implementedOn,
    // The meeting's date: null unless the sources give its day (app/rules/date-precision.server.ts).
    ...apiDate("date", d.startsAt, d.datePrecision, d.dateNote),
    organization_id: d.body.id,
    organization: { id: d.body.id, name: d.body.name, slug: d.body.slug },
    event_id: d.meeting.id,
    event: { id: d.meeting.id, name: d.meeting.title, url: `${site}/meetings/${d.meeting.slug}`, api_url: `${site}/api/v1/meetings/${d.meeting.id}` },
    agenda_item: { id: d.item.id, description: d.item.title, url: `${site}/agenda-items/${d.item.id}` },
    source_note: d.sourceNote,
    sources: [{ url: `${site}/decisions/${d.id}`, note: "web page" }],
    url: `${site}/decisions/${d.id}`,
    api_url: `${site}/api/v1/decisions/${d.id}`,
  };
}

export async function listDecisionsApi(site: string, url: URL, p: ListParams) {
  const bodyId = (await bodyIdFor(p.body)) ?? undefined;
  const q = (url.searchParams.get("q") ?? "").trim();
  if (q.length > 200) throw new ApiProblem(400, "q must be at most 200 characters", "q");
  const { total, decisions } = await listDecisions(viewer, {
    filters: { body: bodyId, from: p.since, to: p.until, q: q || undefined, sort: url.searchParams.get("sort") === "oldest" ? "oldest" : "newest" },
    page: p.page,
    pageSize: p.perPage,
  });
  return page(site, url, p, total, decisions.map((d) => decisionOut(site, d)));
}

export async function getDecisionApi(site: string, id: string) {
  const d = await getDecision(viewer, id);
  return d ? decisionOut(site, d) : null;
}

/** A meeting's decisions, for /api/v1/meetings/:id. */
export async function meetingDecisionsApi(site: string, meetingId: string) {
  return (await decisionsOf(viewer, { meetingId })).map((d) => decisionOut(site, d));
}
