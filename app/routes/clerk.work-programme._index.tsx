/** The clerk's work programme: topics members have proposed, waiting for a decision, and the year's programme. */
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/permissions.server";
import { Pagination } from "~/components/pagination";
import { TopicStatusTag, TopicWhere } from "~/components/work-programme";
import { listWorkProgramme } from "~/models/oversight";
import { municipalYearLabel, municipalYearOf, parseMunicipalYear } from "~/rules/municipal-year.server";
import { pageCount, parsePage } from "~/utils/http.server";
import { pageTitle } from "~/utils/meta";

const PAGE_SIZE = 25;

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "Work programme");
export const handle = {
  breadcrumbs: () => [
    { label: "Home", to: "/" },
    { label: "Clerk's dashboard", to: "/clerk" },
  ],
};

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requirePermission(request, "update:topic:any");
  const url = new URL(request.url);
  const parsed = parseMunicipalYear(url.searchParams.get("year") ?? municipalYearLabel(municipalYearOf(new Date())));
  if (!parsed.ok) throw new Response(parsed.message, { status: 400 });
  const page = parsePage(url);
  const proposedPage = parsePage(url, "proposed");
  const proposed = await listWorkProgramme(viewer, { year: parsed.year, proposedOnly: true, page: proposedPage, pageSize: PAGE_SIZE });
  const all = await listWorkProgramme(viewer, { year: parsed.year, page, pageSize: PAGE_SIZE });
  return json(
    { label: municipalYearLabel(parsed.year), previous: municipalYearLabel(parsed.year - 1), next: municipalYearLabel(parsed.year + 1), proposed, proposedPage, proposedPageCount: pageCount(proposed.total, PAGE_SIZE), all, page, pageCount: pageCount(all.total, PAGE_SIZE) },
    { headers: { "Cache-Control": "private, no-store" } },
  );
}

export default function ClerkWorkProgramme() {
  const d = useLoaderData<typeof loader>();
  return (
    <>
      <h1 className="govuk-heading-xl">Work programme {d.label}</h1>
      <p className="govuk-body">
        <Link className="govuk-link" to={`/clerk/work-programme?year=${d.previous}`}>Previous year</Link>
        {" · "}
        <Link className="govuk-link" to={`/clerk/work-programme?year=${d.next}`}>Next year</Link>
        {" · "}
        <Link className="govuk-link" to={`/work-programme/${d.label}`}>The public page</Link>
        {" · "}
        <Link className="govuk-link" to="/work-programme/propose">Add a topic</Link>
      </p>
      <h2 className="govuk-heading-l">Proposed, waiting for a decision ({d.proposed.total})</h2>
      {d.proposed.total === 0 ? (
        <p className="govuk-body">No proposals are waiting.</p>
      ) : (
        <ul className="govuk-list">
          {d.proposed.topics.map((t) => (
            <li key={t.id}>
              <Link className="govuk-link" to={`/clerk/work-programme/${t.id}`}>{t.title}</Link> ({t.body.name}; {t.reasonLabel})
            </li>
          ))}
        </ul>
      )}
      <Pagination label="Proposed topics" page={d.proposedPage} pageCount={d.proposedPageCount} href={(p) => `/clerk/work-programme?year=${d.label}&proposed=${p}`} />
      <h2 className="govuk-heading-l">Every topic ({d.all.total})</h2>
      <ul className="govuk-list">
        {d.all.topics.map((t) => (
          <li key={t.id} className="govuk-!-margin-bottom-3">
            <Link className="govuk-link" to={`/clerk/work-programme/${t.id}`}>{t.title}</Link> <TopicStatusTag status={t.status} label={t.statusLabel} />
            <br />
            <span className="govuk-body-s"><TopicWhere t={t} /></span>
          </li>
        ))}
      </ul>
      <Pagination label="Every topic" page={d.page} pageCount={d.pageCount} href={(p) => `/clerk/work-programme?year=${d.label}&page=${p}`} />
    </>
  );
}
