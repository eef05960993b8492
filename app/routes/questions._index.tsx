import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { getViewer } from "~/auth/viewer.server";
import { Tag } from "~/components/notes";
import { Pagination } from "~/components/pagination";
import { listQuestions } from "~/models/questions.server";
import { pageCount, parsePage } from "~/utils/http.server";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "Questions and responses");
export const handle = { breadcrumbs: () => [{ label: "Home", to: "/" }] };

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await getViewer(request);
  const page = parsePage(request.url);
  const { total, questions } = await listQuestions(viewer, { page });
  return json({ total, questions, page, pageCount: pageCount(total) });
}

export default function Questions() {
  const data = useLoaderData<typeof loader>();
  return (
    <>
      <h1 className="govuk-heading-xl">Questions and responses</h1>
      <p className="govuk-body">
        Every question raised by members on an agenda item, who it was addressed to, the response and what happened
        next.
      </p>
      <p className="govuk-body">{data.total === 1 ? "1 question" : `${data.total} questions`}</p>
      {data.questions.length === 0 ? (
        <p className="govuk-body">There are no questions to show.</p>
      ) : (
        <table className="govuk-table">
          <caption className="govuk-table__caption govuk-visually-hidden">Questions, newest first</caption>
          <thead className="govuk-table__head">
            <tr className="govuk-table__row">
              <th scope="col" className="govuk-table__header">Question</th>
              <th scope="col" className="govuk-table__header">Asked of</th>
              <th scope="col" className="govuk-table__header">Agenda item</th>
              <th scope="col" className="govuk-table__header">Status</th>
            </tr>
          </thead>
          <tbody className="govuk-table__body">
            {data.questions.map((q) => (
              <tr key={q.id} className="govuk-table__row">
                <td className="govuk-table__cell">
                  <Link className="govuk-link" to={`/questions/${q.id}`}>{q.text}</Link>
                  <br />
                  <span className="govuk-body-s portal-meta">
                    Tabled {q.tabled}
                    {q.askedBy ? ` by ${q.askedBy}` : ""}
                    {q.isSummarised ? " · summarised from the minutes" : ""}
                  </span>
                </td>
                <td className="govuk-table__cell">{q.addressedTo}</td>
                <td className="govuk-table__cell">
                  <Link className="govuk-link" to={`/agenda-items/${q.agendaItem.id}`}>{q.agendaItem.title}</Link>
                </td>
                <td className="govuk-table__cell">
                  <Tag className={q.status === "closed" ? "govuk-tag--grey" : "govuk-tag--blue"}>{q.statusLabel}</Tag>
                  {q.overdue && <Tag className="govuk-tag--red">Overdue</Tag>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Pagination page={data.page} pageCount={data.pageCount} href={(p) => `/questions?page=${p}`} />
    </>
  );
}
