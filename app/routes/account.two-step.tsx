/**
 * Setting up two-step verification (docs/decisions/028-two-step-verification.md):
 * a secret shown as a QR code and as text, confirmed with a code from the app;
 * then ten recovery codes, shown once. A clerk or administrator who must set it up
 * is sent here straight after the password, and can go nowhere else first.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { signInRedirect } from "~/auth/permissions.server";
import { getSessionAtAnyStage, startSession } from "~/auth/session.server";
import { Button, ErrorSummary, NotificationBanner, TextInput } from "~/components/forms";
import {
  confirmEnrolment,
  endOwnSessions,
  pendingEnrolment,
  recordSessionRotation,
  renewRecoveryCodes,
  startEnrolment,
  twoStepStatus,
} from "~/models/people";
import { db } from "~/models/records";
import { formText, invalid, readForm, type FieldErrors } from "~/utils/forms.server";
import { pageTitle } from "~/utils/meta";
import { qrCodeSvg } from "~/utils/qr-code.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "Two-step verification");

// The guard: a signed-in session, or one that must set up two-step verification before anything else.
async function requireEnrollingUser(request: Request) {
  const current = await getSessionAtAnyStage(request);
  if (current?.session.stage === "second_step") throw redirect("/sign-in/two-step", { status: 303 });
  if (!current) throw signInRedirect(request);
  return current;
}

export async function loader({ request }: LoaderFunctionArgs) {
  const { user, session } = await requireEnrollingUser(request);
  const status = await twoStepStatus(db(), user);
  const pending = status.enabled ? null : await pendingEnrolment(db(), user);
  return json(
    {
      status: { enabled: status.enabled, enabledAt: status.enabledAt?.toISOString() ?? null, recoveryCodesLeft: status.recoveryCodesLeft },
      mustEnrol: session.stage === "enrolment",
      pending: pending ? { key: pending.key, qrSvg: await qrCodeSvg(pending.uri) } : null,
    },
    { headers: { "Cache-Control": "no-store" } },
  );
}

interface ActionData {
  errors?: FieldErrors;
  /** Shown once, in this answer only. */
  recoveryCodes?: string[];
  renewed?: boolean;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { user, session } = await requireEnrollingUser(request);
  const form = await readForm(request);
  const intent = formText(form, "intent");
  const ipAddress = context?.clientIp ?? null;
  const actor = { userId: user.id, ipAddress };

  if (intent === "start") {
    await db().transaction((tx) => startEnrolment(tx, actor, user.id));
    return redirect(session.stage === "enrolment" ? "/account/two-step?required" : "/account/two-step", { status: 303 });
  }
  if (intent === "confirm") {
    const result = await db().transaction((tx) => confirmEnrolment(tx, actor, user.id, formText(form, "code")));
    if (!result.ok) return invalid(context, { errors: { code: result.error } });
    // Shown once, in this answer; the session is renewed when the person continues.
    return json<ActionData>({ recoveryCodes: result.recoveryCodes, renewed: false }, { headers: { "Cache-Control": "no-store" } });
  }
  if (intent === "continue") {
    const status = await twoStepStatus(db(), user);
    if (!status.enabled) return redirect("/account/two-step", { status: 303 });
    // Stronger sign-in, new session: every other session ends, and this one gets a new id.
    await endOwnSessions({ userId: user.id }, session.id, { ipAddress });
    const next = await startSession(request, user.id, { ipAddress });
    await recordSessionRotation(user.id, { ipAddress, from: session.id, to: next.session.id, reason: "two_step_enabled" });
    return redirect("/account", { status: 303, headers: { "Set-Cookie": next.setCookie, "Cache-Control": "no-store" } });
  }
  if (intent === "renew-codes" && session.stage === "signed_in") {
    const result = await renewRecoveryCodes(actor, formText(form, "code"));
    if (!result.ok) return invalid(context, { errors: { code: result.error } });
    return json<ActionData>({ recoveryCodes: result.recoveryCodes, renewed: true }, { headers: { "Cache-Control": "no-store" } });
  }
  return invalid(context, { errors: { intent: "Choose what to do" } });
}

