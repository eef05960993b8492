import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { getViewer } from "~/auth/viewer.server";
import { DateText, SourceNote, StatusBasisNote, Tag } from "~/components/notes";
import { getAnnualReview } from "~/models/oversight";
import { invariantFound } from "~/utils/http.server";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(matches, data?.review.title ?? "Annual review");
export const handle = {
  breadcrumbs: () => [
    { label: "Home", to: "/" },
    { label: "Annual reviews", to: "/annual-reviews" },
  ],
};

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await getViewer(request);
  return json({ review: invariantFound(await getAnnualReview(viewer, params.slug ?? "")) });
}

export default function AnnualReview() {
  const { review: r } = useLoaderData<typeof loader>();
  return (
    <>
      <span className="govuk-caption-l">Annual review{r.organisation ? ` · ${r.organisation}` : ""}</span>
      <h1 className="govuk-heading-xl">{r.title}</h1>
      <dl className="govuk-summary-list">
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">Period reviewed</dt>
          <dd className="govuk-summary-list__value">
            {r.reviewPeriod ?? (r.reviewYear ? String(r.reviewYear) : "Not given in the sources")}
          </dd>
        </div>
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">Date</dt>
          <dd className="govuk-summary-list__value"><DateText text={r.date.text} approximate={r.date.approximate} /></dd>
        </div>
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">Presented at</dt>
          <dd className="govuk-summary-list__value">
            {r.presentedAt ? (
              <>
                <Link className="govuk-link" to={`/agenda-items/${r.presentedAt.id}`}>{r.presentedAt.title}</Link>,{" "}
                <Link className="govuk-link" to={`/meetings/${r.presentedAt.meetingSlug}`}>{r.presentedAt.meetingTitle}</Link> ({r.presentedAt.date})
              </>
            ) : (
              "Not recorded"
            )}
          </dd>
        </div>
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">Priorities</dt>
          <dd className="govuk-summary-list__value">
            {r.priorities.length === 0 ? (
              "None linked"
            ) : (
              <ul className="govuk-list">
                {r.priorities.map((p) => (
                  <li key={p.slug}><Link className="govuk-link" to={`/priorities/${p.slug}`}>{p.title}</Link></li>
                ))}
              </ul>
            )}
          </dd>
        </div>
      </dl>
      <SourceNote note={r.dateNote} title="About the date" />
      <SourceNote note={r.sourceNote} />
      <h2 className="govuk-heading-l">Headline points</h2>
      <div className="portal-prose" dangerouslySetInnerHTML={{ __html: r.bodyHtml }} />
      <h2 className="govuk-heading-l">Questions raised on it</h2>
      {r.questions.length === 0 ? (
        <p className="govuk-body">No questions are recorded on the item where it was presented.</p>
      ) : (
        <>
          <ul className="govuk-list">
            {r.questions.map((q) => (
              <li key={q.id} className="govuk-!-margin-bottom-3">
                <Link className="govuk-link" to={`/questions/${q.id}`}>{q.text}</Link>
                <br />
                <span className="portal-meta">{q.statusLabel}</span>
                <StatusBasisNote basis={q.statusBasis} />
                {q.overdue && <> <Tag className="govuk-tag--red">Overdue</Tag></>}
              </li>
            ))}
          </ul>
          {r.presentedAt && r.questionTotal > r.questions.length && (
            <p className="govuk-body">
              <Link className="govuk-link" to={`/agenda-items/${r.presentedAt.id}`}>All {r.questionTotal} questions on the item</Link>
            </p>
          )}
        </>
      )}
    </>
  );
}
