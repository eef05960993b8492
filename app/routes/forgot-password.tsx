import type { ActionFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useSearchParams } from "@remix-run/react";
import { Button, ErrorSummary, TextInput } from "~/components/forms";
import { db } from "~/models/records";
import { sendPendingEmailsQuietly } from "~/models/publishing";
import { requestPasswordReset } from "~/models/people";
import type { FieldErrors } from "~/utils/form-fields";
import { invalid, readForm } from "~/utils/forms.server";
import { pageTitle } from "~/utils/meta";
import { siteUrl } from "~/utils/site-url.server";
import { forgotPasswordSchema as schema, formText, parseForm } from "~/utils/page-schemas.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "Reset your password");

// Anyone may ask for a reset link.
export async function loader() {
  return json(null, { headers: { "Cache-Control": "no-store" } });
}


/**
 * Anyone may ask. The answer must not tell whether an account has the address:
 * not by what it says (the same redirect and page either way), and not by how
 * long it takes. A known address costs more work (a token, an e-mail in the
 * outbox, two audit rows, then sending the e-mail, by SMTP in production), so
 * none of that is done before answering: the request only checks the form, and
 * everything that depends on the account (even looking it up) runs once the
 * response has been sent (`context.afterResponse`, app/server/after-response.ts).
 * Both cases therefore answer after the same work. If the server stops in
 * between, the e-mail is not sent and the page already says to ask again.
 */
export async function action({ request, context }: ActionFunctionArgs) {
  const form = await readForm(request);
  const parsed = parseForm(schema, form);
  if (!parsed.ok) return invalid(context, { errors: parsed.errors, values: { email: formText(form, "email") } });
  const { email } = parsed.data;
  const site = siteUrl();
  const ipAddress = context?.clientIp ?? null;
  const reset = async () => {
    await db().transaction((tx) => requestPasswordReset(tx, { ipAddress }, email, site));
    await sendPendingEmailsQuietly();
  };
  // Outside the Express server (no afterResponse), correct but not timing-safe.
  if (context?.afterResponse) context.afterResponse(reset);
  else await reset();
  return redirect("/forgot-password?sent", { status: 303 });
}

export default function ForgotPassword() {
  const actionData = useActionData<{ errors: FieldErrors; values: { email: string } }>();
  const [params] = useSearchParams();
  if (params.has("sent") && !actionData) {
    return (
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <h1 className="govuk-heading-l">Check your email</h1>
          <p className="govuk-body">
            If an account has the address you gave, we have sent it a link to reset the password. The link works once,
            for 1 hour.
          </p>
          <p className="govuk-body">If nothing arrives within a few minutes, check your spam folder, or ask again.</p>
          <p className="govuk-body">
            <Link className="govuk-link" to="/sign-in">
              Back to sign in
            </Link>
          </p>
        </div>
      </div>
    );
  }
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary errors={actionData?.errors} />
        <h1 className="govuk-heading-l">Reset your password</h1>
        <p className="govuk-body">Enter the email address of your account. We will send it a link to choose a new password.</p>
        <Form method="post" noValidate>
          <TextInput
            name="email"
            label="Email address"
            type="email"
            autoComplete="email"
            spellCheck={false}
            defaultValue={actionData?.values.email}
            error={actionData?.errors.email}
          />
          <Button>Send the link</Button>
        </Form>
      </div>
    </div>
  );
}
