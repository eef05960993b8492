/** What every clerk action shares: the actor, reading plain or multipart forms, and turning refusals into page errors. */
import type { AppLoadContext } from "@remix-run/node";
import { unstable_parseMultipartFormData, type UploadHandler } from "@remix-run/node";
import type { SignedInViewer } from "../auth/permissions.server";
import { MAX_FORM_PARTS } from "../utils/body-limits";
import { FORM_TOO_LARGE, invalid, MAX_FORM_BYTES, readForm, type FieldErrors } from "../utils/forms.server";
import { ClerkError, ConflictError, type Actor } from "../utils/clerk-errors.server";
import { MAX_FILE_BYTES } from "../models/meetings";

export function actorOf(viewer: SignedInViewer, context: AppLoadContext | undefined): Actor {
  return { userId: viewer.userId, ipAddress: (context as { clientIp?: string | null } | undefined)?.clientIp ?? null };
}

class FormTooLarge extends Error {}

/**
 * Reads a form; a multipart form (file uploads) is read in memory, each file at
 * most 20 MB. A file over the limit is dropped (`tooLarge`) and the text fields
 * are kept, so the page can show what was typed; a body far over the limit is
 * not read at all. The text fields together may send at most 1 MB, and the form
 * at most MAX_FORM_PARTS fields and files: past either, reading stops (413).
 * (The server stops any multipart body at 20 MB and the fields: app/server/body-limit.ts.)
 */
export async function readClerkForm(request: Request): Promise<{ form: FormData; tooLarge: boolean }> {
  const type = request.headers.get("content-type") ?? "";
  if (!type.startsWith("multipart/form-data")) return { form: await readForm(request), tooLarge: false };
  const length = Number(request.headers.get("content-length") ?? "0");
  if (Number.isFinite(length) && length > MAX_FILE_BYTES + MAX_FORM_BYTES) {
    // Not read at all: the body is far over the limit.
    return { form: new FormData(), tooLarge: true };
  }
  let tooLarge = false;
  let parts = 0;
  let textBytes = 0;
  const handler: UploadHandler = async ({ filename, contentType, data }) => {
    parts += 1;
    if (parts > MAX_FORM_PARTS) throw new FormTooLarge();
    const chunks: Uint8Array[] = [];
    if (filename === undefined) {
      for await (const chunk of data) {
        textBytes += chunk.byteLength;
        if (textBytes > MAX_FORM_BYTES) throw new FormTooLarge();
        chunks.push(chunk);
      }
      return new TextDecoder().decode(Buffer.concat(chunks));
    }
    let size = 0;
    for await (const chunk of data) {
      size += chunk.byteLength;
      if (size <= MAX_FILE_BYTES) chunks.push(chunk);
    }
    if (size > MAX_FILE_BYTES) {
      tooLarge = true;
      return undefined;
    }
    return new File(chunks as BlobPart[], filename, { type: contentType });
  };
  try {
    const form = await unstable_parseMultipartFormData(request, handler);
    return { form, tooLarge };
  } catch (error) {
    if (error instanceof FormTooLarge) throw new Response(FORM_TOO_LARGE, { status: 413 });
    throw new Response("The form could not be read.", { status: 400 });
  }
}

/** The uploaded file of a field, as bytes; null when none was chosen. */
export async function uploadedFile(form: FormData, name: string): Promise<{ name: string; bytes: Uint8Array } | null> {
  const value = form.get(name);
  if (!value || typeof value === "string") return null;
  const file = value as File;
  if (file.size === 0 && !file.name) return null;
  return { name: file.name || "document", bytes: new Uint8Array(await file.arrayBuffer()) };
}

export type ClerkActionData = {
  intent?: string;
  errors: FieldErrors;
  values: Record<string, string>;
  conflict?: { current: Record<string, unknown>; currentVersion: number };
  preview?: Record<string, string>;
};

/** Runs a write; a refusal becomes a 400 (or 409 for a stale save) with what was typed kept. */
export async function runClerkWrite<T>(
  context: AppLoadContext | undefined,
  intent: string,
  values: Record<string, string>,
  write: () => Promise<T>,
): Promise<{ ok: true; value: T } | { ok: false; response: Response }> {
  try {
    return { ok: true, value: await write() };
  } catch (error) {
    if (error instanceof ClerkError) {
      return { ok: false, response: invalid(context, { intent, errors: { [error.field]: error.message }, values }) };
    }
    if (error instanceof ConflictError) {
      return {
        ok: false,
        response: invalid(
          context,
          { intent, errors: { form: error.message }, values, conflict: { current: error.current, currentVersion: error.currentVersion } },
          409,
        ),
      };
    }
    throw error;
  }
}
