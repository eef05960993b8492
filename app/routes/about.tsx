import type { MetaFunction } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "About this portal and its sources");
export const handle = { breadcrumbs: () => [{ label: "Home", to: "/" }] };

export default function About() {
  return (
    <div className="portal-prose">
      <h1 className="govuk-heading-xl">About this portal and its sources</h1>
      <p>
        This portal publishes the papers of a council scrutiny board overseeing Sandwell Children's Trust: agendas,
        minutes, reports, the questions members raise and the responses to them, the Trust's strategic priorities, and
        Ofsted's inspections and visits with their recommendations.
      </p>
      <h2>Where the content comes from</h2>
      <p>The first content comes from five public documents:</p>
      <ul>
        <li>
          the minutes of the board's item on the Sandwell Children's Trust Annual Review, with the responses made and
          issues highlighted after members' comments and questions
        </li>
        <li>Ofsted's letter of 29 November 2024 on its focused visit to Sandwell Children's Trust</li>
        <li>three news reports on Ofsted's 2018 inspection of Sandwell's children's services and on two later monitoring visits</li>
      </ul>
      <h2>What we do not know</h2>
      <p>
        Where a source leaves something out, such as the exact date of a meeting or the full name of the board, the
        page says so and marks the date as approximate. Nothing is filled in by guesswork. Questions that the minutes
        record only through their answers are shown as short neutral summaries, marked "summarised from the minutes".
      </p>
      <p>
        The minutes record that "the following responses were made, and issues highlighted", but not who made each
        one. Those responses are recorded as Sandwell Children's Trust's because the Trust's Chief Executive presented
        the item; every page, feed and export that shows one says that the minutes do not name who responded. The
        minutes record only that a response was given at the meeting, so those questions are shown as "Answered at the
        meeting; no follow-up recorded", not as closed.
      </p>
      <p>
        Beside every question's status the portal says what it rests on: recorded (a person recorded it in the
        portal), as the source states, or worked out by rule from the responses and actions.
      </p>
      <p>
        <Link to="/accessibility">Accessibility statement</Link>
      </p>
    </div>
  );
}
