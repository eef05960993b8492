import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/permissions.server";
import { Pagination } from "~/components/pagination";
import { listClerkBodies } from "~/models/people";
import { pageCount, parsePage } from "~/utils/http.server";
import { pageTitle } from "~/utils/meta";
import { BODY_KIND_LABELS } from "~/utils/people-schemas";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "Boards and committees");
export const handle = { breadcrumbs: () => [{ label: "Clerk", to: "/clerk" }] };

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "update:body:any");
  const page = parsePage(request.url);
  const { total, bodies } = await listClerkBodies({ page });
  return json({ bodies, total, page, pageCount: pageCount(total) });
}

export default function ClerkBodies() {
  const data = useLoaderData<typeof loader>();
  return (
    <>
      <h1 className="govuk-heading-l">Boards and committees</h1>
      <p className="govuk-body">
        <Link className="govuk-button" to="/clerk/bodies/new">Add a board or committee</Link>{" "}
        <Link className="govuk-button govuk-button--secondary" to="/clerk/people">People</Link>
      </p>
      <p className="govuk-body">
        {data.total} {data.total === 1 ? "board or committee" : "boards and committees"}
      </p>
      {data.bodies.length > 0 && (
        <table className="govuk-table">
          <caption className="govuk-table__caption govuk-visually-hidden">Boards and committees</caption>
          <thead className="govuk-table__head">
            <tr className="govuk-table__row">
              <th scope="col" className="govuk-table__header">Name</th>
              <th scope="col" className="govuk-table__header">Kind</th>
              <th scope="col" className="govuk-table__header govuk-table__header--numeric">Current members</th>
              <th scope="col" className="govuk-table__header">Public page</th>
            </tr>
          </thead>
          <tbody className="govuk-table__body">
            {data.bodies.map((b) => (
              <tr className="govuk-table__row" key={b.id}>
                <td className="govuk-table__cell">
                  <Link className="govuk-link" to={`/clerk/bodies/${b.id}`}>{b.name}</Link>
                </td>
                <td className="govuk-table__cell">{BODY_KIND_LABELS[b.kind]}</td>
                <td className="govuk-table__cell govuk-table__cell--numeric">{b.currentMembers}</td>
                <td className="govuk-table__cell">
                  <Link className="govuk-link" to={`/bodies/${b.slug}`}>
                    /bodies/{b.slug}
                  </Link>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Pagination page={data.page} pageCount={data.pageCount} href={(p) => `/clerk/bodies?page=${p}`} />
    </>
  );
}
