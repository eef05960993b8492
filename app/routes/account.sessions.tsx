/**
 * Where you are signed in: your live sessions (when each started, when it was last
 * used, which is this one), ending one, "sign out everywhere else" and "sign out
 * everywhere". Sessions are named by a hash of their id, never the id.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { sessionSettings } from "~/auth/lucia.server";
import { requirePermission } from "~/auth/permissions.server";
import { blankSessionCookie, getCurrentSession } from "~/auth/session.server";
import { Button, ErrorSummary, NotificationBanner } from "~/components/forms";
import { SessionsTable } from "~/components/sessions";
import { endOwnSession, endOwnSessions, listOwnSessions } from "~/models/people";
import { formText, invalid, type FieldErrors } from "~/utils/forms.server";
import { pageTitle } from "~/utils/meta";
import { readAccountForm } from "~/handlers/account-form.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "Where you are signed in");
export const handle = { breadcrumbs: () => [{ label: "Your account", to: "/account" }] };

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requirePermission(request, "update:account:own");
  const current = await getCurrentSession(request);
  const sessions = await listOwnSessions(viewer, current?.session.id ?? null);
  const ended = new URL(request.url).searchParams.get("ended");
  return json(
    {
      sessions,
      idleMinutes: Math.round(sessionSettings().idleMs / 60_000),
      absoluteHours: Math.round(sessionSettings().absoluteMs / 3_600_000),
      notice: ended === "others" ? "You have signed out everywhere else." : ended === "one" ? "The session has ended." : null,
    },
    { headers: { "Cache-Control": "no-store" } },
  );
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { viewer, current, form, intent, ipAddress } = await readAccountForm(request, context);
  const signedOut = () => redirect("/sign-in?signedOut", { status: 303, headers: { "Set-Cookie": blankSessionCookie() } });

  if (intent === "end-others") {
    await endOwnSessions(viewer, current?.session.id ?? null, { ipAddress });
    return redirect("/account/sessions?ended=others", { status: 303 });
  }
  if (intent === "end-all") {
    await endOwnSessions(viewer, null, { ipAddress });
    return signedOut();
  }
  if (intent === "end-session") {
    const result = await endOwnSession(viewer, formText(form, "session"), { ipAddress });
    if (!result.ended) return invalid(context, { errors: { sessions: "That session has already ended" } as FieldErrors });
    if (result.sessionId === current?.session.id) return signedOut();
    return redirect("/account/sessions?ended=one", { status: 303 });
  }
  return invalid(context, { errors: { sessions: "Choose what to do" } as FieldErrors });
}

export default function AccountSessions() {
  const { sessions, idleMinutes, absoluteHours, notice } = useLoaderData<typeof loader>();
  const result = useActionData<{ errors: FieldErrors }>();
  const others = sessions.filter((s) => !s.current).length;
  return (
    <>
      <ErrorSummary errors={result?.errors} unlinked={["sessions"]} />
      {notice && <NotificationBanner success>{notice}</NotificationBanner>}
      <h1 className="govuk-heading-l" id="sessions">
        Where you are signed in
      </h1>
      <p className="govuk-body">
        A session ends after {idleMinutes} minutes without activity, and {absoluteHours} hours after signing in. End any
        session you do not recognise, then <Link className="govuk-link" to="/account#password">change your password</Link>.
      </p>
      <SessionsTable sessions={sessions} caption="Your active sessions" lastUsed />
      <div className="govuk-button-group">
        {others > 0 && (
          <Form method="post">
            <input type="hidden" name="intent" value="end-others" />
            <Button variant="secondary">Sign out everywhere else</Button>
          </Form>
        )}
        <Form method="post">
          <input type="hidden" name="intent" value="end-all" />
          <Button variant="warning">Sign out everywhere</Button>
        </Form>
      </div>
    </>
  );
}
