import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/permissions.server";
import { Pagination } from "~/components/pagination";
import { ActionTable, QuestionTable } from "~/components/question-tables";
import { countsByOrganisation, listActions } from "~/models/questions";
import { listQuestions } from "~/models/questions";
import { PAGE_SIZE, pageCount, parsePage } from "~/utils/http.server";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "Chase list");
export const handle = { breadcrumbs: () => [{ label: "Home", to: "/" }] };

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requirePermission(request, "update:question:any");
  const url = new URL(request.url);
  const page = parsePage(url);
  const actionsPage = parsePage(url, "actionsPage");
  const { questions } = await listQuestions(viewer, { page: 1, all: true, filters: { overdue: true, sort: "late" } });
  const { actions } = await listActions(viewer, { page: 1, all: true, filters: { overdue: true, sort: "late" } });
  const submitted = (await listQuestions(viewer, { page: 1, all: true, filters: { status: "submitted" } })).total;
  return json({
    counts: countsByOrganisation(questions, actions),
    submitted,
    questions: questions.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE),
    questionsTotal: questions.length,
    page,
    pageCount: pageCount(questions.length),
    actions: actions.slice((actionsPage - 1) * PAGE_SIZE, actionsPage * PAGE_SIZE),
    actionsTotal: actions.length,
    actionsPage,
    actionsPageCount: pageCount(actions.length),
  });
}

export default function ChaseList() {
  const data = useLoaderData<typeof loader>();
  return (
    <>
      <h1 className="govuk-heading-xl">Chase list</h1>
      <p className="govuk-body">
        Overdue questions and actions, most days late first. {data.submitted === 1 ? "1 question is" : `${data.submitted} questions are`} waiting
        to be accepted: <Link className="govuk-link" to="/questions?status=submitted">see them</Link>.
      </p>
      <h2 className="govuk-heading-l">Overdue by organisation</h2>
      {data.counts.length === 0 ? (
        <p className="govuk-body">Nothing is overdue.</p>
      ) : (
        <table className="govuk-table">
          <caption className="govuk-table__caption govuk-visually-hidden">Overdue questions and actions per organisation</caption>
          <thead className="govuk-table__head">
            <tr className="govuk-table__row">
              <th scope="col" className="govuk-table__header">Organisation</th>
              <th scope="col" className="govuk-table__header govuk-table__header--numeric">Overdue questions</th>
              <th scope="col" className="govuk-table__header govuk-table__header--numeric">Overdue actions</th>
            </tr>
          </thead>
          <tbody className="govuk-table__body">
            {data.counts.map((c) => (
              <tr key={c.organisation} className="govuk-table__row">
                <th scope="row" className="govuk-table__header">{c.organisation}</th>
                <td className="govuk-table__cell govuk-table__cell--numeric">{c.questions}</td>
                <td className="govuk-table__cell govuk-table__cell--numeric">{c.actions}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2 className="govuk-heading-l">Overdue questions ({data.questionsTotal})</h2>
      <QuestionTable questions={data.questions} caption="Overdue questions, most days late first" />
      <Pagination page={data.page} pageCount={data.pageCount} href={(p) => `/clerk/chase?page=${p}&actionsPage=${data.actionsPage}`} />
      <h2 className="govuk-heading-l">Overdue actions ({data.actionsTotal})</h2>
      <ActionTable actions={data.actions} caption="Overdue actions, most days late first" />
      <Pagination page={data.actionsPage} pageCount={data.actionsPageCount} href={(p) => `/clerk/chase?page=${data.page}&actionsPage=${p}`} />
    </>
  );
}
