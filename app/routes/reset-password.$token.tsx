import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { newPasswordErrors } from "~/auth/password.server";
import { SetPasswordForm, TokenProblemPage } from "~/components/set-password";
import type { FieldErrors } from "~/components/forms";
import { db } from "~/db.server";
import { checkToken, redeemToken } from "~/models/users.server";
import { formFields, invalid, readForm } from "~/utils/forms.server";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "Choose a new password");

const NO_STORE = { "Cache-Control": "no-store" };

function problemStatus(reason: string) {
  return reason === "unknown" ? 404 : 410;
}

// Anyone holding the link may use it: the token is the guard.
export async function loader({ params }: LoaderFunctionArgs) {
  const check = await checkToken(db(), params.token ?? "", "password_reset");
  if (!check.ok) return json({ problem: check.reason, email: "" }, { status: problemStatus(check.reason), headers: NO_STORE });
  return json({ problem: null, email: check.user.email }, { headers: NO_STORE });
}

export async function action({ params, request, context }: ActionFunctionArgs) {
  const token = params.token ?? "";
  const check = await checkToken(db(), token, "password_reset");
  if (!check.ok) return json({ problem: check.reason, errors: {} as FieldErrors }, { status: problemStatus(check.reason) });
  const form = await readForm(request);
  const { password, confirmPassword } = formFields(form, ["password", "confirmPassword"]);
  const errors = newPasswordErrors(password, confirmPassword);
  if (Object.keys(errors).length > 0) return invalid(context, { problem: null, errors });
  const result = await db().transaction((tx) =>
    redeemToken(tx, { ipAddress: context?.clientIp ?? null }, token, "password_reset", password),
  );
  if (!result.ok) return json({ problem: result.reason, errors: {} as FieldErrors }, { status: problemStatus(result.reason) });
  return redirect("/sign-in?reset", { status: 303 });
}

export default function ResetPassword() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const problem = (actionData && "problem" in actionData ? actionData.problem : null) ?? data.problem;
  if (problem) return <TokenProblemPage problem={problem} purpose="password_reset" />;
  return (
    <SetPasswordForm
      heading="Choose a new password"
      intro={`For the account ${data.email}. Choosing a new password signs you out everywhere.`}
      errors={actionData && "errors" in actionData ? actionData.errors : undefined}
      email={data.email}
      submitLabel="Change password"
    />
  );
}
