import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { now } from "~/auth/clock.server";
import { newPasswordErrors, verifyPassword } from "~/auth/password.server";
import { PASSWORD_HINT } from "~/auth/password-rules";
import { sessionSettings } from "~/auth/lucia.server";
import { ROLE_LABELS } from "~/auth/permissions";
import { requirePermission } from "~/auth/permissions.server";
import { blankSessionCookie, getCurrentSession, startSession } from "~/auth/session.server";
import { checkThrottle, recordFailure, throttleKeys } from "~/auth/throttle.server";
import { AuditHistoryLink } from "~/components/audit-link";
import { SessionsTable } from "~/components/sessions";
import { Button, ErrorSummary, NotificationBanner, PasswordInput } from "~/components/forms";
import { db } from "~/models/records";
import { endOwnSession, listOwnSessions, recordSessionRotation, twoStepStatus } from "~/models/people";
import { findUserById, setPassword } from "~/models/people";
import { formFields, formText, invalid, type FieldErrors } from "~/utils/forms.server";
import { pageTitle } from "~/utils/meta";
import { readAccountForm } from "~/handlers/account-form.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "Your account");

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requirePermission(request, "update:account:own");
  const current = await getCurrentSession(request);
  const sessions = await listOwnSessions(viewer, current?.session.id ?? null);
  const twoStep = await twoStepStatus(db(), { id: viewer.userId, role: viewer.role });
  const url = new URL(request.url);
  return json(
    {
      user: { id: viewer.userId, name: viewer.name, email: viewer.email, role: ROLE_LABELS[viewer.role] },
      sessions,
      twoStepEnabled: twoStep.enabled,
      idleMinutes: Math.round(sessionSettings().idleMs / 60_000),
      absoluteHours: Math.round(sessionSettings().absoluteMs / 3_600_000),
      notice: url.searchParams.has("passwordChanged")
        ? "Your password has been changed. Your other sessions have ended."
        : url.searchParams.has("sessionEnded")
          ? "The session has ended."
          : null,
    },
    { headers: { "Cache-Control": "no-store" } },
  );
}

type ActionData = { intent: "change-password"; errors: FieldErrors } | { intent: "end-session"; errors: FieldErrors };

export async function action({ request, context }: ActionFunctionArgs) {
  const { viewer, current, form, intent, ipAddress } = await readAccountForm(request, context);

  if (intent === "end-session") {
    const handle = formText(form, "session");
    const result = await endOwnSession(viewer, handle, { ipAddress });
    if (!result.ended) {
      return invalid(context, { intent: "end-session" as const, errors: { sessions: "That session has already ended" } });
    }
    if (result.sessionId === current?.session.id) {
      return redirect("/sign-in?signedOut", { status: 303, headers: { "Set-Cookie": blankSessionCookie() } });
    }
    return redirect("/account?sessionEnded", { status: 303 });
  }

  if (intent === "change-password") {
    const { currentPassword, newPassword, confirmPassword } = formFields(form, [
      "currentPassword",
      "newPassword",
      "confirmPassword",
    ]);
    const errors: FieldErrors = {};
    if (!currentPassword) errors.currentPassword = "Enter your current password";
    Object.assign(errors, newPasswordErrors(newPassword, confirmPassword, { newField: "newPassword", confirmField: "confirmPassword" }));
    if (Object.keys(errors).length > 0) return invalid(context, { intent: "change-password" as const, errors });

    // Checking the current password is throttled like signing in.
    const keys = throttleKeys(viewer.email, ipAddress);
    const state = await checkThrottle(keys, now());
    const user = await findUserById(db(), viewer.userId);
    if (state.locked) {
      return invalid(
        context,
        { intent: "change-password" as const, errors: { currentPassword: "Too many wrong passwords. Wait 15 minutes and try again." } },
        429,
      );
    }
    if (!user?.passwordHash || !(await verifyPassword(user.passwordHash, currentPassword))) {
      await recordFailure(keys, now());
      return invalid(context, { intent: "change-password" as const, errors: { currentPassword: "Your current password is incorrect" } });
    }
    await db().transaction((tx) =>
      setPassword(tx, { userId: viewer.userId, ipAddress }, viewer.userId, newPassword, {
        keepSessionId: current?.session.id,
      }),
    );
    // Every session of the old password ends: the others above, this one by a new id
    // (docs/decisions/028-two-step-verification.md).
    const next = await startSession(request, viewer.userId, { ipAddress });
    await recordSessionRotation(viewer.userId, { ipAddress, from: current?.session.id ?? null, to: next.session.id, reason: "password_changed" });
    return redirect("/account?passwordChanged", { status: 303, headers: { "Set-Cookie": next.setCookie } });
  }

  return invalid(context, { intent: "end-session" as const, errors: { intent: "Choose what to do" } });
}


export default function Account() {
  const { user, sessions, notice, idleMinutes, absoluteHours, twoStepEnabled } = useLoaderData<typeof loader>();
  const actionData = useActionData<ActionData>();
  const passwordErrors = actionData?.intent === "change-password" ? actionData.errors : undefined;
  return (
    <>
      <ErrorSummary errors={actionData?.errors} />
      {notice && <NotificationBanner success>{notice}</NotificationBanner>}
      <h1 className="govuk-heading-l">Your account</h1>
      <p className="govuk-body">
        <a className="govuk-link" href="/account/following">What you follow</a>
        {" · "}
        <a className="govuk-link" href="/account/feeds">Your private calendar</a>
      </p>
      <dl className="govuk-summary-list">
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">Name</dt>
          <dd className="govuk-summary-list__value">{user.name}</dd>
        </div>
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">Email address</dt>
          <dd className="govuk-summary-list__value">{user.email}</dd>
        </div>
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">Role</dt>
          <dd className="govuk-summary-list__value">{user.role}</dd>
        </div>
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">Two-step verification</dt>
          <dd className="govuk-summary-list__value">{twoStepEnabled ? "On" : "Off"}</dd>
          <dd className="govuk-summary-list__actions">
            <a className="govuk-link" href="/account/two-step">
              {twoStepEnabled ? "Manage" : "Set up"}
              <span className="govuk-visually-hidden"> two-step verification</span>
            </a>
          </dd>
        </div>
      </dl>
      <AuditHistoryLink entityType="user" entityId={user.id} />

      <h2 className="govuk-heading-m" id="sessions">
        Where you are signed in
      </h2>
      <p className="govuk-body">
        A session ends after {idleMinutes} minutes without activity, and {absoluteHours} hours after signing in. End
        any session you do not recognise, then change your password.{" "}
        <a className="govuk-link" href="/account/sessions">
          When each was last used, and signing out everywhere
        </a>
      </p>
      <SessionsTable sessions={sessions} caption="Your active sessions" />

      <h2 className="govuk-heading-m" id="password">
        Change your password
      </h2>
      <Form method="post" noValidate>
        <input type="hidden" name="intent" value="change-password" />
        <PasswordInput
          name="currentPassword"
          label="Current password"
          autoComplete="current-password"
          error={passwordErrors?.currentPassword}
        />
        <PasswordInput
          name="newPassword"
          label="New password"
          hint={PASSWORD_HINT}
          autoComplete="new-password"
          error={passwordErrors?.newPassword}
        />
        <PasswordInput
          name="confirmPassword"
          label="Confirm new password"
          autoComplete="new-password"
          error={passwordErrors?.confirmPassword}
        />
        <Button>Change password</Button>
      </Form>
    </>
  );
}
