/**
 * A meeting's agenda pack as a PDF (issue 18, item 6; app/models/meetings/agenda-pack-pdf.server.ts):
 * a 404 where the viewer may not see the meeting (for the public: its agenda is not published).
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { getViewer } from "~/auth/viewer.server";
import { generatedFileResponse } from "~/handlers/generated-file.server";
import { agendaPackPdf, packViewer } from "~/models/meetings";
import { invariantFound } from "~/utils/http.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await getViewer(request);
  const slug = params.slug ?? "";
  const file = invariantFound(await agendaPackPdf(viewer, slug));
  return generatedFileResponse(request, file, `${slug.slice(0, 80)}-agenda-pack.pdf`, { isPublic: packViewer(viewer).kind === "public", inline: true });
}
