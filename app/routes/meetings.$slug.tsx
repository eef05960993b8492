import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { getViewer } from "~/auth/viewer.server";
import { DateText, SourceNote, Tag, UpdateNotes } from "~/components/notes";
import { EventJsonLd } from "~/components/event-json-ld";
import { ExemptItemNote, PrivatePartNotice } from "~/components/exempt-notes";
import { MinutesStateNote } from "~/components/minutes-state";
import { SummaryList } from "~/components/summary-list";
import { minutesForMeeting } from "~/models/meetings";
import { getMeeting, meetingMedia, minutesRecord } from "~/models/meetings";
import { RecordingLink, WatchItem } from "~/components/recording";
import { questionCountsForItems } from "~/models/questions";
import { formatDateTime } from "~/rules/dates.server";
import { meetingStatusTagClass } from "~/rules/meeting-status.server";
import { invariantFound } from "~/utils/http.server";
import { pageTitle } from "~/utils/meta";
import { FollowControl } from "~/components/record-tools";
import { followingSubscriptionId } from "~/models/publishing";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  ...pageTitle(matches, data?.meeting.title ?? "Meeting", {
    description: data
      ? `${data.meeting.title}: ${data.meeting.body.name}, ${data.meeting.date}${data.meeting.dateApproximate ? " (approximate)" : ""}. The agenda, its reports${Object.keys(data.minutes).length > 0 ? " and the minutes" : ""}.`
      : null,
  }),
  // This meeting's own calendar file, where its day is known (the site's feeds are in root.tsx).
  ...(data?.meeting.calendarDay
    ? [{ tagName: "link", rel: "alternate", type: "text/calendar", title: `${data.meeting.title} (iCalendar)`, href: `/feeds/meetings/${data.meeting.slug}.ics` }]
    : []),
];

export const handle = {
  breadcrumbs: (data: { meeting: { body: { name: string; slug: string } } } | undefined) => [
    { label: "Home", to: "/" },
    { label: "Meetings", to: "/meetings" },
    ...(data ? [{ label: data.meeting.body.name, to: `/bodies/${data.meeting.body.slug}` }] : []),
  ],
};

const MODE_LABELS: Record<string, string> = { in_person: "In person", online: "Online", hybrid: "In person and online" };

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await getViewer(request);
  const meeting = invariantFound(await getMeeting(viewer, params.slug ?? ""));
  const minutes = await minutesForMeeting(viewer, meeting.id);
  const record = await minutesRecord(viewer, meeting.id);
  const questionCounts = await questionCountsForItems(viewer, meeting.items.map((i) => i.id));
  return json({
    meeting: {
      ...meeting,
      tagClass: meetingStatusTagClass(meeting.status),
    },
    minutes,
    record,
    questionCounts,
    media: await meetingMedia(viewer, meeting.id),
    modeLabel: meeting.attendanceMode ? MODE_LABELS[meeting.attendanceMode] : "Not recorded",
    following: await followingSubscriptionId(viewer, "meeting", meeting.id),
  });
}

