/**
 * Nothing typed is lost when a session has ended.
 *
 * A form posted without a live session is answered by `requireUser` with a 307
 * redirect to /sign-in?redirectTo=<the form's address>. A 307 makes the browser
 * (and Remix's client router) post the same body again, to the sign-in page,
 * which keeps the fields (`preservedFields`) in one hidden input while the person
 * signs in, then offers a button that posts them, unchanged, to the original form's
 * address with the new session. Any form in the portal gets this by starting its
 * action with `requireUser` or `requirePermission`: nothing else to do.
 *
 * Passwords are never kept (a field whose name contains "password"), nor files.
 */
export const PRESERVED_INPUT = "_preserved";
/** Marks a post as the sign-in form itself, not a form being preserved. */
export const SIGN_IN_MARKER = "_signIn";

export type PreservedFields = [name: string, value: string][];

const MAX_FIELDS = 200;
const MAX_CHARS = 200_000;

function keep(name: string, value: FormDataEntryValue): value is string {
  return typeof value === "string" && !/password/i.test(name) && name !== PRESERVED_INPUT && name !== SIGN_IN_MARKER;
}

export function preservedFields(form: FormData): PreservedFields {
  const out: PreservedFields = [];
  let chars = 0;
  for (const [name, value] of form.entries()) {
    if (!keep(name, value)) continue;
    chars += name.length + value.length;
    if (out.length >= MAX_FIELDS || chars > MAX_CHARS) break;
    out.push([name, value]);
  }
  return out;
}

export function encodePreserved(fields: PreservedFields): string {
  return JSON.stringify(fields);
}

/** The kept fields from the hidden input; anything malformed is dropped, never a crash. */
export function decodePreserved(raw: unknown): PreservedFields {
  if (typeof raw !== "string" || raw.length === 0 || raw.length > MAX_CHARS * 2) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return [];
  }
  if (!Array.isArray(parsed)) return [];
  const out: PreservedFields = [];
  for (const entry of parsed.slice(0, MAX_FIELDS)) {
    if (
      Array.isArray(entry) &&
      entry.length === 2 &&
      typeof entry[0] === "string" &&
      typeof entry[1] === "string" &&
      keep(entry[0], entry[1])
    ) {
      out.push([entry[0], entry[1]]);
    }
  }
  return out;
}
