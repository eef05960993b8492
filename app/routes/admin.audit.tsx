/**
 * The audit log, newest first, filtered by record (`entityType` + `entityId`:
 * every record's page links here with `<AuditHistoryLink>`), by who, by action.
 * Read-only: the log has no update or delete path.
 */
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/permissions.server";
import { Pagination } from "~/components/pagination";
import { db } from "~/models/records";
import { auditFilterOptions, listAuditEntries, type AuditFilter } from "~/models/records";
import { isUuid } from "~/models/people";
import { pageCount, parsePage } from "~/utils/http.server";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "Audit log");

export const handle = { breadcrumbs: () => [{ label: "Administration", to: "/admin" }] };

const PAGE_SIZE = 50;

function param(url: URL, name: string): string {
  const value = url.searchParams.get(name) ?? "";
  return /^[\w:.\-]{1,100}$/.test(value) ? value : "";
}

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "read:audit:any");
  const url = new URL(request.url);
  const page = parsePage(url);
  const userId = param(url, "userId");
  const filter: AuditFilter = {
    entityType: param(url, "entityType") || undefined,
    entityId: param(url, "entityId") || undefined,
    action: param(url, "action") || undefined,
    userId: isUuid(userId) ? userId : undefined,
  };
  const { rows, total } = await listAuditEntries(db(), filter, { page, pageSize: PAGE_SIZE });
  return json({
    filter: {
      entityType: filter.entityType ?? "",
      entityId: filter.entityId ?? "",
      action: filter.action ?? "",
      userId: filter.userId ?? "",
    },
    options: await auditFilterOptions(db()),
    page,
    pageCount: pageCount(total, PAGE_SIZE),
    total,
    entries: rows.map((r) => ({
      ...r,
      at: r.at.toISOString(),
      before: r.before === null ? null : JSON.stringify(r.before, null, 2),
      after: r.after === null ? null : JSON.stringify(r.after, null, 2),
    })),
  });
}

const dateTime = new Intl.DateTimeFormat("en-GB", {
  dateStyle: "medium",
  timeStyle: "medium",
  timeZone: "Europe/London",
});

export default function AuditLog() {
  const data = useLoaderData<typeof loader>();
  const href = (page: number) => {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(data.filter)) if (v) params.set(k, v);
    if (page > 1) params.set("page", String(page));
    const s = params.toString();
    return s ? `/admin/audit?${s}` : "/admin/audit";
  };
  const filtered = Object.values(data.filter).some(Boolean);
  return (
    <>
      <h1 className="govuk-heading-l">Audit log</h1>
      <p className="govuk-body">Every change in the portal, newest first. Entries cannot be changed or removed.</p>
      <Form method="get" className="govuk-!-margin-bottom-6">
        <div className="govuk-form-group">
          <label className="govuk-label" htmlFor="entityType">
            Kind of record
          </label>
          <select className="govuk-select" id="entityType" name="entityType" defaultValue={data.filter.entityType}>
            <option value="">Any</option>
            {data.options.entityTypes.map((t) => (
              <option key={t} value={t}>
                {t}
              </option>
            ))}
          </select>
        </div>
        <div className="govuk-form-group">
          <label className="govuk-label" htmlFor="entityId">
            Record id
          </label>
          <input
            className="govuk-input govuk-input--width-30"
            id="entityId"
            name="entityId"
            type="text"
            spellCheck={false}
            defaultValue={data.filter.entityId}
          />
        </div>
        <div className="govuk-form-group">
          <label className="govuk-label" htmlFor="action">
            Action
          </label>
          <select className="govuk-select" id="action" name="action" defaultValue={data.filter.action}>
            <option value="">Any</option>
            {data.options.actions.map((a) => (
              <option key={a} value={a}>
                {a}
              </option>
            ))}
          </select>
        </div>
        {data.filter.userId && <input type="hidden" name="userId" value={data.filter.userId} />}
        <button type="submit" className="govuk-button govuk-button--secondary" data-module="govuk-button">
          Filter
        </button>{" "}
        {filtered && (
          <Link className="govuk-link govuk-body" to="/admin/audit">
            Clear filters
          </Link>
        )}
      </Form>
      <p className="govuk-body">
        {data.total} {data.total === 1 ? "entry" : "entries"}
      </p>
      <table className="govuk-table">
        <caption className="govuk-table__caption govuk-visually-hidden">Audit log entries</caption>
        <thead className="govuk-table__head">
          <tr className="govuk-table__row">
            <th scope="col" className="govuk-table__header">
              When
            </th>
            <th scope="col" className="govuk-table__header">
              Who
            </th>
            <th scope="col" className="govuk-table__header">
              What
            </th>
            <th scope="col" className="govuk-table__header">
              Before
            </th>
            <th scope="col" className="govuk-table__header">
              After
            </th>
          </tr>
        </thead>
        <tbody className="govuk-table__body">
          {data.entries.map((e) => (
            <tr className="govuk-table__row" key={e.id}>
              <td className="govuk-table__cell">{dateTime.format(new Date(e.at))}</td>
              <td className="govuk-table__cell">
                {e.userId ? (
                  <Link className="govuk-link" to={`/admin/audit?userId=${e.userId}`}>
                    {e.userName ?? e.userId}
                  </Link>
                ) : (
                  "System"
                )}
                {e.ipAddress && <span className="govuk-body-s govuk-!-display-block">{e.ipAddress}</span>}
              </td>
              <td className="govuk-table__cell">
                <strong>{e.action}</strong> {e.entityType}
                {e.entityId && (
                  <Link
                    className="govuk-link govuk-body-s govuk-!-display-block"
                    to={`/admin/audit?${new URLSearchParams({ entityType: e.entityType, entityId: e.entityId })}`}
                  >
                    {e.entityId}
                  </Link>
                )}
              </td>
              <td className="govuk-table__cell">{e.before && <pre className="portal-audit-values">{e.before}</pre>}</td>
              <td className="govuk-table__cell">{e.after && <pre className="portal-audit-values">{e.after}</pre>}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <Pagination page={data.page} pageCount={data.pageCount} href={href} />
    </>
  );
}
