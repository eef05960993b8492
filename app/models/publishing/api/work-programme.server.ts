/**
 * The API's work programme (issue 17 item 7): the topics on each body's programme per municipal
 * year, as the public sees them (a proposed topic is never here), with the status, the meeting
 * it is planned for and the agenda item where it is taken.
 */
import { bodyIdFor, viewer } from "./shared.server";
import { getTopic, listAllTopics, type WorkProgrammeTopic } from "../../oversight/refs.server";
import { parseMunicipalYear } from "../../../rules/municipal-year.server";
import { ApiProblem, page, type ListParams } from "./envelope.server";

export function topicOut(site: string, t: WorkProgrammeTopic) {
  return {
    id: t.id,
    title: t.title,
    description_markdown: t.description,
    municipal_year: t.yearLabel,
    organization_id: t.body.id,
    organization: { id: t.body.id, name: t.body.name, slug: t.body.slug },
    reason: t.reason,
    reason_label: t.reasonLabel,
    kind: t.kind,
    kind_label: t.kindLabel,
    status: t.status,
    status_label: t.statusLabel,
    status_reason: t.status === "deferred" || t.status === "dropped" ? t.decisionReason : null,
    priority: t.priority ? { id: t.priority.id, title: t.priority.title, api_url: `${site}/api/v1/priorities/${t.priority.id}` } : null,
    recommendation: t.recommendation
      ? { id: t.recommendation.id, reference: t.recommendation.reference, source: t.recommendation.source, api_url: `${site}/api/v1/recommendations/${t.recommendation.id}` }
      : null,
    lead_officer: t.leadOfficer ? { name: t.leadOfficer.name, url: `${site}/people/${t.leadOfficer.slug}` } : null,
    planned_event: t.plannedMeeting ? { id: t.plannedMeeting.id, name: t.plannedMeeting.title, url: `${site}/meetings/${t.plannedMeeting.slug}`, api_url: `${site}/api/v1/meetings/${t.plannedMeeting.id}` } : null,
    to_be_scheduled: !t.plannedMeeting && !t.plannedMeetingUnannounced && !t.agendaItem,
    agenda_item: t.agendaItem ? { id: t.agendaItem.id, description: t.agendaItem.title, url: `${site}/agenda-items/${t.agendaItem.id}`, event: { name: t.agendaItem.meeting.title, url: `${site}/meetings/${t.agendaItem.meeting.slug}` } } : null,
    url: `${site}/work-programme/topics/${t.id}`,
    api_url: `${site}/api/v1/work-programme/${t.id}`,
  };
}

export async function listWorkProgrammeApi(site: string, url: URL, p: ListParams) {
  const bodyId = (await bodyIdFor(p.body)) ?? undefined;
  const rawYear = url.searchParams.get("year");
  let year: number | undefined;
  if (rawYear) {
    const parsed = parseMunicipalYear(rawYear);
    if (!parsed.ok) throw new ApiProblem(400, parsed.message, "year");
    year = parsed.year;
  }
  const { total, topics } = await listAllTopics(viewer, { bodyId, year, page: p.page, pageSize: p.perPage });
  return page(site, url, p, total, topics.map((t) => topicOut(site, t)));
}

export async function getWorkProgrammeTopicApi(site: string, id: string) {
  const t = await getTopic(viewer, id);
  return t ? topicOut(site, t) : null;
}
