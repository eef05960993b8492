/**
 * A meeting's minutes as a PDF (issue 18, item 6; app/models/meetings/minutes-pdf.server.ts):
 * a 404 until the minutes are published, and where the viewer may not see the meeting.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { getViewer } from "~/auth/viewer.server";
import { generatedFileResponse } from "~/handlers/generated-file.server";
import { minutesPdf, packViewer } from "~/models/meetings";
import { invariantFound } from "~/utils/http.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await getViewer(request);
  const slug = params.slug ?? "";
  const file = invariantFound(await minutesPdf(viewer, slug));
  return generatedFileResponse(request, file, `${slug.slice(0, 80)}-minutes.pdf`, { isPublic: packViewer(viewer).kind === "public", inline: true });
}
