import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { getViewer } from "~/auth/viewer.server";
import { DateText, Tag } from "~/components/notes";
import { latestDocuments } from "~/models/meetings";
import { recentMeetings, upcomingMeetings, type MeetingListItem } from "~/models/meetings";
import { meetingStatusTagClass } from "~/rules/meeting-status.server";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "Home");

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await getViewer(request);
  const [upcoming, recent, documents] = await Promise.all([
    upcomingMeetings(viewer, 5),
    recentMeetings(viewer, 5),
    latestDocuments(viewer, 6),
  ]);
  return json({
    upcoming: upcoming.map((m) => ({ ...m, tagClass: meetingStatusTagClass(m.status) })),
    recent: recent.map((m) => ({ ...m, tagClass: meetingStatusTagClass(m.status) })),
    documents,
  });
}

function MeetingList({ meetings }: { meetings: (MeetingListItem & { tagClass: string })[] }) {
  return (
    <ul className="govuk-list">
      {meetings.map((m) => (
        <li key={m.id} className="govuk-!-margin-bottom-4">
          <Link className="govuk-link govuk-!-font-weight-bold" to={`/meetings/${m.slug}`}>
            {m.title}
          </Link>
          <br />
          <span className="portal-meta">
            <DateText text={m.date} approximate={m.dateApproximate} /> · {m.body.name} ·{" "}
            <Tag className={m.tagClass}>{m.statusLabel}</Tag>
          </span>
        </li>
      ))}
    </ul>
  );
}

export default function Home() {
  const { upcoming, recent, documents } = useLoaderData<typeof loader>();
  return (
    <>
      <h1 className="govuk-heading-xl">Board papers and questions</h1>
      <p className="govuk-body-l">
        Agendas, minutes and reports of the board that scrutinises Sandwell Children's Trust, with every question
        members raise followed to its answer.
      </p>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-one-half">
          <h2 className="govuk-heading-m">Next meetings</h2>
          {upcoming.length ? (
            <MeetingList meetings={upcoming} />
          ) : (
            <p className="govuk-body">No meetings are scheduled at the moment.</p>
          )}
          <h2 className="govuk-heading-m">Recent meetings</h2>
          {recent.length ? <MeetingList meetings={recent} /> : <p className="govuk-body">No meetings yet.</p>}
          <p className="govuk-body">
            <Link className="govuk-link" to="/meetings">
              All meetings
            </Link>
          </p>
        </div>
        <div className="govuk-grid-column-one-half">
          <h2 className="govuk-heading-m">Latest publications</h2>
          <ul className="govuk-list">
            {documents.map((d) => (
              <li key={d.id} className="govuk-!-margin-bottom-4">
                <Link className="govuk-link govuk-!-font-weight-bold" to={`/documents/${d.slug}`}>
                  {d.title}
                </Link>
                <br />
                <span className="portal-meta">
                  {d.kindLabel} · <DateText text={d.date} approximate={d.dateApproximate} />
                </span>
              </li>
            ))}
          </ul>
          <p className="govuk-body">
            <Link className="govuk-link" to="/documents">
              All documents
            </Link>
          </p>
          <h2 className="govuk-heading-m">Follow the board's work</h2>
          <ul className="govuk-list govuk-list--bullet">
            <li>
              <Link className="govuk-link" to="/questions">
                Questions members asked and the answers given
              </Link>
            </li>
            <li>
              <Link className="govuk-link" to="/inspections">
                Ofsted inspections and their recommendations
              </Link>
            </li>
            <li>
              <Link className="govuk-link" to="/priorities">
                The Trust's strategic priorities
              </Link>
            </li>
            <li>
              <Link className="govuk-link" to="/work-programme">
                The board's work programme for the year
              </Link>
            </li>
          </ul>
        </div>
      </div>
    </>
  );
}
