/**
 * Who is asking, from the request. The only way loaders and actions learn it.
 * (Until accounts land, everyone is the public.)
 */
import { PUBLIC_VIEWER, type Viewer } from "../rules/viewer.server";

export async function getViewer(_request: Request): Promise<Viewer> {
  return PUBLIC_VIEWER;
}
