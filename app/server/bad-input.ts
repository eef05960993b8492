/**
 * Input no page can use is refused once, where requests come in (issue 20,
 * item 2): an address whose percent-encoding is not UTF-8 or that carries a NUL
 * byte, and a form body (application/x-www-form-urlencoded) with a NUL byte.
 * PostgreSQL refuses the NUL byte in text, so without this every slug, search
 * and form field would have to refuse it on its own, and one that forgot gave a 500.
 */
import { Transform } from "node:stream";

/** What the server answers such a request. */
export const UNREADABLE_INPUT = "Bad request: the address or form holds characters that cannot be read (such as a NUL byte).";

export class UnreadableInputError extends Error {
  constructor() {
    super("The request holds a NUL byte or bytes that are not UTF-8.");
  }
}

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

/** True for a body whose NUL bytes must be looked for as it is read. */
export function isFormBody(contentType: string | undefined): boolean {
  return /^\s*application\/x-www-form-urlencoded/i.test(contentType ?? "");
}

/**
 * A pass-through that fails with UnreadableInputError at a NUL byte, raw or
 * percent-encoded (`%00`, also when split across chunks).
 */
export function nulRefusingStream(): Transform & { refused: () => boolean } {
  let tail = "";
  let refused = false;
  const stream = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      const text = tail + chunk.toString("latin1");
      if (text.includes("\0") || /%00/i.test(text)) {
        refused = true;
        callback(new UnreadableInputError());
        return;
      }
      tail = text.slice(-2);
      callback(null, chunk);
    },
  });
  return Object.assign(stream, { refused: () => refused });
}
