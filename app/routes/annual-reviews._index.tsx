import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { getViewer } from "~/auth/viewer.server";
import { Pagination } from "~/components/pagination";
import { listAnnualReviews } from "~/models/oversight";
import { pageCount, parsePage } from "~/utils/http.server";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "Annual reviews");
export const handle = { breadcrumbs: () => [{ label: "Home", to: "/" }] };

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await getViewer(request);
  const page = parsePage(request.url);
  const { total, years } = await listAnnualReviews(viewer, { page });
  return json({ years, page, pageCount: pageCount(total) });
}

export default function AnnualReviews() {
  const d = useLoaderData<typeof loader>();
  return (
    <>
      <h1 className="govuk-heading-xl">Annual reviews</h1>
      <p className="govuk-body">The scrutinised organisation's annual reviews as presented to the board, by year.</p>
      {d.years.length === 0 ? (
        <p className="govuk-body">No annual reviews have been published.</p>
      ) : (
        d.years.map((y) => (
          <section key={y.year}>
            <h2 className="govuk-heading-l">{y.year}</h2>
            <ul className="govuk-list">
              {y.reviews.map((r) => (
                <li key={r.slug} className="govuk-!-margin-bottom-4">
                  <Link className="govuk-link govuk-!-font-weight-bold" to={`/annual-reviews/${r.slug}`}>{r.title}</Link>
                  {r.organisation && <span className="portal-meta"> · {r.organisation}</span>}
                  {r.summary && <p className="govuk-body-s govuk-!-margin-bottom-0">{r.summary}</p>}
                </li>
              ))}
            </ul>
          </section>
        ))
      )}
      <Pagination page={d.page} pageCount={d.pageCount} href={(p) => `/annual-reviews?page=${p}`} />
    </>
  );
}
