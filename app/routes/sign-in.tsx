import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import {
  decodePreserved,
  encodePreserved,
  PRESERVED_INPUT,
  preservedFields,
  SIGN_IN_MARKER,
  type PreservedFields,
} from "~/auth/preserve";
import { safeRedirectPath } from "~/auth/redirect";
import { now } from "~/auth/clock.server";
import { attemptSignIn, recordSignIn, signInStage } from "~/models/people";
import { getCurrentSession, sessionHandle, startSession } from "~/auth/session.server";
import { Button, ErrorSummary, HiddenFields, NotificationBanner, PasswordInput, TextInput } from "~/components/forms";
import type { FieldErrors } from "~/utils/form-fields";
import { invalid, readForm } from "~/utils/forms.server";
import { pageTitle } from "~/utils/meta";
import { signInSchema as schema, formText, parseForm } from "~/utils/page-schemas.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "Sign in");

const NOTICES = {
  invited: "Your password has been set. Sign in with your email address and new password.",
  reset: "Your password has been changed. Sign in with your new password.",
  signedOut: "You have signed out.",
} as const;

function noticeFrom(url: URL): string | null {
  for (const key of Object.keys(NOTICES) as (keyof typeof NOTICES)[]) {
    if (url.searchParams.has(key)) return NOTICES[key];
  }
  return null;
}

// Anyone may see the sign-in page; a signed-in person is told so.
export async function loader({ request }: LoaderFunctionArgs) {
  const current = await getCurrentSession(request);
  const url = new URL(request.url);
  return json(
    {
      signedInAs: current ? current.user.name : null,
      redirectTo: safeRedirectPath(url.searchParams.get("redirectTo"), "/"),
      notice: noticeFrom(url),
    },
    { headers: { "Cache-Control": "no-store" } },
  );
}

type ActionData =
  | {
      kind: "form";
      errors: FieldErrors;
      values: { email: string };
      preserved: PreservedFields;
      sessionEnded: boolean;
    }
  | { kind: "continue"; redirectTo: string; preserved: PreservedFields };


// The guard of this action is the credentials check itself (with throttling).
export async function action({ request, context }: ActionFunctionArgs) {
  const form = await readForm(request);
  const url = new URL(request.url);
  const current = await getCurrentSession(request);
  const isSignInForm = formText(form, SIGN_IN_MARKER) === "1";
  // A preserved form may have a field of its own called redirectTo: only the sign-in form's counts.
  const redirectTo = safeRedirectPath(
    (isSignInForm && formText(form, "redirectTo")) || url.searchParams.get("redirectTo"),
    "/",
  );
  const preserved = isSignInForm ? decodePreserved(formText(form, PRESERVED_INPUT)) : preservedFields(form);

  if (!isSignInForm && current && preserved.length > 0) {
    // A form posted from another page by someone who is signed in (e.g. after
    // signing in in another tab): offer to send it.
    return json<ActionData>({ kind: "continue", redirectTo, preserved });
  }
  if (!isSignInForm && !current) {
    // Another page's form, posted after its session ended and redirected here
    // with 307 by requireUser: keep what was typed while the person signs in.
    return json<ActionData>({ kind: "form", errors: {}, values: { email: "" }, preserved, sessionEnded: true });
  }

  const email = isSignInForm ? formText(form, "email").trim() : "";
  const fail = (errors: FieldErrors, status = 400) =>
    invalid(context, { kind: "form" as const, errors, values: { email }, preserved, sessionEnded: false }, status);

  if (current) {
    return fail(
      { email: `You are already signed in as ${current.user.name}. Sign out first if you want to sign in as someone else.` },
      409,
    );
  }

  const parsed = parseForm(schema, form);
  if (!parsed.ok) return fail(parsed.errors);

  const ipAddress = context?.clientIp ?? null;
  const result = await attemptSignIn({ email: parsed.data.email, password: parsed.data.password, ipAddress });
  if (result.kind === "locked") {
    const minutes = Math.max(1, Math.ceil((result.until.getTime() - now().getTime()) / 60_000));
    return fail(
      {
        email: `There have been too many attempts to sign in. Wait ${minutes} minute${minutes === 1 ? "" : "s"} and try again, or reset your password.`,
      },
      429,
    );
  }
  if (result.kind === "disabled") {
    return fail({ email: "This account has been disabled. Ask an administrator if you think this is wrong." }, 403);
  }
  if (result.kind === "invalid") return fail({ email: "Email or password is incorrect" });

  // Two-step verification: a code comes next, or setting it up (docs/decisions/028-two-step-verification.md).
  const stage = await signInStage(result.user);
  const { session, setCookie } = await startSession(request, result.user.id, { ipAddress, stage });
  await recordSignIn(result.user, { ipAddress, sessionHandle: sessionHandle(session.id), stage });
  const headers = { "Set-Cookie": setCookie, "Cache-Control": "no-store" };
  if (stage === "second_step") {
    return redirect(`/sign-in/two-step?redirectTo=${encodeURIComponent(redirectTo)}`, { status: 303, headers });
  }
  if (stage === "enrolment") return redirect("/account/two-step?required", { status: 303, headers });
  if (preserved.length > 0) {
    return json<ActionData>({ kind: "continue", redirectTo, preserved }, { headers });
  }
  return redirect(redirectTo, { status: 303, headers });
}

