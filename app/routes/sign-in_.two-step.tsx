/**
 * The second step of signing in (docs/decisions/028-two-step-verification.md): a
 * code from the authenticator app, or a recovery code. Reached only with a session
 * whose password was right; it becomes a signed-in session under a new id.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { signInRedirect } from "~/auth/permissions.server";
import { safeRedirectPath } from "~/auth/redirect";
import { getSessionAtAnyStage, sessionHandle, startSession } from "~/auth/session.server";
import { Button, ErrorSummary, TextInput } from "~/components/forms";
import { recordSignIn, verifySecondStep } from "~/models/people";
import { formText, invalid, readForm, type FieldErrors } from "~/utils/forms.server";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "Enter your security code");

const MESSAGES = {
  missing: "Enter the 6-digit code from your authenticator app, or a recovery code",
  invalid: "The code is not right, or it has expired. Enter the code your app shows now, or a recovery code you have not used",
  reused: "This code has already been used. Wait for your app to show the next code",
  locked: "There have been too many attempts. Wait 15 minutes, then sign in again",
} as const;

async function waitingSession(request: Request) {
  const current = await getSessionAtAnyStage(request);
  return current?.session.stage === "second_step" ? current : null;
}

// The guard: a session at the second step (password already right).
export async function loader({ request }: LoaderFunctionArgs) {
  if (!(await waitingSession(request))) {
    // To the sign-in page; a live session's cookie is kept (signInRedirect clears only an ended one).
    const live = await getSessionAtAnyStage(request);
    if (!live) throw signInRedirect(request);
    throw redirect(`/sign-in?redirectTo=${encodeURIComponent("/sign-in/two-step")}`);
  }
  const url = new URL(request.url);
  return json({ redirectTo: safeRedirectPath(url.searchParams.get("redirectTo"), "/") }, { headers: { "Cache-Control": "no-store" } });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const current = await waitingSession(request);
  if (!current) throw redirect("/sign-in", { status: 303 });
  const form = await readForm(request);
  const redirectTo = safeRedirectPath(formText(form, "redirectTo"), "/");
  const ipAddress = context?.clientIp ?? null;
  const result = await verifySecondStep(current.user.id, formText(form, "code"), { ipAddress });
  if (result.kind !== "ok") {
    const errors: FieldErrors = { code: MESSAGES[result.kind] };
    return invalid(context, { errors }, result.kind === "locked" ? 429 : 400);
  }
  // A new session id now that the person is signed in; the waiting one ends.
  const { session, setCookie } = await startSession(request, current.user.id, { ipAddress });
  await recordSignIn(current.user, { ipAddress, sessionHandle: sessionHandle(session.id), secondStep: result.method });
  return redirect(redirectTo, { status: 303, headers: { "Set-Cookie": setCookie, "Cache-Control": "no-store" } });
}

export default function SecondStep() {
  const { redirectTo } = useLoaderData<typeof loader>();
  const result = useActionData<{ errors: FieldErrors }>();
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary errors={result?.errors} />
        <h1 className="govuk-heading-l">Enter your security code</h1>
        <p className="govuk-body">Open the authenticator app you set up for this portal and enter the code it shows.</p>
        <Form method="post" noValidate>
          <input type="hidden" name="redirectTo" value={redirectTo} />
          <TextInput
            name="code"
            label="Security code"
            hint="6 digits from your app, or one of your recovery codes if you do not have your app"
            autoComplete="one-time-code"
            spellCheck={false}
            width="10"
            error={result?.errors.code}
          />
          <Button>Continue</Button>
        </Form>
        <p className="govuk-body">
          If you have lost your app and your recovery codes, ask an administrator to reset your two-step verification.
        </p>
        <Form method="post" action="/sign-out">
          <button type="submit" className="govuk-button govuk-button--secondary">
            Cancel and sign out
          </button>
        </Form>
        <p className="govuk-body">
          <Link className="govuk-link" to="/">
            Go to the home page without signing in
          </Link>
        </p>
      </div>
    </div>
  );
}
