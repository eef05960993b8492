import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { getViewer } from "~/auth/viewer.server";
import { Pagination } from "~/components/pagination";
import { listBodies } from "~/models/people";
import { pageCount, parsePage } from "~/utils/http.server";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "Boards and committees");
export const handle = { breadcrumbs: () => [{ label: "Home", to: "/" }] };

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await getViewer(request);
  const page = parsePage(request.url);
  const { total, bodies } = await listBodies(viewer, { page });
  return json({ bodies, page, pageCount: pageCount(total) });
}

export default function Bodies() {
  const data = useLoaderData<typeof loader>();
  return (
    <>
      <h1 className="govuk-heading-xl">Boards and committees</h1>
      <p className="govuk-body">
        Their members, and everyone else the record names, are listed under <Link className="govuk-link" to="/people">People</Link>.
      </p>
      {data.bodies.length === 0 ? (
        <p className="govuk-body">There are no boards or committees yet.</p>
      ) : (
        <ul className="govuk-list">
          {data.bodies.map((b) => (
            <li key={b.id} className="govuk-!-margin-bottom-5">
              <h2 className="govuk-heading-m govuk-!-margin-bottom-1">
                <Link className="govuk-link" to={`/bodies/${b.slug}`}>{b.name}</Link>
              </h2>
              <p className="govuk-body govuk-!-margin-bottom-1">{b.description}</p>
              <p className="govuk-body-s portal-meta">
                {b.organisation ? `${b.organisation} · ` : ""}
                {b.meetingCount === 1 ? "1 meeting" : `${b.meetingCount} meetings`}
              </p>
            </li>
          ))}
        </ul>
      )}
      <Pagination page={data.page} pageCount={data.pageCount} href={(p) => `/bodies?page=${p}`} />
    </>
  );
}
