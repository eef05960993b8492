import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/permissions.server";
import { NameSearch, PeopleFound } from "~/components/name-search";
import { Pagination } from "~/components/pagination";
import { listPeople } from "~/models/people";
import { pageCount, parsePage, searchedName } from "~/utils/http.server";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "People");
export const handle = { breadcrumbs: () => [{ label: "Clerk", to: "/clerk" }] };

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "manage:membership:any");
  const url = new URL(request.url);
  const page = parsePage(url);
  const q = searchedName(url);
  const { total, people } = await listPeople({ page, q: q || undefined });
  return json({ people, total, q, page, pageCount: pageCount(total) });
}

export default function ClerkPeople() {
  const data = useLoaderData<typeof loader>();
  const href = (page: number) => {
    const params = new URLSearchParams();
    if (data.q) params.set("q", data.q);
    if (page > 1) params.set("page", String(page));
    const s = params.toString();
    return s ? `/clerk/people?${s}` : "/clerk/people";
  };
  return (
    <>
      <h1 className="govuk-heading-l">People</h1>
      <p className="govuk-body">
        Members of boards and committees, officers and anyone else the records name.{" "}
        <Link className="govuk-link" to="/clerk/bodies">Boards and committees</Link>
      </p>
      <p className="govuk-body">
        <Link className="govuk-button" to="/clerk/people/new">Add a person</Link>
      </p>
      <NameSearch q={data.q} />
      <PeopleFound total={data.total} q={data.q} />
      {data.people.length > 0 && (
        <table className="govuk-table">
          <caption className="govuk-table__caption govuk-visually-hidden">People</caption>
          <thead className="govuk-table__head">
            <tr className="govuk-table__row">
              <th scope="col" className="govuk-table__header">Name</th>
              <th scope="col" className="govuk-table__header">Job title or party</th>
              <th scope="col" className="govuk-table__header">Organisation</th>
            </tr>
          </thead>
          <tbody className="govuk-table__body">
            {data.people.map((p) => (
              <tr className="govuk-table__row" key={p.id}>
                <td className="govuk-table__cell">
                  <Link className="govuk-link" to={`/clerk/people/${p.id}`}>
                    {p.honorific ? `${p.honorific} ` : ""}
                    {p.name}
                  </Link>
                </td>
                <td className="govuk-table__cell">{p.jobTitle}</td>
                <td className="govuk-table__cell">{p.organisation}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Pagination page={data.page} pageCount={data.pageCount} href={href} />
    </>
  );
}
