import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { NotificationBanner } from "~/components/forms";
import { getEnv } from "~/env.server";
import { getRetention } from "~/models/records";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "Privacy notice");
export const handle = { breadcrumbs: () => [{ label: "Home", to: "/" }] };

/** What the portal holds about people, why, and for how long (UK GDPR arts. 13-14; docs/decisions/031-peoples-data-and-retention.md). */
export async function loader({ request }: LoaderFunctionArgs) {
  const env = getEnv();
  const retention = await getRetention();
  return json(
    {
      siteName: env.SITE_NAME,
      retention,
      securityContact: env.SECURITY_CONTACT ?? null,
      deleted: new URL(request.url).searchParams.has("deleted"),
    },
    { headers: { "Cache-Control": "no-store" } },
  );
}

export default function Privacy() {
  const { siteName, retention, securityContact, deleted } = useLoaderData<typeof loader>();
  return (
    <div className="portal-prose">
      {deleted && (
        <NotificationBanner success>
          Everything we held about your e-mail address has been deleted. We will send you nothing more.
        </NotificationBanner>
      )}
      <h1 className="govuk-heading-xl">Privacy notice</h1>
      <p>
        This notice says what {siteName} holds about people, why, for how long, and what you can do about it, as the UK
        General Data Protection Regulation (UK GDPR) and the Data Protection Act 2018 require. The council that runs the
        portal is the data controller.
      </p>

      <h2>If you follow something by e-mail</h2>
      <p>We hold:</p>
      <ul>
        <li>your e-mail address;</li>
        <li>what you follow (a board, meeting, question, action or priority), and when you asked, confirmed and stopped;</li>
        <li>
          the e-mails we send you (what changed, with links to stop them), kept for {retention.outboxDays} days after they
          are sent;
        </li>
        <li>a count of the e-mails we sent your address that day, so that nobody can use the portal to flood it.</li>
      </ul>
      <p>
        We hold these because you asked us to tell you (your consent, UK GDPR article 6(1)(a)), and only to send you those
        e-mails. We never share them or use them for anything else.
      </p>
      <p>
        Every e-mail has a link to see everything we hold about you, download it (a JSON file) and delete it, and a link to
        stop the e-mails. Deleting removes your address, what you follow and the e-mails to you at once.
      </p>

      <h2>If you have an account (members, officers, clerks, administrators)</h2>
      <p>
        We hold your name, e-mail address and role, what you write in the portal (questions, responses, minutes, action
        updates) and, for each sign-in, the network address and browser used. This is to run the board&apos;s business
        (a task in the public interest, article 6(1)(e)). Sign-in records (expired sessions, counts of failed sign-ins,
        used or expired invitation and password reset links) are deleted after {retention.signInDays} days; e-mails to you
        after {retention.outboxDays} days.
      </p>

      <h2>What is kept longer, and why</h2>
      <p>
        The audit log records every change made in the portal: who made it (an account), when, from which network
        address, and what changed. It is append-only and is not deleted, because the board must be able to show how its
        public record came to be (article 6(1)(c) and (e)). It does not hold a follower&apos;s e-mail address. What the
        board publishes (agendas, minutes, reports, questions and answers, with the names of members and officers in their
        public roles) is the public record and stays public for at least six years (Local Government Act 1972 s100C).
      </p>
      <p>
        Backups of the database hold the same data as the database, and are kept only as long as the council&apos;s backup
        schedule needs them; something deleted from the portal leaves the backups as they expire.
      </p>

      <h2>Your rights</h2>
      <p>
        You may ask to see, correct or delete what we hold about you, to restrict or object to its use, and to have it in a
        form you can take elsewhere. Followers can do most of this themselves from the link in any e-mail; anyone else,
        contact us (below). If you are unhappy with how we handle your data, you can complain to the{" "}
        <a className="govuk-link" href="https://ico.org.uk/make-a-complaint/">Information Commissioner&apos;s Office</a>.
      </p>

      <h2 id="contact">Contact</h2>
      <p>
        For anything about your data, write to the council&apos;s data protection officer (the address is on the
        council&apos;s website). To report a security problem in the portal,{" "}
        {securityContact ? (
          <a className="govuk-link" href={securityContact}>
            {securityContact.replace(/^mailto:/, "")}
          </a>
        ) : (
          "e-mail the council's information security team"
        )}
        ; see also <a className="govuk-link" href="/.well-known/security.txt">security.txt</a>. The{" "}
        <Link className="govuk-link" to="/accessibility">accessibility statement</Link> says how to report a problem using
        the portal.
      </p>
    </div>
  );
}
