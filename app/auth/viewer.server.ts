/**
 * Who is asking, from the request. The only way loaders and actions learn it:
 * the signed-in user's Viewer (role, person, organisation), or the public.
 */
import { PUBLIC_VIEWER, type Viewer } from "../rules/viewer.server";
import { getCurrentSession } from "./session.server";

export async function getViewer(request: Request): Promise<Viewer> {
  const current = await getCurrentSession(request);
  if (!current) return PUBLIC_VIEWER;
  const { user } = current;
  return {
    kind: "user",
    userId: user.id,
    name: user.name,
    email: user.email,
    role: user.role,
    personId: user.personId,
    organisationId: user.organisationId,
  };
}
