/** File downloads: the visibility rules decide (a draft or exempt document's file is a 404 for the public). */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { getViewer } from "~/auth/viewer.server";
import { getFileForDownload } from "~/models/meetings";
import { idParam, invariantFound } from "~/utils/http.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await getViewer(request);
  const file = invariantFound(await getFileForDownload(viewer, idParam(params)));
  const inline = file.mediaType === "application/pdf" || file.mediaType.startsWith("image/");
  return new Response(Buffer.from(file.content), {
    status: 200,
    headers: {
      "Content-Type": file.mediaType,
      "Content-Length": String(file.byteSize),
      "Content-Disposition": `${inline ? "inline" : "attachment"}; filename="${file.fileName}"`,
      "X-Content-Type-Options": "nosniff",
      "Content-Security-Policy": "default-src 'none'; sandbox",
      "Cache-Control": viewer.kind === "public" ? "public, max-age=300" : "private, no-store",
      ETag: `"${file.sha256}"`,
    },
  });
}
