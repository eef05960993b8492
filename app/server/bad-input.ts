/**
 * An address no page can read is refused once, where requests come in (issue 20,
 * item 2): percent-encoding that is not UTF-8, or a NUL byte. PostgreSQL refuses
 * the NUL byte in text, so without this every slug and search would have to
 * refuse it on its own, and one that forgot gave a 500. Forms are not refused
 * here: each form already answers a NUL byte with a message beside its field,
 * keeping what was typed.
 */
/** What the server answers such a request. */
export const UNREADABLE_INPUT = "Bad request: the address could not be read (it holds a NUL byte, or bytes that are not UTF-8).";

/** True for an address (path and query) that no page can read. */
export function unreadableAddress(originalUrl: string): boolean {
  if (originalUrl.includes("\0")) return true;
  let decoded: string;
  try {
    decoded = decodeURIComponent(originalUrl.replace(/\+/g, " "));
  } catch {
    return true;
  }
  return decoded.includes("\0");
}
