import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { ACCOUNT_ROLES, isRole, ROLE_LABELS } from "~/auth/permissions";
import { requirePermission } from "~/auth/permissions.server";
import { Pagination } from "~/components/pagination";
import { db } from "~/models/records";
import { listUsers } from "~/models/people";
import { pageCount, parsePage } from "~/utils/http.server";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "Accounts");

export const handle = { breadcrumbs: () => [{ label: "Administration", to: "/admin" }] };

const PAGE_SIZE = 25;

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "manage:user:any");
  const url = new URL(request.url);
  const page = parsePage(url);
  const roleParam = url.searchParams.get("role") ?? "";
  const role = isRole(roleParam) ? roleParam : undefined;
  const q = (url.searchParams.get("q") ?? "").replace(/[\u0000-\u001f\uFFFD]/g, "").trim().slice(0, 100);
  const { rows, total } = await listUsers(db(), { page, pageSize: PAGE_SIZE, role, q: q || undefined });
  return json({ users: rows, total, page, pageCount: pageCount(total, PAGE_SIZE), role: role ?? "", q });
}

export default function AdminUsers() {
  const data = useLoaderData<typeof loader>();
  const query = (page: number) => {
    const params = new URLSearchParams();
    if (data.q) params.set("q", data.q);
    if (data.role) params.set("role", data.role);
    if (page > 1) params.set("page", String(page));
    const s = params.toString();
    return s ? `/admin/users?${s}` : "/admin/users";
  };
  return (
    <>
      <h1 className="govuk-heading-l">Accounts</h1>
      <p className="govuk-body">
        <Link className="govuk-button" to="/admin/users/new">
          Invite someone
        </Link>
      </p>
      <Form method="get" className="govuk-!-margin-bottom-6">
        <div className="govuk-form-group">
          <label className="govuk-label" htmlFor="q">
            Name or email address
          </label>
          <input className="govuk-input govuk-input--width-20" id="q" name="q" type="search" defaultValue={data.q} />
        </div>
        <div className="govuk-form-group">
          <label className="govuk-label" htmlFor="role">
            Role
          </label>
          <select className="govuk-select" id="role" name="role" defaultValue={data.role}>
            <option value="">Any role</option>
            {ACCOUNT_ROLES.map((r) => (
              <option key={r} value={r}>
                {ROLE_LABELS[r]}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="govuk-button govuk-button--secondary" data-module="govuk-button">
          Filter
        </button>
      </Form>
      <p className="govuk-body">
        {data.total} {data.total === 1 ? "account" : "accounts"}
      </p>
      <table className="govuk-table">
        <caption className="govuk-table__caption govuk-visually-hidden">Accounts</caption>
        <thead className="govuk-table__head">
          <tr className="govuk-table__row">
            <th scope="col" className="govuk-table__header">
              Name
            </th>
            <th scope="col" className="govuk-table__header">
              Email address
            </th>
            <th scope="col" className="govuk-table__header">
              Role
            </th>
            <th scope="col" className="govuk-table__header">
              Status
            </th>
          </tr>
        </thead>
        <tbody className="govuk-table__body">
          {data.users.map((u) => (
            <tr className="govuk-table__row" key={u.id}>
              <td className="govuk-table__cell">
                <Link className="govuk-link" to={`/admin/users/${u.id}`}>
                  {u.name}
                </Link>
              </td>
              <td className="govuk-table__cell">{u.email}</td>
              <td className="govuk-table__cell">
                {ROLE_LABELS[u.role]}
                {u.organisationName ? `, ${u.organisationName}` : ""}
              </td>
              <td className="govuk-table__cell">
                {u.disabledAt ? (
                  <strong className="govuk-tag govuk-tag--red">Disabled</strong>
                ) : u.hasPassword ? (
                  <strong className="govuk-tag govuk-tag--green">Active</strong>
                ) : (
                  <strong className="govuk-tag govuk-tag--yellow">Invited</strong>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <Pagination page={data.page} pageCount={data.pageCount} href={query} />
    </>
  );
}
