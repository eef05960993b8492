import type { MetaFunction } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "Accessibility statement");
export const handle = { breadcrumbs: () => [{ label: "Home", to: "/" }] };

export default function Accessibility() {
  return (
    <div className="portal-prose">
      <h1 className="govuk-heading-xl">Accessibility statement</h1>
      <p>
        This statement applies to this board portal: its public pages (meetings, agendas, minutes, documents,
        questions, priorities and inspections) and the pages clerks, members and officers use after signing in.
      </p>
      <p>We want as many people as possible to be able to use it. For example, you should be able to:</p>
      <ul>
        <li>change colours, contrast levels and fonts using your browser or device settings</li>
        <li>zoom in up to 400% without the text spilling off the screen</li>
        <li>navigate the whole portal using just a keyboard</li>
        <li>use every page, including every form, with JavaScript turned off</li>
        <li>listen to the portal using a screen reader</li>
        <li>print a meeting's agenda and minutes as a clean agenda pack</li>
      </ul>
      <p>
        Papers are published as web pages first, written from plain text, so they work with assistive technology. Any
        PDF or other file is an attachment, not the record.
      </p>
      <h2>How accessible this portal is</h2>
      <p>
        We aim to meet the Web Content Accessibility Guidelines (WCAG) version 2.2 at level AA. Every kind of page is
        checked automatically with axe-core in a real browser each time the portal's code changes.
      </p>
      <p>Some content may not be fully accessible:</p>
      <ul>
        <li>
          some historical documents were published by other organisations as news reports or letters; we have
          rewritten them as web pages but cannot correct the wording of the originals
        </li>
        <li>where a source does not give an exact date, the page says the date is approximate and explains why</li>
      </ul>
      <h2>Feedback and contact information</h2>
      <p>
        If you need information on this portal in a different format, or you find a problem not listed here, contact
        the board's clerk (democratic services) of the council that runs this portal.
      </p>
      <h2>Enforcement procedure</h2>
      <p>
        The Equality and Human Rights Commission (EHRC) is responsible for enforcing the Public Sector Bodies (Websites
        and Mobile Applications) (No. 2) Accessibility Regulations 2018. If you are not happy with how we respond to
        your complaint, contact the Equality Advisory and Support Service (EASS).
      </p>
      <h2>Technical information about this portal's accessibility</h2>
      <p>
        This portal is partially compliant with WCAG 2.2 AA: automated checks find no failures, but it has not yet
        been audited by people with disabilities or by an accessibility specialist.
      </p>
      <h2>Preparation of this accessibility statement</h2>
      <p>
        This statement was prepared on 23 November 2026. It will be reviewed when the portal is audited. You can also
        read <Link to="/about">about this portal and its sources</Link>.
      </p>
    </div>
  );
}
