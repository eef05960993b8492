import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/permissions.server";
import { Pagination } from "~/components/pagination";
import { listPeople } from "~/models/people";
import { pageCount, parsePage } from "~/utils/http.server";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "People");
export const handle = { breadcrumbs: () => [{ label: "Clerk", to: "/clerk" }] };

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "manage:membership:any");
  const url = new URL(request.url);
  const page = parsePage(url);
  const q = (url.searchParams.get("q") ?? "").replace(/[\u0000-\u001f\uFFFD]/g, "").trim().slice(0, 100);
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
      <Form method="get" role="search" className="govuk-!-margin-bottom-6">
        <div className="govuk-form-group">
          <label className="govuk-label" htmlFor="q">Name</label>
          <input className="govuk-input govuk-input--width-20" id="q" name="q" type="search" defaultValue={data.q} />
        </div>
        <button type="submit" className="govuk-button govuk-button--secondary" data-module="govuk-button">Search</button>
      </Form>
      <p className="govuk-body">
        {data.total} {data.total === 1 ? "person" : "people"}
        {data.q ? ` whose name contains “${data.q}”` : ""}
      </p>
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
