/**
 * The read-only open-data API at /api/v1 (docs/api.md). Always the public's
 * view: every query uses the public Viewer's visibility conditions, whoever
 * asks, so a cross-site request (CORS is open for GET) can never read drafts
 * or exempt content. Field names follow Open Civic Data (events) and Popolo
 * (people, organizations, memberships).
 */
import { isUuid } from "../../../utils/uuid";
import { getActionApi, listActionsApi } from "./actions.server";
import { getBodyApi, listBodiesApi } from "./bodies.server";
import { getDecisionApi, listDecisionsApi } from "./decisions.server";
import { getDocumentApi, listDocumentsApi } from "./documents.server";
import { ApiProblem, apiError, apiJson, listParams, type ListParams } from "./envelope.server";
import { getInspectionApi, listInspectionsApi } from "./inspections.server";
import { getMeetingApi, listMeetingsApi } from "./meetings.server";
import { getPersonApi, listPeopleApi } from "./people.server";
import { getPriorityApi, listPrioritiesApi } from "./priorities.server";
import { getQuestionApi, listQuestionsApi } from "./questions.server";
import { getRecommendationApi, listRecommendationsApi } from "./recommendations.server";
import { getWorkProgrammeTopicApi, listWorkProgrammeApi } from "./work-programme.server";

type Lister = (site: string, url: URL, p: ListParams) => Promise<unknown>;
type Getter = (site: string, id: string) => Promise<unknown | null>;

export const RESOURCES: Record<string, { list: Lister; get: Getter; label: string }> = {
  bodies: { list: listBodiesApi, get: getBodyApi, label: "Boards and committees (Popolo organizations), with memberships" },
  people: { list: listPeopleApi, get: getPersonApi, label: "People (Popolo persons), with memberships" },
  meetings: { list: listMeetingsApi, get: getMeetingApi, label: "Meetings (Open Civic Data events), with the agenda" },
  documents: { list: listDocumentsApi, get: getDocumentApi, label: "Documents: reports, letters, annual reviews" },
  questions: { list: listQuestionsApi, get: getQuestionApi, label: "Questions, with responses and actions" },
  decisions: { list: listDecisionsApi, get: getDecisionApi, label: "Decisions: resolutions recorded in published minutes, with the meeting, item, body and status" },
  actions: { list: listActionsApi, get: getActionApi, label: "Follow-up actions, with where each came from (a question, a minute or a recommendation)" },
  priorities: { list: listPrioritiesApi, get: getPriorityApi, label: "Strategic priorities" },
  inspections: { list: listInspectionsApi, get: getInspectionApi, label: "Inspections and visits, with recommendations" },
  recommendations: { list: listRecommendationsApi, get: getRecommendationApi, label: "Inspection recommendations" },
  "work-programme": { list: listWorkProgrammeApi, get: getWorkProgrammeTopicApi, label: "Work programme topics per body and municipal year (2026-27 runs May to April), with status and agenda item" },
};

/** Answers GET /api/v1/<path>: the index, a list, or one record. */
export async function answerApi(site: string, url: URL, path: string): Promise<Response> {
  const parts = path.split("/").filter(Boolean);
  try {
    if (parts.length === 0) {
      return apiJson({
        name: "Open data API",
        version: "v1",
        documentation: "docs/api.md in the portal's source code",
        bulk_download: {
          description: "The whole public record in one ZIP: one JSON Lines file per resource below, each line a record as its API address gives it",
          url: `${site}/api/v1/bulk.zip`,
        },
        resources: Object.fromEntries(
          Object.entries(RESOURCES).map(([name, r]) => [name, { description: r.label, url: `${site}/api/v1/${name}` }]),
        ),
      });
    }
    const resource = RESOURCES[parts[0]];
    if (!resource || parts.length > 2) return apiError(404, `There is no API address ${url.pathname}`);
    if (parts.length === 1) return apiJson(await resource.list(site, url, listParams(url)));
    const id = parts[1];
    if (!isUuid(id)) return apiError(404, `There is no ${parts[0].replace(/ies$/, "y").replace(/s$/, "")} with that id: ids are UUIDs`);
    const record = await resource.get(site, id.toLowerCase());
    if (!record) return apiError(404, `There is no ${parts[0].replace(/ies$/, "y").replace(/s$/, "")} with that id`);
    return apiJson({ data: record });
  } catch (error) {
    if (error instanceof ApiProblem) return apiError(error.status, error.message, error.parameter ? { parameter: error.parameter } : {});
    throw error;
  }
}
