/**
 * A meeting's agenda pack, to read or print (issue #15 item 9): a cover (body, date,
 * venue, when the agenda was published and any reason it was late), the numbered agenda,
 * then each public report in agenda order: a report written in the portal as its text, a
 * file by its name and address. Print styles: app/styles/portal.scss (`@page`, `.portal-pack`).
 */
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { getViewer } from "~/auth/viewer.server";
import { DateText, Tag } from "~/components/notes";
import { SummaryList } from "~/components/summary-list";
import { agendaPackReports, getMeeting } from "~/models/meetings";
import { formatDateTime } from "~/rules/dates.server";
import { invariantFound } from "~/utils/http.server";
import { pageTitle } from "~/utils/meta";
import { siteUrl } from "~/utils/site-url.server";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  pageTitle(matches, data ? `Agenda pack: ${data.meeting.title}` : "Agenda pack", {
    description: data ? `The agenda of ${data.meeting.title}, ${data.meeting.date}, with its reports, to read or print.` : null,
  });

export const handle = {
  breadcrumbs: (data: { meeting: { slug: string; title: string } } | undefined) => [
    { label: "Home", to: "/" },
    { label: "Meetings", to: "/meetings" },
    ...(data ? [{ label: data.meeting.title, to: `/meetings/${data.meeting.slug}` }] : []),
  ],
};

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await getViewer(request);
  const meeting = invariantFound(await getMeeting(viewer, params.slug ?? ""));
  // Public reports only: an exempt item's reports are not in the pack, whoever prints it.
  const reports = await agendaPackReports(viewer, meeting.items.filter((i) => i.contentVisible && !i.isExempt));
  return json({
    meeting: {
      slug: meeting.slug,
      title: meeting.title,
      body: meeting.body,
      date: meeting.date,
      dateApproximate: meeting.dateApproximate,
      venue: meeting.venue,
      statusLabel: meeting.statusLabel,
      // As on the meeting page: an imported record's placeholder publication time is not shown.
      agendaPublished:
        meeting.agendaPublishedAt && !meeting.dateApproximate ? formatDateTime(new Date(meeting.agendaPublishedAt)) : null,
      urgencyReasonHtml: meeting.urgencyReasonHtml,
      items: meeting.items.map((i) => ({
        id: i.id,
        number: i.number,
        depth: i.depth,
        title: i.title,
        purposeHtml: i.purposeHtml,
        isExempt: i.isExempt,
        exemptParagraph: i.exemptParagraph,
        contentVisible: i.contentVisible,
        reportCount: i.isExempt ? 0 : i.documents.length,
      })),
    },
    reports: reports.map((r) => ({
      ...r,
      files: r.files.map((f) => ({ ...f, url: `${siteUrl()}/files/${f.id}` })),
    })),
    pageUrl: `${siteUrl()}/meetings/${meeting.slug}`,
  });
}

export default function AgendaPack() {
  const { meeting, reports, pageUrl } = useLoaderData<typeof loader>();
  return (
    <div className="portal-pack">
      <section className="portal-pack__cover" aria-labelledby="pack-title">
        <span className="govuk-caption-l">Agenda pack · {meeting.body.name}</span>
        <h1 className="govuk-heading-xl" id="pack-title">{meeting.title}</h1>
        <SummaryList
          rows={[
            ["Board or committee", meeting.body.name],
            ["Date", <DateText key="d" text={meeting.date} approximate={meeting.dateApproximate} />],
            ["Venue", meeting.venue ?? "Not recorded"],
            ["Status", meeting.statusLabel],
            ["Agenda published", meeting.agendaPublished ?? "Not recorded"],
            ["Reports", reports.length === 0 ? "None published" : String(reports.length)],
            ["Online", pageUrl],
          ]}
        />
        {meeting.urgencyReasonHtml && (
          <div className="govuk-inset-text">
            <strong>Published late</strong>, under section 100B(4)(b) of the Local Government Act 1972. Reason:
            <div className="portal-prose" dangerouslySetInnerHTML={{ __html: meeting.urgencyReasonHtml }} />
          </div>
        )}
        <p className="govuk-body portal-no-print">
          Print this page, or save it as a PDF, for the whole pack.{" "}
          <Link className="govuk-link" to={`/meetings/${meeting.slug}`}>Back to the meeting</Link>
        </p>
      </section>

      <h2 className="govuk-heading-l">Agenda</h2>
      {meeting.items.length === 0 ? (
        <p className="govuk-body">No agenda items have been published.</p>
      ) : (
        <ol className="portal-agenda">
          {meeting.items.map((item) => (
            <li key={item.id} className={`portal-pack__item portal-agenda__item--depth-${Math.min(item.depth, 3)}`}>
              <div>
                <h3 className="govuk-heading-m govuk-!-margin-bottom-2">
                  {item.number}. {item.title}
                </h3>
                {item.isExempt && (
                  <p className="govuk-body-s">
                    <Tag className="govuk-tag--grey">Exempt</Tag> Not for publication: Local Government Act 1972, Schedule 12A,
                    paragraph {item.exemptParagraph}.
                  </p>
                )}
                {item.purposeHtml && <div className="portal-prose" dangerouslySetInnerHTML={{ __html: item.purposeHtml }} />}
                {item.reportCount > 0 && (
                  <p className="govuk-body-s">
                    {item.reportCount === 1 ? "1 report" : `${item.reportCount} reports`}, below
                  </p>
                )}
              </div>
            </li>
          ))}
        </ol>
      )}

      {reports.map((r) => (
        <section key={`${r.itemId}-${r.slug}`} className="portal-pack__report" aria-labelledby={`report-${r.itemId}-${r.slug}`}>
          <span className="govuk-caption-m">
            Item {r.itemNumber}. {r.itemTitle}
          </span>
          <h2 className="govuk-heading-l" id={`report-${r.itemId}-${r.slug}`}>
            {r.title}
          </h2>
          {r.bodyHtml && <div className="portal-prose" dangerouslySetInnerHTML={{ __html: r.bodyHtml }} />}
          {r.files.length > 0 && (
            <div className="govuk-inset-text">
              {r.bodyHtml ? "Also published as a file" : "This report is published as a file"}, not printed in this pack:
              <ul className="govuk-list">
                {r.files.map((f) => (
                  <li key={f.id}>
                    <a className="govuk-link" href={`/files/${f.id}`}>{f.fileName}</a> ({f.type}, {f.size}), at{" "}
                    <span className="portal-break-all">{f.url}</span>
                  </li>
                ))}
              </ul>
            </div>
          )}
          {!r.bodyHtml && r.files.length === 0 && <p className="govuk-body">This report has no text or file published yet.</p>}
        </section>
      ))}
    </div>
  );
}
