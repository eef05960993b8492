import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { getViewer } from "~/auth/viewer.server";
import { listBodies } from "~/models/people";
import { pageTitle } from "~/utils/meta";
import { parsePage } from "~/utils/http.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "Calendars and news feeds");
export const handle = { breadcrumbs: () => [{ label: "Home", to: "/" }] };

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await getViewer(request);
  const { bodies, total } = await listBodies(viewer, { page: parsePage(request.url) });
  return json({ bodies: bodies.map((b) => ({ slug: b.slug, name: b.name })), total, signedIn: viewer.kind === "user" });
}

export default function Feeds() {
  const { bodies, signedIn } = useLoaderData<typeof loader>();
  return (
    <>
      <h1 className="govuk-heading-xl">Calendars and news feeds</h1>
      <p className="govuk-body">
        Add the board’s meetings to your calendar, or follow new papers and answers in a feed reader. Copy an address into
        your calendar app (“subscribe to a calendar” or “add calendar from URL”) or feed reader.
      </p>
      <h2 className="govuk-heading-m">Calendars</h2>
      <ul className="govuk-list govuk-list--bullet">
        <li><a className="govuk-link" href="/feeds/meetings.ics">All meetings (iCalendar)</a></li>
        {bodies.map((b) => (
          <li key={b.slug}><a className="govuk-link" href={`/feeds/bodies/${b.slug}.ics`}>Meetings of {b.name} (iCalendar)</a></li>
        ))}
      </ul>
      <p className="govuk-body">
        A calendar holds only meetings whose day is known. A meeting the sources date only to a month or a year is
        not in it (a calendar would show an invented day); its page gives the date as the sources do.
      </p>
      <h2 className="govuk-heading-m">News feeds</h2>
      <ul className="govuk-list govuk-list--bullet">
        <li><a className="govuk-link" href="/feeds/publications.atom">Publications: agendas, supplementary agendas, minutes and reports (Atom)</a></li>
        <li><a className="govuk-link" href="/feeds/answers.atom">Answers to questions (Atom)</a></li>
        <li><a className="govuk-link" href="/feeds/recommendation-responses.atom">Responses to the board’s recommendations (Atom)</a></li>
        {bodies.map((b) => (
          <li key={b.slug}><a className="govuk-link" href={`/feeds/bodies/${b.slug}.atom`}>Everything from {b.name} (Atom)</a></li>
        ))}
      </ul>
      <h2 className="govuk-heading-m">Your own calendar</h2>
      <p className="govuk-body">
        Members and officers can have a private calendar that also shows when their questions and actions are due.{" "}
        {signedIn ? (
          <Link className="govuk-link" to="/account/feeds">Set up your private calendar</Link>
        ) : (
          <Link className="govuk-link" to="/sign-in?redirectTo=%2Faccount%2Ffeeds">Sign in to set up your private calendar</Link>
        )}
        .
      </p>
      <h2 className="govuk-heading-m">Open data</h2>
      <p className="govuk-body">
        The whole public record is available as JSON from <a className="govuk-link" href="/api/v1">/api/v1</a>.
      </p>
    </>
  );
}
