/** The answer for a file the portal builds (agenda pack, minutes PDF, bulk download): its type, name and caching. */
import type { GeneratedFile } from "../models/records";

export function generatedFileResponse(request: Request, file: GeneratedFile, fileName: string, options: { isPublic: boolean; inline?: boolean }) {
  const etag = file.key ? `"${file.key}"` : null;
  const headers: Record<string, string> = {
    "Content-Type": file.mediaType,
    "Content-Disposition": `${options.inline ? "inline" : "attachment"}; filename="${fileName}"`,
    "X-Content-Type-Options": "nosniff",
    "Content-Security-Policy": "default-src 'none'; sandbox",
    "Cache-Control": options.isPublic ? "public, max-age=0, must-revalidate" : "private, no-store",
  };
  if (etag && options.isPublic) {
    headers.ETag = etag;
    if (request.headers.get("If-None-Match") === etag) return new Response(null, { status: 304, headers });
  }
  headers["Content-Length"] = String(file.content.byteLength);
  return new Response(request.method === "HEAD" ? null : Buffer.from(file.content), { status: 200, headers });
}
