/**
 * Request bodies are counted as they are read: past the limit the stream
 * fails and the server answers 413 without reading the rest (Content-Length
 * alone is no limit: a chunked body has none). Multipart bodies (file uploads)
 * may be larger than plain forms.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { Readable, Transform } from "node:stream";
import { MAX_FORM_BYTES, MAX_UPLOAD_BYTES } from "../utils/body-limits";

/** What the server answers when a body goes past its limit. */
export const TOO_LARGE = "Request too large: a form may send at most 1 MB, an upload at most 20 MB.";

export class BodyTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`The request body is larger than ${limit} bytes.`);
  }
}

/** The most a request with this Content-Type may send. */
export function bodyLimitFor(contentType: string | undefined): number {
  return /^\s*multipart\/form-data/i.test(contentType ?? "") ? MAX_UPLOAD_BYTES : MAX_FORM_BYTES;
}

export interface LimitedBody {
  /** The body for the Fetch API Request; it fails with BodyTooLargeError past the limit. */
  stream: ReadableStream<Uint8Array>;
  /** True once more than the limit arrived (and reading stopped). */
  exceeded: () => boolean;
  /** True once the whole body was read. */
  complete: () => boolean;
}

/** The body of `source`, read only as it is asked for, and never past `limit` bytes. */
export function limitedBody(source: Readable, limit: number): LimitedBody {
  let received = 0;
  let exceeded = false;
  let complete = false;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      received += chunk.length;
      if (received > limit) {
        exceeded = true;
        callback(new BodyTooLargeError(limit));
        return;
      }
      callback(null, chunk);
    },
  });
  source.once("end", () => {
    complete = true;
  });
  // A failed or abandoned body stops reading the socket (pipe unpipes and pauses it).
  counter.once("error", () => source.unpipe(counter));
  counter.once("close", () => source.unpipe(counter));
  source.once("error", (error) => counter.destroy(error));
  source.pipe(counter);
  return {
    stream: Readable.toWeb(counter) as ReadableStream<Uint8Array>,
    exceeded: () => exceeded,
    complete: () => complete,
  };
}

/**
 * After answering a request whose body was not read to its end (413, or a page
 * that needed none of it): the sender may still be sending, and a connection closed
 * with bytes unread is reset, which makes the sender's system throw away the answer
 * if the sender has not read it yet. So the connection lingers: what still comes is
 * discarded, unkept, up to `maxBytes`; past that nothing more is read (the sender's
 * writes wait, and it reads the answer), and the connection closes after `maxMs`, or
 * once the body has all come. A sender's own buffers can hold more than `maxBytes`
 * on their own, so the bytes alone must not end the wait.
 *
 * Call it before the answer is written: Node closes a connection whose sender asked
 * for that (`Connection: close`, as most HTTP clients but browsers send) as soon as
 * the answer is written, through `socket.destroySoon`; here that only ends this side.
 */
export function discardRestBriefly(req: IncomingMessage, res: ServerResponse, maxBytes = 4 * 1024 * 1024, maxMs = 2_000) {
  const socket = req.socket;
  const closeWhenWritten = () => (socket.writableFinished ? socket.destroy() : socket.once("finish", () => socket.destroy()));
  socket.destroySoon = () => {
    if (!socket.writableEnded) socket.end();
    if (req.complete) closeWhenWritten();
  };
  res.once("finish", () => {
    if (req.complete) return;
    req.unpipe();
    let discarded = 0;
    const timer = setTimeout(() => socket.destroy(), maxMs);
    timer.unref();
    socket.once("close", () => clearTimeout(timer));
    req.on("data", (chunk: Buffer) => {
      discarded += chunk.length;
      if (discarded > maxBytes) req.pause();
    });
    req.once("end", () => {
      clearTimeout(timer);
      if (socket.writableEnded) closeWhenWritten();
    });
    req.resume();
  });
}
