/** The account pages' list of a person's sessions (app/routes/account._index.tsx, account.sessions.tsx). */
import { Form } from "@remix-run/react";

/** How the account pages name a session's browser: from its User-Agent, in words. */
export function describeAgent(agent: string | null) {
  if (!agent) return "Unknown browser";
  const browser = /Firefox\//.test(agent)
    ? "Firefox"
    : /Edg\//.test(agent)
      ? "Edge"
      : /Chrome\//.test(agent)
        ? "Chrome"
        : /Safari\//.test(agent)
          ? "Safari"
          : "Browser";
  const system = /Windows/.test(agent)
    ? "Windows"
    : /Android/.test(agent)
      ? "Android"
      : /iPhone|iPad/.test(agent)
        ? "iOS"
        : /Mac OS X/.test(agent)
          ? "macOS"
          : /Linux/.test(agent)
            ? "Linux"
            : "";
  return system ? `${browser} on ${system}` : browser;
}

/** Times on the account pages, in the board's time zone. */
export const sessionTime = new Intl.DateTimeFormat("en-GB", {
  dateStyle: "medium",
  timeStyle: "short",
  timeZone: "Europe/London",
});

export interface SessionRow {
  handle: string;
  createdAt: string;
  lastSeenAt: string;
  ipAddress: string | null;
  userAgent: string | null;
  current: boolean;
}

/** One row per live session, this one marked, each with its own button to end it (intent "end-session"). */
export function SessionsTable({ sessions, caption, lastUsed = false }: { sessions: SessionRow[]; caption: string; lastUsed?: boolean }) {
  return (
    <table className="govuk-table">
      <caption className="govuk-table__caption govuk-visually-hidden">{caption}</caption>
      <thead className="govuk-table__head">
        <tr className="govuk-table__row">
          <th scope="col" className="govuk-table__header">Browser</th>
          <th scope="col" className="govuk-table__header">Signed in</th>
          {lastUsed && <th scope="col" className="govuk-table__header">Last used</th>}
          <th scope="col" className="govuk-table__header">Address</th>
          <th scope="col" className="govuk-table__header">
            <span className="govuk-visually-hidden">Action</span>
          </th>
        </tr>
      </thead>
      <tbody className="govuk-table__body">
        {sessions.map((s) => (
          <tr className="govuk-table__row" key={s.handle}>
            <td className="govuk-table__cell">
              {describeAgent(s.userAgent)}
              {s.current && <strong className="govuk-tag govuk-tag--green govuk-!-margin-left-2">This session</strong>}
            </td>
            <td className="govuk-table__cell">{sessionTime.format(new Date(s.createdAt))}</td>
            {lastUsed && <td className="govuk-table__cell">{sessionTime.format(new Date(s.lastSeenAt))}</td>}
            <td className="govuk-table__cell">{s.ipAddress ?? "Unknown"}</td>
            <td className="govuk-table__cell">
              <Form method="post">
                <input type="hidden" name="intent" value="end-session" />
                <input type="hidden" name="session" value={s.handle} />
                <button type="submit" className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0">
                  {s.current ? "Sign out" : "End session"}
                  <span className="govuk-visually-hidden"> started {sessionTime.format(new Date(s.createdAt))}</span>
                </button>
              </Form>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
