/** The "choose your password" form of an invitation or a password reset link. */
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { PASSWORD_HINT } from "~/auth/password-rules";
import { Button, ErrorSummary, PasswordInput, type FieldErrors } from "./forms";

export type TokenProblem = "unknown" | "used" | "expired" | "disabled";

export function TokenProblemPage({ problem, purpose }: { problem: TokenProblem; purpose: "invite" | "password_reset" }) {
  const what = purpose === "invite" ? "invitation link" : "password reset link";
  const message =
    problem === "used"
      ? `This ${what} has already been used. Each link works once.`
      : problem === "expired"
        ? `This ${what} has expired, or a newer link has been sent.`
        : problem === "disabled"
          ? "This account has been disabled."
          : `This ${what} is not valid. Check you copied the entire address from the email.`;
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <h1 className="govuk-heading-l">This link cannot be used</h1>
        <p className="govuk-body">{message}</p>
        {purpose === "invite" ? (
          <p className="govuk-body">Ask an administrator to send you a new invitation.</p>
        ) : (
          <p className="govuk-body">
            <Link className="govuk-link" to="/forgot-password">
              Ask for a new password reset link
            </Link>
          </p>
        )}
        <p className="govuk-body">
          If you have already chosen a password,{" "}
          <Link className="govuk-link" to="/sign-in">
            sign in
          </Link>
          .
        </p>
      </div>
    </div>
  );
}

export function SetPasswordForm({
  heading,
  intro,
  errors,
  email,
  submitLabel,
}: {
  heading: string;
  intro: string;
  errors?: FieldErrors;
  email: string;
  submitLabel: string;
}) {
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary errors={errors} />
        <h1 className="govuk-heading-l">{heading}</h1>
        <p className="govuk-body">{intro}</p>
        <Form method="post" noValidate>
          {/* For password managers: the account the password belongs to. */}
          <input type="hidden" name="username" value={email} autoComplete="username" />
          <PasswordInput
            name="password"
            label="New password"
            hint={PASSWORD_HINT}
            autoComplete="new-password"
            error={errors?.password}
          />
          <PasswordInput
            name="confirmPassword"
            label="Confirm new password"
            autoComplete="new-password"
            error={errors?.confirmPassword}
          />
          <Button>{submitLabel}</Button>
        </Form>
      </div>
    </div>
  );
}

/**
 * The whole page of an invitation or reset link, from the data of
 * app/auth/set-password.server.ts: the link's problem, or the form.
 */
export function SetPasswordPage({
  purpose,
  heading,
  intro,
  submitLabel,
}: {
  purpose: "invite" | "password_reset";
  heading: string;
  intro: (email: string) => string;
  submitLabel: string;
}) {
  const data = useLoaderData<{ problem: TokenProblem | null; email: string }>();
  const actionData = useActionData<{ problem: TokenProblem | null; errors?: FieldErrors }>();
  const problem = actionData?.problem ?? data.problem;
  if (problem) return <TokenProblemPage problem={problem} purpose={purpose} />;
  return (
    <SetPasswordForm
      heading={heading}
      intro={intro(data.email)}
      errors={actionData?.errors}
      email={data.email}
      submitLabel={submitLabel}
    />
  );
}
