import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { getViewer } from "~/auth/viewer.server";
import { Pagination } from "~/components/pagination";
import { listPublicPeople } from "~/models/people";
import { pageCount, parsePage } from "~/utils/http.server";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "People");
export const handle = { breadcrumbs: () => [{ label: "Home", to: "/" }] };

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await getViewer(request);
  const page = parsePage(request.url);
  const { total, people } = await listPublicPeople(viewer, { page });
  return json({ people, total, page, pageCount: pageCount(total) });
}

export default function PeopleIndex() {
  const data = useLoaderData<typeof loader>();
  return (
    <>
      <h1 className="govuk-heading-xl">People</h1>
      <p className="govuk-body-l">
        Members of the boards and committees, then the officers and others the public record names: who asked
        questions, who answered them, who attended meetings.
      </p>
      {data.people.length === 0 ? (
        <p className="govuk-body">There are no people to show.</p>
      ) : (
        <ul className="govuk-list portal-people-list">
          {data.people.map((p) => (
            <li key={p.slug} className="govuk-!-margin-bottom-3">
              <Link className="govuk-link govuk-!-font-weight-bold" to={`/people/${p.slug}`}>
                {p.honorific ? `${p.honorific} ` : ""}
                {p.name}
              </Link>
              <br />
              <span className="govuk-body-s portal-meta">
                {p.currentRole ?? ([p.jobTitle, p.organisation].filter(Boolean).join(", ") || "Named in the record")}
              </span>
            </li>
          ))}
        </ul>
      )}
      <Pagination page={data.page} pageCount={data.pageCount} href={(p) => `/people?page=${p}`} />
    </>
  );
}
