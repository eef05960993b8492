import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/permissions.server";
import { InboxRows, inboxCount } from "~/components/clerk-inbox";
import { clerkInbox } from "~/models/inbox";
import { clerkDashboard } from "~/models/meetings";
import { getClockRule } from "~/models/records";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "Clerk's dashboard");
export const handle = { breadcrumbs: () => [{ label: "Home", to: "/" }] };

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requirePermission(request, "update:meeting:any");
  const [meetings, rule, inbox] = await Promise.all([clerkDashboard(), getClockRule(), clerkInbox(viewer)]);
  return json({ meetings, rule, inbox }, { headers: { "Cache-Control": "private, no-store" } });
}

export default function ClerkDashboard() {
  const { meetings, rule, inbox } = useLoaderData<typeof loader>();
  const waiting = inbox.filter((s) => s.count > 0);
  return (
    <>
      <h1 className="govuk-heading-xl">Clerk's dashboard</h1>
      <p className="govuk-body">
        An agenda must be open to inspection {rule.clearDays} clear {rule.countWorkingDays ? "working " : ""}days before the
        meeting, not counting the day of publication or of the meeting (Local Government Act 1972 s100B).
      </p>
      <p className="govuk-body">
        <Link className="govuk-button" to="/clerk/meetings/new">Create a meeting</Link>
      </p>
      <ul className="govuk-list">
        <li><Link className="govuk-link" to="/clerk/bodies">Boards and committees, and their members</Link></li>
        <li><Link className="govuk-link" to="/clerk/people">People</Link></li>
        <li><Link className="govuk-link" to="/clerk/work-programme">Work programme: proposed topics and planning</Link></li>
        <li><Link className="govuk-link" to="/clerk/response-periods">Response periods for the board's recommendations</Link></li>
      </ul>
      <h2 className="govuk-heading-l" id="inbox">Waiting for you</h2>
      <table className="govuk-table">
        <caption className="govuk-table__caption govuk-table__caption--m govuk-visually-hidden">What is waiting for you, with counts</caption>
        <thead className="govuk-table__head">
          <tr className="govuk-table__row">
            <th scope="col" className="govuk-table__header">Waiting</th>
            <th scope="col" className="govuk-table__header govuk-table__header--numeric">Count</th>
          </tr>
        </thead>
        <tbody className="govuk-table__body">
          {inbox.map((s) => (
            <tr className="govuk-table__row" key={s.key}>
              <th scope="row" className="govuk-table__header">
                {s.count > 0 ? <a className="govuk-link" href={`#inbox-${s.key}`}>{s.title}</a> : s.title}
              </th>
              <td className="govuk-table__cell govuk-table__cell--numeric">{inboxCount(s.count, s.more)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {waiting.length === 0 && <p className="govuk-body">Nothing is waiting for you.</p>}
      {waiting.map((s) => (
        <section key={s.key} aria-labelledby={`inbox-${s.key}`}>
          <h3 className="govuk-heading-m" id={`inbox-${s.key}`}>
            {s.title} ({inboxCount(s.count, s.more)})
          </h3>
          <p className="govuk-body">{s.hint}</p>
          <InboxRows rows={s.rows} />
          {(s.count > s.rows.length || s.more) && (
            <p className="govuk-body">
              <Link className="govuk-link" to={s.href}>
                See all {inboxCount(s.count, s.more)}<span className="govuk-visually-hidden">: {s.title.toLowerCase()}</span>
              </Link>
            </p>
          )}
        </section>
      ))}
      <h2 className="govuk-heading-l">Meetings</h2>
      {meetings.length === 0 ? (
        <p className="govuk-body">There are no upcoming meetings and no minutes waiting.</p>
      ) : (
        <table className="govuk-table">
          <caption className="govuk-table__caption govuk-table__caption--m govuk-visually-hidden">Upcoming meetings, deadlines and what is missing</caption>
          <thead className="govuk-table__head">
            <tr className="govuk-table__row">
              <th scope="col" className="govuk-table__header">Meeting</th>
              <th scope="col" className="govuk-table__header">Publish agenda by</th>
              <th scope="col" className="govuk-table__header">Still to do</th>
            </tr>
          </thead>
          <tbody className="govuk-table__body">
            {meetings.map((m) => (
              <tr className="govuk-table__row" key={m.id}>
                <td className="govuk-table__cell">
                  <Link className="govuk-link" to={`/clerk/meetings/${m.id}`}>{m.title}</Link>
                  <br />
                  <span className="portal-meta">{m.body}, {m.when} ({m.statusLabel})</span>
                </td>
                <td className="govuk-table__cell">
                  {m.agendaPublished ? (
                    <>Published {m.agendaPublished}</>
                  ) : (
                    <>
                      {m.deadline}
                      {m.deadlinePassed && <strong className="govuk-tag govuk-tag--red">Deadline passed</strong>}
                    </>
                  )}
                </td>
                <td className="govuk-table__cell">
                  {m.missing.length === 0 ? (
                    "Nothing"
                  ) : (
                    <ul className="govuk-list govuk-list--bullet govuk-body-s">
                      {m.missing.map((x) => (
                        <li key={x}>{x}</li>
                      ))}
                    </ul>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
