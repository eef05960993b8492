/** What the layout needs to know about who is signed in (nothing, for the public). */
import { getViewer } from "../auth/viewer.server";

export interface LayoutUserInfo {
  name: string;
  role: string;
}

export async function getLayoutUser(request: Request): Promise<LayoutUserInfo | null> {
  const viewer = await getViewer(request);
  if (viewer.kind !== "user") return null;
  return { name: viewer.name, role: viewer.role };
}
