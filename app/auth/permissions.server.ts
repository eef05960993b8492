/**
 * The guards every loader and action starts with (the table of who may do what
 * is app/auth/permissions.ts):
 * - `requireUser(request)`: the signed-in Viewer, or a redirect to sign in;
 * - `requirePermission(request, "create:meeting:any")`: the same, and a 403 page
 *   for a signed-in person whose role does not hold the permission.
 * A form posted without a live session is redirected with 307, so the sign-in
 * page receives what was typed (app/auth/preserve.ts).
 */
import { redirect } from "@remix-run/node";
import { isSignedIn, type Viewer } from "../rules/viewer.server";
import { roleCan, type Permission } from "./permissions";
import { safeRedirectPath } from "./redirect";
import { blankSessionCookie, hasSessionCookie, unfinishedSignIn } from "./session.server";
import { getViewer } from "./viewer.server";

export type SignedInViewer = Extract<Viewer, { kind: "user" }>;

export { type Permission } from "./permissions";

/** Whether this viewer may do it (for deciding what a page offers). */
export function viewerCan(viewer: Viewer, permission: Permission): boolean {
  return roleCan(viewer.kind === "user" ? viewer.role : "public", permission);
}

/** The 403 page: thrown, so the route's (or the root's) ErrorBoundary shows it. */
export function forbidden(message = "Forbidden"): never {
  throw new Response(message, { status: 403 });
}

/** The redirect to the sign-in page that brings the person back here afterwards. */
export function signInRedirect(request: Request): Response {
  const url = new URL(request.url);
  const back = safeRedirectPath(`${url.pathname}${url.search}`, "/");
  const location = `/sign-in?redirectTo=${encodeURIComponent(back)}`;
  const headers = new Headers();
  // An ended session's cookie is cleared on the way.
  if (hasSessionCookie(request)) headers.append("Set-Cookie", blankSessionCookie());
  const method = request.method.toUpperCase();
  // 307 keeps the method and body: the sign-in page receives what was typed.
  return redirect(location, { status: method === "GET" || method === "HEAD" ? 302 : 307, headers });
}

export async function requireUser(request: Request): Promise<SignedInViewer> {
  const viewer = await getViewer(request);
  if (!isSignedIn(viewer)) {
    // Password given, second step or enrolment still to do: that page comes before anything else.
    const next = await unfinishedSignIn(request);
    if (next) throw redirect(next, { status: 303 });
    throw signInRedirect(request);
  }
  return viewer;
}

export async function requirePermission(request: Request, permission: Permission): Promise<SignedInViewer> {
  const viewer = await requireUser(request);
  if (!roleCan(viewer.role, permission)) forbidden();
  return viewer;
}

/** For pages anyone may see but a signed-in person sees more of. */
export async function getViewerWithPermissions(request: Request) {
  const viewer = await getViewer(request);
  return { viewer, can: (permission: Permission) => viewerCan(viewer, permission) };
}
