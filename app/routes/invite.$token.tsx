import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { setPasswordAction, setPasswordLoader } from "~/handlers/set-password.server";
import { SetPasswordPage } from "~/components/set-password";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "Set up your account");

// Anyone holding the link may use it: the token is the guard.
export const loader = (args: LoaderFunctionArgs) => setPasswordLoader(args, "invite");

export const action = (args: ActionFunctionArgs) => setPasswordAction(args, "invite", "/sign-in?invited");

export default function AcceptInvite() {
  return (
    <SetPasswordPage
      purpose="invite"
      heading="Set up your account"
      intro={(email) => `Choose a password for your account, ${email}.`}
      submitLabel="Set password"
    />
  );
}
