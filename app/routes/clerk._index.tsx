import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/permissions.server";
import { waitingCancellationRequests } from "~/models/questions";
import { clerkDashboard } from "~/models/meetings";
import { getClockRule } from "~/models/records";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "Clerk's dashboard");
export const handle = { breadcrumbs: () => [{ label: "Home", to: "/" }] };

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "update:meeting:any");
  const [meetings, rule, cancellations] = await Promise.all([clerkDashboard(), getClockRule(), waitingCancellationRequests()]);
  return json({ meetings, rule, cancellations }, { headers: { "Cache-Control": "private, no-store" } });
}

export default function ClerkDashboard() {
  const { meetings, rule, cancellations } = useLoaderData<typeof loader>();
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
      </ul>
      {cancellations.length > 0 && (
        <>
          <h2 className="govuk-heading-l">Cancellations waiting for you</h2>
          <p className="govuk-body">The board agreed these actions in a minute: the owning organisation asks you to cancel them. Confirm or refuse each on the action's page.</p>
          <ul className="govuk-list govuk-list--bullet">
            {cancellations.map((c) => (
              <li key={c.actionId}>
                <Link className="govuk-link" to={`/actions/${c.actionId}`}>
                  {c.reference ? `${c.reference}: ` : ""}
                  {c.description}
                </Link>{" "}
                ({c.organisation}
                {c.requestedBy ? `, asked by ${c.requestedBy}` : ""})
              </li>
            ))}
          </ul>
        </>
      )}
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
