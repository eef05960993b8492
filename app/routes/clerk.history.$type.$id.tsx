import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/permissions.server";
import { Pagination } from "~/components/pagination";
import { HISTORY_RECORD_NAMES, recordHistory } from "~/models/meetings";
import { isRevisionEntityType } from "~/models/records";
import { idParam, notFound, pageCount, parsePage } from "~/utils/http.server";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "History of changes");
export const handle = { breadcrumbs: () => [{ label: "Clerk", to: "/clerk" }] };

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requirePermission(request, "read:draft:any");
  const type = params.type ?? "";
  const id = idParam(params);
  if (!isRevisionEntityType(type)) notFound();
  const url = new URL(request.url);
  const page = parsePage(url);
  const history = await recordHistory(viewer, type, id, page);
  if (!history || history.total === 0) notFound();
  return json({
    name: HISTORY_RECORD_NAMES[type],
    versions: history.versions,
    total: history.total,
    page,
    pageCount: pageCount(history.total),
    path: url.pathname,
  });
}

export default function History() {
  const { name, versions, total, page, pageCount, path } = useLoaderData<typeof loader>();
  return (
    <>
      <h1 className="govuk-heading-xl">History of changes to this {name}</h1>
      <p className="govuk-body">
        {total === 1 ? "1 version is" : `${total} versions are`} kept, newest first.
      </p>
      {versions.map((v) => (
        <section key={v.id} aria-labelledby={`v-${v.version}`} className="govuk-!-margin-bottom-8">
          <h2 className="govuk-heading-m" id={`v-${v.version}`}>
            <span className="govuk-caption-m">Version {v.version}, {v.when}</span>
            {v.heading}
          </h2>
          {v.reason && <p className="govuk-body">Reason given: {v.reason}</p>}
          {v.values.length > 0 && (
            <dl className="govuk-summary-list">
              {v.values.map((f) => (
                <div className="govuk-summary-list__row" key={f.label}>
                  <dt className="govuk-summary-list__key">{f.label}</dt>
                  <dd className="govuk-summary-list__value portal-pre-wrap">{f.value}</dd>
                </div>
              ))}
            </dl>
          )}
          {v.changes.length > 0 && (
            <ul className="govuk-list govuk-list--bullet">
              {v.changes.map((c, i) => (
                <li key={i}>
                  {c.sentence}.
                  {c.lines.length > 0 && (
                    <ul className="govuk-list portal-pre">
                      {c.lines.map((line, j) =>
                        line.kind === "added" ? (
                          <li key={j}>
                            <ins className="portal-diff__added">Added: {line.text}</ins>
                          </li>
                        ) : (
                          <li key={j}>
                            <del className="portal-diff__removed">Removed: {line.text}</del>
                          </li>
                        ),
                      )}
                    </ul>
                  )}
                </li>
              ))}
            </ul>
          )}
          {v.values.length === 0 && v.changes.length === 0 && <p className="govuk-body">Saved with no change to its details.</p>}
        </section>
      ))}
      <Pagination page={page} pageCount={pageCount} href={(p) => `${path}?page=${p}`} />
    </>
  );
}