/** Ends the other sessions and renews this one now that two-step verification is on. */
function ContinueForm() {
  return (
    <Form method="post">
      <input type="hidden" name="intent" value="continue" />
      <p className="govuk-body">When you continue, you will be signed out everywhere else.</p>
      <Button>I have kept my recovery codes: continue</Button>
    </Form>
  );
}

function RecoveryCodes({ codes, renewed }: { codes: string[]; renewed: boolean }) {
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <NotificationBanner success>
          {renewed ? "You have new recovery codes. The old ones no longer work." : "Two-step verification is on."}
        </NotificationBanner>
        <h1 className="govuk-heading-l">Your recovery codes</h1>
        <p className="govuk-body">
          If you lose your authenticator app, you can sign in with one of these codes instead of a security code. Each
          works once. Keep them somewhere safe, apart from your password: <strong>they will not be shown again</strong>.
        </p>
        <ul className="govuk-list portal-recovery-codes" aria-label="Recovery codes">
          {codes.map((code) => (
            <li key={code}>
              <code>{code}</code>
            </li>
          ))}
        </ul>
        {renewed ? (
          <p className="govuk-body">
            <Link className="govuk-link" to="/account">
              Back to your account
            </Link>
          </p>
        ) : (
          <ContinueForm />
        )}
      </div>
    </div>
  );
}

export default function TwoStep() {
  const { status, mustEnrol, pending } = useLoaderData<typeof loader>();
  const result = useActionData<ActionData>();
  if (result?.recoveryCodes) return <RecoveryCodes codes={result.recoveryCodes} renewed={result.renewed === true} />;
  const errors = result?.errors;
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary errors={errors} />
        {mustEnrol && (
          <NotificationBanner title="Important">
            <p className="govuk-notification-banner__heading">
              Clerks and administrators must use two-step verification. Set it up to continue.
            </p>
          </NotificationBanner>
        )}
        <h1 className="govuk-heading-l">Two-step verification</h1>
        {status.enabled ? (
          <>
            <p className="govuk-body">
              Two-step verification is on. When you sign in you enter a code from your authenticator app after your
              password. You have {status.recoveryCodesLeft} unused recovery code{status.recoveryCodesLeft === 1 ? "" : "s"}.
            </p>
            {mustEnrol && <ContinueForm />}
            <h2 className="govuk-heading-m">Get new recovery codes</h2>
            <Form method="post" noValidate>
              <input type="hidden" name="intent" value="renew-codes" />
              <TextInput name="code" label="Security code from your app" hint="6 digits" autoComplete="one-time-code" inputMode="numeric" width="10" error={errors?.code} />
              <Button variant="secondary">Get new recovery codes</Button>
            </Form>
          </>
        ) : pending ? (
          <>
            <p className="govuk-body">You need an authenticator app on your phone or computer, such as Google Authenticator, Microsoft Authenticator or a password manager that makes codes.</p>
            <h2 className="govuk-heading-m">1. Add this portal to your app</h2>
            <p className="govuk-body">Scan this QR code with the app:</p>
            <div className="portal-qr-code" aria-hidden="true" dangerouslySetInnerHTML={{ __html: pending.qrSvg }} />
            <p className="govuk-body">Or, if you cannot scan it, enter this key in the app (time-based, 6 digits):</p>
            <p className="govuk-body">
              <code className="portal-two-step-key" id="two-step-key">{pending.key}</code>
            </p>
            <h2 className="govuk-heading-m">2. Enter the code the app shows</h2>
            <Form method="post" noValidate>
              <input type="hidden" name="intent" value="confirm" />
              <TextInput name="code" label="Security code" hint="6 digits" autoComplete="one-time-code" inputMode="numeric" width="10" error={errors?.code} />
              <Button>Turn on two-step verification</Button>
            </Form>
          </>
        ) : (
          <>
            <p className="govuk-body">
              Two-step verification asks for a code from an authenticator app after your password, so a stolen password
              alone cannot open your account.
            </p>
            <Form method="post">
              <input type="hidden" name="intent" value="start" />
              <Button>Set up two-step verification</Button>
            </Form>
          </>
        )}
        {mustEnrol && (
          <Form method="post" action="/sign-out">
            <button type="submit" className="govuk-button govuk-button--secondary">
              Sign out
            </button>
          </Form>
        )}
      </div>
    </div>
  );
}
