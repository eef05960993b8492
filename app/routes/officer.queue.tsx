import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { forbidden, requirePermission } from "~/auth/permissions.server";
import { Pagination } from "~/components/pagination";
import { ActionTable, QuestionTable } from "~/components/question-tables";
import { listActions } from "~/models/questions";
import { listQuestions } from "~/models/questions";
import { PAGE_SIZE, pageCount, parsePage } from "~/utils/http.server";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "Awaiting our response");
export const handle = { breadcrumbs: () => [{ label: "Home", to: "/" }] };

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requirePermission(request, "respond:question:own");
  if (viewer.role !== "officer" || !viewer.organisationId) forbidden();
  const url = new URL(request.url);
  const page = parsePage(url);
  const actionsPage = parsePage(url, "actionsPage");
  const all = await listQuestions(viewer, { page: 1, all: true, addressedToId: viewer.organisationId, filters: { sort: "due" } });
  const waiting = all.questions.filter((q) => q.status === "awaiting_response" || q.status === "holding_response");
  const { actions: allActions } = await listActions(viewer, { page: 1, all: true, owningOrganisationId: viewer.organisationId });
  const open = allActions.filter((a) => a.status === "open" || a.status === "in_progress");
  return json({
    questions: waiting.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE),
    total: waiting.length,
    page,
    pageCount: pageCount(waiting.length),
    actions: open.slice((actionsPage - 1) * PAGE_SIZE, actionsPage * PAGE_SIZE),
    actionsTotal: open.length,
    actionsPage,
    actionsPageCount: pageCount(open.length),
  });
}

export default function OfficerQueue() {
  const data = useLoaderData<typeof loader>();
  return (
    <>
      <h1 className="govuk-heading-xl">Awaiting our response</h1>
      <p className="govuk-body">Questions addressed to your organisation that need a response, soonest due first.</p>
      <p className="govuk-body">{data.total === 1 ? "1 question" : `${data.total} questions`}</p>
      <QuestionTable questions={data.questions} caption="Questions awaiting a response, soonest due first" />
      <Pagination page={data.page} pageCount={data.pageCount} href={(p) => `/officer/queue?page=${p}&actionsPage=${data.actionsPage}`} />
      <h2 className="govuk-heading-l">Our open actions</h2>
      <p className="govuk-body">{data.actionsTotal === 1 ? "1 action" : `${data.actionsTotal} actions`}, soonest due first</p>
      <ActionTable actions={data.actions} caption="Open actions, soonest due first" />
      <Pagination page={data.actionsPage} pageCount={data.actionsPageCount} href={(p) => `/officer/queue?page=${data.page}&actionsPage=${p}`} />
    </>
  );
}
