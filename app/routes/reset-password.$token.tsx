import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { setPasswordAction, setPasswordLoader } from "~/handlers/set-password.server";
import { SetPasswordPage } from "~/components/set-password";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "Choose a new password");

// Anyone holding the link may use it: the token is the guard.
export const loader = (args: LoaderFunctionArgs) => setPasswordLoader(args, "password_reset");

export const action = (args: ActionFunctionArgs) => setPasswordAction(args, "password_reset", "/sign-in?reset");

export default function ResetPassword() {
  return (
    <SetPasswordPage
      purpose="password_reset"
      heading="Choose a new password"
      intro={(email) => `For the account ${email}. Choosing a new password signs you out everywhere.`}
      submitLabel="Change password"
    />
  );
}
