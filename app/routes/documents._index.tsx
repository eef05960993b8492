import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { getViewer } from "~/auth/viewer.server";
import { DateText } from "~/components/notes";
import { Pagination } from "~/components/pagination";
import { DOCUMENT_KIND_LABELS, isDocumentKind, listDocuments } from "~/models/meetings";
import { pageCount, parsePage } from "~/utils/http.server";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "Documents");
export const handle = { breadcrumbs: () => [{ label: "Home", to: "/" }] };

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await getViewer(request);
  const url = new URL(request.url);
  const page = parsePage(url);
  const kindParam = url.searchParams.get("kind");
  const kind = isDocumentKind(kindParam) ? kindParam : undefined;
  const { total, documents } = await listDocuments(viewer, { page, kind });
  return json({
    total,
    documents,
    page,
    pageCount: pageCount(total),
    kind: kind ?? null,
    kinds: Object.entries(DOCUMENT_KIND_LABELS),
  });
}

export default function Documents() {
  const data = useLoaderData<typeof loader>();
  const href = (p: number) => `/documents?${new URLSearchParams({ ...(data.kind ? { kind: data.kind } : {}), page: String(p) })}`;
  return (
    <>
      <h1 className="govuk-heading-xl">Documents</h1>
      <p className="govuk-body">Reports, letters, annual reviews and inspection reports, as readable web pages.</p>
      <Form method="get" className="portal-no-print">
        <div className="govuk-form-group">
          <label className="govuk-label" htmlFor="kind">Kind of document</label>
          <select className="govuk-select" id="kind" name="kind" defaultValue={data.kind ?? ""}>
            <option value="">All kinds</option>
            {data.kinds.map(([value, label]) => (
              <option key={value} value={value}>{label}</option>
            ))}
          </select>{" "}
          <button type="submit" className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0">Show documents</button>
        </div>
      </Form>
      <p className="govuk-body">{data.total === 1 ? "1 document" : `${data.total} documents`}</p>
      {data.documents.length === 0 ? (
        <p className="govuk-body">There are no documents to show.</p>
      ) : (
        <ul className="govuk-list">
          {data.documents.map((d) => (
            <li key={d.id} className="govuk-!-margin-bottom-5">
              <h2 className="govuk-heading-s govuk-!-margin-bottom-1">
                <Link className="govuk-link" to={`/documents/${d.slug}`}>{d.title}</Link>
              </h2>
              <p className="govuk-body-s govuk-!-margin-bottom-1 portal-meta">
                {d.kindLabel}
                {d.organisation ? ` · ${d.organisation}` : ""} · <DateText text={d.date} approximate={d.dateApproximate} />
              </p>
              {d.summary && <p className="govuk-body govuk-!-margin-bottom-0">{d.summary}</p>}
            </li>
          ))}
        </ul>
      )}
      <Pagination page={data.page} pageCount={data.pageCount} href={href} />
    </>
  );
}