function PreservedList({ fields }: { fields: PreservedFields }) {
  const shown = fields.filter(([name, value]) => value.trim() !== "" && !name.startsWith("_") && name !== "intent");
  if (shown.length === 0) return null;
  return (
    <details className="govuk-details">
      <summary className="govuk-details__summary">
        <span className="govuk-details__summary-text">What you typed</span>
      </summary>
      <div className="govuk-details__text">
        <dl className="govuk-summary-list">
          {shown.map(([name, value], i) => (
            <div className="govuk-summary-list__row" key={`${name}-${i}`}>
              <dt className="govuk-summary-list__key">{name}</dt>
              <dd className="govuk-summary-list__value portal-audit-values">{value}</dd>
            </div>
          ))}
        </dl>
      </div>
    </details>
  );
}

export default function SignIn() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<ActionData>();

  if (actionData?.kind === "continue") {
    return (
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <h1 className="govuk-heading-l">You are signed in</h1>
          <p className="govuk-body">
            What you typed before your session ended has been kept. It has not been sent yet.
          </p>
          <PreservedList fields={actionData.preserved} />
          <Form method="post" action={actionData.redirectTo}>
            <HiddenFields fields={actionData.preserved} />
            <Button>Send what you typed</Button>
          </Form>
          <p className="govuk-body">
            <Link className="govuk-link" to={actionData.redirectTo.split("?")[0]}>
              Go back without sending it
            </Link>
          </p>
        </div>
      </div>
    );
  }

  const form = actionData?.kind === "form" ? actionData : undefined;
  const preserved = form?.preserved ?? [];

  if (data.signedInAs && !form) {
    return (
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <h1 className="govuk-heading-l">You are already signed in</h1>
          <p className="govuk-body">You are signed in as {data.signedInAs}.</p>
          <p className="govuk-body">
            <Link className="govuk-link" to="/account">
              Go to your account
            </Link>
          </p>
          <Form method="post" action="/sign-out">
            <Button variant="secondary">Sign out</Button>
          </Form>
        </div>
      </div>
    );
  }

  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary errors={form?.errors} />
        {data.notice && !form && <NotificationBanner success>{data.notice}</NotificationBanner>}
        {form?.sessionEnded && (
          <NotificationBanner title="Your session has ended">
            <p className="govuk-notification-banner__heading">Sign in again to continue.</p>
            {preserved.length > 0 && (
              <p className="govuk-body">What you typed has been kept. After you sign in you can send it.</p>
            )}
          </NotificationBanner>
        )}
        <h1 className="govuk-heading-l">Sign in</h1>
        <PreservedList fields={preserved} />
        <Form method="post" action={`/sign-in?redirectTo=${encodeURIComponent(data.redirectTo)}`} noValidate>
          <input type="hidden" name={SIGN_IN_MARKER} value="1" />
          <input type="hidden" name="redirectTo" value={data.redirectTo} />
          {preserved.length > 0 && <input type="hidden" name={PRESERVED_INPUT} value={encodePreserved(preserved)} />}
          <TextInput
            name="email"
            label="Email address"
            type="email"
            autoComplete="username"
            spellCheck={false}
            defaultValue={form?.values.email}
            error={form?.errors.email}
          />
          <PasswordInput name="password" label="Password" autoComplete="current-password" error={form?.errors.password} />
          <Button>Sign in</Button>
        </Form>
        <p className="govuk-body">
          <Link className="govuk-link" to="/forgot-password">
            Forgotten your password?
          </Link>
        </p>
      </div>
    </div>
  );
}
