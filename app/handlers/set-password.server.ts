/**
 * Choosing a password from a one-time link: an invitation (`/invite/:token`,
 * 7 days) or a password reset (`/reset-password/:token`, 1 hour). Both routes
 * use these: anyone holding the link may use it, the token is the guard. A link
 * that cannot be used (unknown 404; used, expired or disabled account 410) is
 * answered as `problem`, never a 500; the token is marked used in the same
 * statement that checks it (users.server.ts `redeemToken`), and every session
 * of the account ends.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import type { FieldErrors } from "../components/forms";
import type { TokenProblem } from "../components/set-password";
import { db } from "../models/records";
import { checkToken, redeemToken, type TokenPurpose } from "../models/people";
import { formFields, invalid, readForm } from "../utils/forms.server";
import { newPasswordErrors } from "../auth/password.server";

const NO_STORE = { "Cache-Control": "no-store" };

function problemStatus(reason: TokenProblem) {
  return reason === "unknown" ? 404 : 410;
}

/** The link's account (for the form), or why it cannot be used. */
export async function setPasswordLoader({ params }: LoaderFunctionArgs, purpose: TokenPurpose) {
  const check = await checkToken(db(), params.token ?? "", purpose);
  if (!check.ok) return json({ problem: check.reason, email: "" }, { status: problemStatus(check.reason), headers: NO_STORE });
  return json({ problem: null, email: check.user.email }, { headers: NO_STORE });
}

/** Sets the password and redirects to `done`; or the form's errors (400), or the link's problem. */
export async function setPasswordAction(
  { params, request, context }: ActionFunctionArgs,
  purpose: TokenPurpose,
  done: string,
) {
  const token = params.token ?? "";
  const check = await checkToken(db(), token, purpose);
  if (!check.ok) return json({ problem: check.reason, errors: {} as FieldErrors }, { status: problemStatus(check.reason) });
  const form = await readForm(request);
  const { password, confirmPassword } = formFields(form, ["password", "confirmPassword"]);
  const errors = newPasswordErrors(password, confirmPassword);
  if (Object.keys(errors).length > 0) return invalid(context, { problem: null, errors });
  const result = await db().transaction((tx) =>
    redeemToken(tx, { ipAddress: context?.clientIp ?? null }, token, purpose, password),
  );
  if (!result.ok) return json({ problem: result.reason, errors: {} as FieldErrors }, { status: problemStatus(result.reason) });
  return redirect(done, { status: 303 });
}
