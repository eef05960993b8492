/**
 * A municipal year's work programme (issue 17 item 6): the topics each board or committee will
 * scrutinise, where each is planned or taken, and why. Printable: the print link shows every
 * topic on one page (the site's print stylesheet hides the rest).
 */
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { getViewerWithPermissions } from "~/auth/permissions.server";
import { Pagination } from "~/components/pagination";
import { TopicList } from "~/components/work-programme";
import { listWorkProgramme, workProgrammeYears } from "~/models/oversight";
import { municipalYearBounds, municipalYearLabel, parseMunicipalYear } from "~/rules/municipal-year.server";
import { formatDate } from "~/rules/dates.server";
import { pageCount, parsePage } from "~/utils/http.server";
import { pageTitle } from "~/utils/meta";

const PAGE_SIZE = 25;
const PRINT_LIMIT = 1000;

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  pageTitle(matches, data ? `Work programme ${data.label}` : "Work programme", {
    description: data ? `The scrutiny work programme for the municipal year ${data.label}: the topics, when each is planned and why.` : null,
  });
export const handle = { breadcrumbs: () => [{ label: "Home", to: "/" }] };

export async function loader({ request, params }: LoaderFunctionArgs) {
  const parsed = parseMunicipalYear(params.year);
  if (!parsed.ok) throw new Response(parsed.message, { status: 404 });
  const { viewer, can } = await getViewerWithPermissions(request);
  const url = new URL(request.url);
  const all = url.searchParams.get("print") === "all";
  const page = all ? 1 : parsePage(url);
  const list = await listWorkProgramme(viewer, { year: parsed.year, page, pageSize: all ? PRINT_LIMIT : PAGE_SIZE });
  const bounds = municipalYearBounds(parsed.year);
  return json({
    year: parsed.year,
    label: municipalYearLabel(parsed.year),
    from: formatDate(bounds.from),
    to: formatDate(bounds.to),
    previous: municipalYearLabel(parsed.year - 1),
    next: municipalYearLabel(parsed.year + 1),
    years: await workProgrammeYears(viewer),
    ...list,
    page,
    all,
    pageCount: all ? 1 : pageCount(list.total, PAGE_SIZE),
    canPropose: can("create:topic:own"),
    canManage: can("update:topic:any"),
  });
}

export default function WorkProgrammeYear() {
  const d = useLoaderData<typeof loader>();
  return (
    <>
      <h1 className="govuk-heading-xl">Work programme {d.label}</h1>
      <p className="govuk-body">
        The topics the board and its committees plan to scrutinise in the municipal year {d.label} ({d.from} to {d.to}): when each is
        planned, the kind of scrutiny, why it is on the programme and what became of it.
      </p>
      <ul className="govuk-list portal-no-print">
        <li>
          <Link className="govuk-link" to={`/work-programme/${d.label}/coverage`}>How the programme covers each strategic priority</Link>
        </li>
        <li>
          <Link className="govuk-link" to={`/work-programme/${d.label}?print=all`}>Printable version (every topic on one page)</Link>
        </li>
        {d.canPropose && (
          <li>
            <Link className="govuk-link" to="/work-programme/propose">Propose a topic</Link>
          </li>
        )}
        {d.canManage && (
          <li>
            <Link className="govuk-link" to="/clerk/work-programme">Manage the work programme</Link>
          </li>
        )}
      </ul>
      <nav className="portal-no-print govuk-!-margin-bottom-6" aria-label="Other years">
        <p className="govuk-body">
          <Link className="govuk-link" to={`/work-programme/${d.previous}`}>Previous year ({d.previous})</Link>
          {" · "}
          <Link className="govuk-link" to={`/work-programme/${d.next}`}>Next year ({d.next})</Link>
          {d.years.length > 0 && (
            <>
              {" · Years with a programme: "}
              {d.years.map((y, i) => (
                <span key={y.year}>
                  {i > 0 && ", "}
                  <Link className="govuk-link" to={`/work-programme/${y.label}`}>{y.label}</Link>
                </span>
              ))}
            </>
          )}
        </p>
      </nav>
      <h2 className="govuk-heading-l">
        {d.total === 0 ? "No topics" : d.total === 1 ? "1 topic" : `${d.total} topics`}
      </h2>
      {d.total === 0 ? (
        <p className="govuk-body">There is no work programme for {d.label} yet.</p>
      ) : (
        <TopicList topics={d.topics} />
      )}
      {!d.all && <Pagination page={d.page} pageCount={d.pageCount} href={(p) => `/work-programme/${d.label}?page=${p}`} />}
    </>
  );
}
