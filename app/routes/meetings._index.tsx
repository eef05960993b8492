import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { getViewer } from "~/auth/viewer.server";
import { DateText, Tag } from "~/components/notes";
import { Pagination } from "~/components/pagination";
import { listMeetings, meetingYears } from "~/models/meetings";
import { meetingStatusTagClass } from "~/rules/meeting-status.server";
import { pageCount, parsePage } from "~/utils/http.server";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "Meetings");

export const handle = { breadcrumbs: () => [{ label: "Home", to: "/" }] };

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await getViewer(request);
  const url = new URL(request.url);
  const page = parsePage(url);
  const years = await meetingYears(viewer);
  const yearParam = Number(url.searchParams.get("year"));
  const year = years.includes(yearParam) ? yearParam : undefined;
  const { total, meetings } = await listMeetings(viewer, { page, year });
  return json({
    total,
    page,
    pageCount: pageCount(total),
    year: year ?? null,
    years,
    meetings: meetings.map((m) => ({ ...m, tagClass: meetingStatusTagClass(m.status) })),
  });
}

export default function Meetings() {
  const data = useLoaderData<typeof loader>();
  const href = (p: number) => `/meetings?${new URLSearchParams({ ...(data.year ? { year: String(data.year) } : {}), page: String(p) })}`;
  return (
    <>
      <h1 className="govuk-heading-xl">Meetings</h1>
      <p className="govuk-body portal-no-print">
        <Link className="govuk-link" to="/meetings/calendar">Meeting calendar: meetings by month, and those coming up</Link>
      </p>
      <p className="govuk-body portal-no-print">
        Add every meeting to your calendar, or follow new publications: <Link className="govuk-link" to="/feeds">feeds and calendars</Link>.
      </p>
      <Form method="get" className="portal-no-print">
        <div className="govuk-form-group">
          <label className="govuk-label" htmlFor="year">
            Year
          </label>
          <select className="govuk-select" id="year" name="year" defaultValue={data.year ?? ""}>
            <option value="">All years</option>
            {data.years.map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </select>{" "}
          <button type="submit" className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0">
            Show meetings
          </button>
        </div>
      </Form>
      <p className="govuk-body">
        {data.total === 1 ? "1 meeting" : `${data.total} meetings`}
        {data.year ? ` in ${data.year}` : ""}
      </p>
      {data.meetings.length === 0 ? (
        <p className="govuk-body">There are no meetings to show.</p>
      ) : (
        <table className="govuk-table">
          <caption className="govuk-table__caption govuk-visually-hidden">Meetings, newest first</caption>
          <thead className="govuk-table__head">
            <tr className="govuk-table__row">
              <th scope="col" className="govuk-table__header">Date</th>
              <th scope="col" className="govuk-table__header">Meeting</th>
              <th scope="col" className="govuk-table__header">Body</th>
              <th scope="col" className="govuk-table__header">Status</th>
            </tr>
          </thead>
          <tbody className="govuk-table__body">
            {data.meetings.map((m) => (
              <tr className="govuk-table__row" key={m.id}>
                <td className="govuk-table__cell">
                  <DateText text={m.date} approximate={m.dateApproximate} />
                </td>
                <td className="govuk-table__cell">
                  <Link className="govuk-link" to={`/meetings/${m.slug}`}>
                    {m.title}
                  </Link>
                </td>
                <td className="govuk-table__cell">
                  <Link className="govuk-link" to={`/bodies/${m.body.slug}`}>
                    {m.body.name}
                  </Link>
                </td>
                <td className="govuk-table__cell">
                  <Tag className={m.tagClass}>{m.statusLabel}</Tag>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Pagination page={data.page} pageCount={data.pageCount} href={href} />
    </>
  );
}
