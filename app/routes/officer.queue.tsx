import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { forbidden, requirePermission } from "~/auth/permissions.server";
import { Pagination } from "~/components/pagination";
import { ActionTable, QuestionTable } from "~/components/question-tables";
import { recommendationsAwaitingResponse } from "~/models/oversight";
import { lastChasedOn, listActions } from "~/models/questions";
import { formatDate } from "~/rules/dates.server";
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
  const allRecommendations = await recommendationsAwaitingResponse(viewer.organisationId);
  const recPage = parsePage(url, "recommendationsPage");
  const open = allActions.filter((a) => a.status === "open" || a.status === "in_progress");
  const questions = waiting.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);
  const actions = open.slice((actionsPage - 1) * PAGE_SIZE, actionsPage * PAGE_SIZE);
  // The clerk's last reminder on each row shown, so the officer sees which came.
  const last = await lastChasedOn(questions.map((q) => q.id), actions.map((a) => a.id));
  const chasedOf = (kind: "question" | "action", ids: string[]) =>
    Object.fromEntries(ids.flatMap((id) => (last.has(`${kind}:${id}`) ? [[id, formatDate(last.get(`${kind}:${id}`)!)]] : [])));
  return json({
    questions,
    chasedQuestions: chasedOf("question", questions.map((q) => q.id)),
    chasedActions: chasedOf("action", actions.map((a) => a.id)),
    total: waiting.length,
    page,
    pageCount: pageCount(waiting.length),
    actions,
    actionsTotal: open.length,
    actionsPage,
    actionsPageCount: pageCount(open.length),
    recommendations: allRecommendations.slice((recPage - 1) * PAGE_SIZE, recPage * PAGE_SIZE),
    recommendationsTotal: allRecommendations.length,
    recommendationsPage: recPage,
    recommendationsPageCount: pageCount(allRecommendations.length),
  });
}

export default function OfficerQueue() {
  const data = useLoaderData<typeof loader>();
  return (
    <>
      <h1 className="govuk-heading-xl">Awaiting our response</h1>
      <p className="govuk-body">Questions addressed to your organisation that need a response, soonest due first.</p>
      <p className="govuk-body">{data.total === 1 ? "1 question" : `${data.total} questions`}</p>
      <QuestionTable questions={data.questions} caption="Questions awaiting a response, soonest due first" chased={data.chasedQuestions} />
      <Pagination page={data.page} pageCount={data.pageCount} href={(p) => `/officer/queue?page=${p}&actionsPage=${data.actionsPage}`} />
      <h2 className="govuk-heading-l" id="recommendations">The board's recommendations awaiting our response</h2>
      {data.recommendationsTotal === 0 ? (
        <p className="govuk-body">None: every recommendation of the board to your organisation has a response.</p>
      ) : (
        <>
          <p className="govuk-body">{data.recommendationsTotal === 1 ? "1 recommendation" : `${data.recommendationsTotal} recommendations`}, soonest due first</p>
          <table className="govuk-table">
            <caption className="govuk-table__caption govuk-visually-hidden">Recommendations awaiting a response, soonest due first</caption>
            <thead className="govuk-table__head">
              <tr className="govuk-table__row">
                <th scope="col" className="govuk-table__header">Recommendation</th>
                <th scope="col" className="govuk-table__header">Response</th>
              </tr>
            </thead>
            <tbody className="govuk-table__body">
              {data.recommendations.map((r) => (
                <tr className="govuk-table__row" key={r.id}>
                  <td className="govuk-table__cell">
                    <Link className="govuk-link" to={`/recommendations/${r.id}`}>{r.reference}</Link> ({r.bodyName}): {r.text.length > 120 ? `${r.text.slice(0, 117)}...` : r.text}
                  </td>
                  <td className="govuk-table__cell">
                    {r.label}
                    {r.due ? `, due ${r.due}` : ""}
                    {r.state !== "not_sent" && (
                      <>
                        {" "}
                        <Link className="govuk-link" to={`/officer/recommendations/${r.id}/respond`}>Respond<span className="govuk-visually-hidden"> to {r.reference}</span></Link>
                      </>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <Pagination page={data.recommendationsPage} pageCount={data.recommendationsPageCount} href={(p) => `/officer/queue?page=${data.page}&actionsPage=${data.actionsPage}&recommendationsPage=${p}#recommendations`} />
        </>
      )}
      <h2 className="govuk-heading-l">Our open actions</h2>
      <p className="govuk-body">{data.actionsTotal === 1 ? "1 action" : `${data.actionsTotal} actions`}, soonest due first</p>
      <ActionTable actions={data.actions} caption="Open actions, soonest due first" chased={data.chasedActions} />
      <Pagination page={data.actionsPage} pageCount={data.actionsPageCount} href={(p) => `/officer/queue?page=${data.page}&actionsPage=${p}`} />
    </>
  );
}
