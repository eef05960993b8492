import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { MAX_FORM_BYTES, MAX_UPLOAD_BYTES } from "../utils/body-limits";
import { BodyTooLargeError, bodyLimitFor, limitedBody } from "./body-limit";

async function readAll(stream: ReadableStream<Uint8Array>) {
  let size = 0;
  for await (const chunk of stream as unknown as AsyncIterable<Uint8Array>) size += chunk.byteLength;
  return size;
}

describe("limitedBody", () => {
  it("passes a body within the limit through whole", async () => {
    const source = new PassThrough();
    const body = limitedBody(source, 10);
    source.end(Buffer.from("0123456789"));
    expect(await readAll(body.stream)).toBe(10);
    expect(body.exceeded()).toBe(false);
    expect(body.complete()).toBe(true);
  });

  it("fails past the limit and stops reading the source", async () => {
    const source = new PassThrough();
    const body = limitedBody(source, 10);
    source.write(Buffer.from("0123456"));
    source.write(Buffer.from("789abc"));
    await expect(readAll(body.stream)).rejects.toBeInstanceOf(BodyTooLargeError);
    expect(body.exceeded()).toBe(true);
    expect(body.complete()).toBe(false);
    // Nothing reads the source any more: what is written next stays unread.
    source.write(Buffer.alloc(1024));
    await new Promise((r) => setTimeout(r, 10));
    expect(source.readableFlowing).toBe(false);
  });
});

describe("bodyLimitFor", () => {
  it("gives multipart bodies the upload limit and everything else the form limit", () => {
    expect(bodyLimitFor("multipart/form-data; boundary=x")).toBe(MAX_UPLOAD_BYTES);
    expect(bodyLimitFor("application/x-www-form-urlencoded")).toBe(MAX_FORM_BYTES);
    expect(bodyLimitFor(undefined)).toBe(MAX_FORM_BYTES);
    expect(bodyLimitFor("text/plain; multipart/form-data")).toBe(MAX_FORM_BYTES);
  });
});
