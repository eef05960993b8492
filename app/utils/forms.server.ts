/**
 * Reading and checking posted forms, the same way everywhere:
 * - `readForm` never lets a malformed or oversized body become a 500;
 * - the field schemas and `parseForm` (app/utils/form-fields.ts, re-exported here);
 * - `invalid` answers 400 with the errors and what was typed, and marks the
 *   request so the page title starts with "Error: " (app/utils/meta.ts).
 */
import type { AppLoadContext } from "@remix-run/node";
import { json } from "@remix-run/node";
import type { FieldErrors } from "./form-fields";

export * from "./form-fields";

export const MAX_FORM_BYTES = 1_000_000;

export async function readForm(request: Request): Promise<FormData> {
  const length = Number(request.headers.get("content-length") ?? "0");
  if (Number.isFinite(length) && length > MAX_FORM_BYTES) {
    throw new Response("The form is too large.", { status: 413 });
  }
  try {
    return await request.formData();
  } catch {
    throw new Response("The form could not be read.", { status: 400 });
  }
}

/**
 * A 400 answer with the errors and what was typed; the page title will start
 * with "Error: ". `values` should leave out passwords.
 */
export function invalid<T extends { errors: FieldErrors }>(context: AppLoadContext | undefined, payload: T, status = 400) {
  if (context) (context as { formHasErrors?: boolean }).formHasErrors = true;
  return json(payload, { status });
}
