/**
 * Signing out: POST only (a link or an image cannot sign anyone out). The session
 * ends on the server, and the cookie is cleared.
 */
import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { recordSignOut } from "~/models/people";
import { endCurrentSession, getSessionAtAnyStage, sessionHandle } from "~/auth/session.server";

export async function loader() {
  throw new Response("Sign out with the button in the header.", { status: 405, headers: { Allow: "POST" } });
}

// Anyone may sign out; with no session there is nothing to end.
export async function action({ request, context }: ActionFunctionArgs) {
  // A session at any stage (waiting for a code, or for enrolment) can be ended.
  const current = await getSessionAtAnyStage(request);
  const setCookie = await endCurrentSession(request);
  if (current) {
    await recordSignOut(current.user.id, {
      ipAddress: context?.clientIp ?? null,
      sessionHandle: sessionHandle(current.session.id),
    });
  }
  return redirect("/sign-in?signedOut", { status: 303, headers: { "Set-Cookie": setCookie } });
}
