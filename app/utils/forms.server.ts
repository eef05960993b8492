/**
 * Reading and checking posted forms, the same way everywhere:
 * - `readForm` never lets a malformed or oversized body become a 500;
 * - the field schemas and `parseForm` (app/utils/form-fields.ts, re-exported here);
 * - `invalid` answers 400 with the errors and what was typed, and marks the
 *   request so the page title starts with "Error: " (app/utils/meta.ts).
 */
import type { AppLoadContext } from "@remix-run/node";
import { json } from "@remix-run/node";
import { MAX_FORM_BYTES } from "./body-limits";
import type { FieldErrors } from "./form-fields";

export * from "./form-fields";

export { MAX_FORM_BYTES };

/** What a form over its limit is told (413). */
export const FORM_TOO_LARGE = "The form is too large.";

/**
 * Reads a posted form, counting bytes as they arrive: past MAX_FORM_BYTES
 * reading stops and the answer is 413, whatever Content-Length said.
 */
export async function readForm(request: Request): Promise<FormData> {
  const length = Number(request.headers.get("content-length") ?? "0");
  if (Number.isFinite(length) && length > MAX_FORM_BYTES) {
    throw new Response(FORM_TOO_LARGE, { status: 413 });
  }
  const bytes = await readBody(request, MAX_FORM_BYTES);
  try {
    return await new Response(bytes, { headers: { "Content-Type": request.headers.get("content-type") ?? "" } }).formData();
  } catch {
    throw new Response("The form could not be read.", { status: 400 });
  }
}

/** A request's body, at most `limit` bytes (413 past it; 400 when it cannot be read). */
async function readBody(request: Request, limit: number): Promise<Blob> {
  if (!request.body) return new Blob([]);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    let next: ReadableStreamReadResult<Uint8Array>;
    try {
      next = await reader.read();
    } catch {
      // The server stopped the body at its own limit (it answers 413), or the sender went away.
      throw new Response("The form could not be read.", { status: 400 });
    }
    if (next.done) break;
    size += next.value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      throw new Response(FORM_TOO_LARGE, { status: 413 });
    }
    chunks.push(next.value);
  }
  return new Blob(chunks as BlobPart[]);
}

/**
 * A 400 answer with the errors and what was typed; the page title will start
 * with "Error: ". `values` should leave out passwords.
 */
export function invalid<T extends { errors: FieldErrors }>(context: AppLoadContext | undefined, payload: T, status = 400) {
  if (context) (context as { formHasErrors?: boolean }).formHasErrors = true;
  return json(payload, { status });
}