export default function MeetingPage() {
  const { meeting, minutes, record, questionCounts, media, modeLabel, following } = useLoaderData<typeof loader>();
  const hasMinutes = Object.keys(minutes).length > 0;
  return (
    <>
      <EventJsonLd meeting={meeting} />
      <span className="govuk-caption-l">{meeting.body.name}</span>
      <h1 className="govuk-heading-xl">{meeting.title}</h1>
      <ul className="govuk-list portal-no-print">
        <li><FollowControl type="meeting" id={meeting.id} following={following} /></li>
        <li><Link className="govuk-link" to={`/meetings/${meeting.slug}/pack`}>Agenda pack: the agenda and its reports, to read or print</Link></li>
        <li><a className="govuk-link" href={`/meetings/${meeting.slug}/agenda-pack.pdf`}>Agenda pack as a PDF</a></li>
        {meeting.hasMinutes && <li><a className="govuk-link" href={`/meetings/${meeting.slug}/minutes.pdf`}>Minutes as a PDF</a></li>}
      </ul>
      <SummaryList
        rows={[
          ["Date", <DateText key="d" text={meeting.date} approximate={meeting.dateApproximate} />],
          ["Status", <Tag key="s" className={meeting.tagClass}>{meeting.statusLabel}</Tag>],
          ["Reason", meeting.statusReason],
          ["Venue", meeting.venue ?? "Not recorded"],
          ["Attendance", modeLabel],
          ["Agenda published", meeting.agendaPublished],
        ]}
      />
      <RecordingLink recording={media.recording} />
      <SourceNote note={meeting.dateNote} title="About the date" />
      <p className="govuk-body portal-no-print">
        {meeting.calendarDay ? (
          <a className="govuk-link" href={`/feeds/meetings/${meeting.slug}.ics`} type="text/calendar">
            Add to calendar<span className="govuk-visually-hidden">: {meeting.title}</span> (iCalendar file)
          </a>
        ) : (
          <>This meeting cannot be added to a calendar: the sources do not give its day.</>
        )}{" "}
        <Link className="govuk-link" to="/feeds">All feeds and calendars</Link>
      </p>
      <SourceNote note={meeting.sourceNote} />
      {meeting.urgencyReasonHtml && (
        <div className="govuk-warning-text">
          <span className="govuk-warning-text__icon" aria-hidden="true">!</span>
          <div className="govuk-warning-text__text">
            <span className="govuk-visually-hidden">Warning</span>
            This agenda was published late, under section 100B(4)(b) of the Local Government Act 1972. Reason:
            <div dangerouslySetInnerHTML={{ __html: meeting.urgencyReasonHtml }} />
          </div>
        </div>
      )}
      <p className="govuk-body portal-no-print">
        <a className="govuk-link" href="#agenda">Agenda</a>
        {hasMinutes ? (
          <>
            {" · "}
            <a className="govuk-link" href="#minutes">Minutes</a>
          </>
        ) : null}
      </p>

      <h2 className="govuk-heading-l" id="agenda">Agenda</h2>
      <PrivatePartNotice items={meeting.items} held={meeting.status === "held"} />
      {meeting.items.length === 0 ? (
        <p className="govuk-body">No agenda items have been published.</p>
      ) : (
        <ol className="portal-agenda">
          {meeting.items.map((item) => (
            <li key={item.id} className={`portal-agenda__item portal-agenda__item--depth-${Math.min(item.depth, 3)}`}>
              <span className="portal-agenda__number" aria-hidden="true">{item.number}</span>
              <div>
                <h3 className="govuk-heading-m govuk-!-margin-bottom-2">
                  <span className="govuk-visually-hidden">Item {item.number}: </span>
                  <Link className="govuk-link" to={`/agenda-items/${item.id}`}>{item.title}</Link>
                </h3>
                {item.supplementary && <Tag className="govuk-tag--yellow">Supplementary agenda</Tag>}
                <ExemptItemNote item={item} />
                {item.purposeHtml && <div className="portal-prose" dangerouslySetInnerHTML={{ __html: item.purposeHtml }} />}
                {item.leadOfficer && <p className="govuk-body-s">Lead officer: {item.leadOfficer}</p>}
                <WatchItem offset={media.offsets[item.id]} number={`item ${item.number}`} />
                {questionCounts[item.id] ? (
                  <p className="govuk-body-s portal-no-print">
                    <Link className="govuk-link" to={`/agenda-items/${item.id}#questions-heading`}>
                      {questionCounts[item.id] === 1 ? "1 question" : `${questionCounts[item.id]} questions`}
                      <span className="govuk-visually-hidden"> on item {item.number}</span>
                    </Link>{" "}
                    raised on this item
                  </p>
                ) : null}
                {item.documents.length > 0 && (
                  <ul className="govuk-list govuk-body-s">
                    {item.documents.map((d) => (
                      <li key={d.slug}>
                        <Link className="govuk-link" to={`/documents/${d.slug}`}>{d.title}</Link>
                      </li>
                    ))}
                  </ul>
                )}
              </div>
            </li>
          ))}
        </ol>
      )}

      {hasMinutes && (
        <>
          <h2 className="govuk-heading-l" id="minutes">Minutes</h2>
          <MinutesStateNote state={meeting.minutesState} approved={meeting.minutesApproved} at={meeting.minutesApprovedAtMeeting} />
          {record.attendance.length > 0 && (
            <>
              <h3 className="govuk-heading-m">Attendance</h3>
              <ul className="govuk-list">
                {record.attendance.map((a) => (
                  <li key={a.id}>
                    {a.name}: {a.roleLabel}, {a.statusLabel}
                    {a.substituteFor ? ` (substitute for ${a.substituteFor})` : ""}
                  </li>
                ))}
              </ul>
            </>
          )}
          {meeting.items
            .filter((i) => minutes[i.id])
            .map((item) => (
              <section key={item.id} aria-labelledby={`minute-${item.id}`}>
                <h3 className="govuk-heading-m" id={`minute-${item.id}`}>
                  {item.number}. {item.title}
                </h3>
                {record.declarations[item.id] && (
                  <ul className="govuk-list govuk-body-s">
                    {record.declarations[item.id].map((d, i) => (
                      <li key={i}>
                        Declaration of interest: {d.person}, {d.kind === "pecuniary" ? "disclosable pecuniary interest" : "other interest"}: {d.nature}
                        {d.leftRoom ? " (left the room for the item)" : ""}
                      </li>
                    ))}
                  </ul>
                )}
                <UpdateNotes updates={minutes[item.id].updates} />
                <div className="portal-prose" dangerouslySetInnerHTML={{ __html: minutes[item.id].bodyHtml }} />
                {minutes[item.id].decisionsHtml && (
                  <>
                    <h4 className="govuk-heading-s">Resolved</h4>
                    <div className="portal-prose" dangerouslySetInnerHTML={{ __html: minutes[item.id].decisionsHtml }} />
                  </>
                )}
              </section>
            ))}
        </>
      )}
    </>
  );
}
