import http from "node:http";
import net from "node:net";
import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { MAX_FORM_BYTES, MAX_UPLOAD_BYTES } from "../utils/body-limits";
import { BodyTooLargeError, bodyLimitFor, discardRestBriefly, limitedBody } from "./body-limit";

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

describe("discardRestBriefly", () => {
  /**
   * A sender that keeps sending a chunked body and reads the answer only 300 ms later (a busy
   * process, in CI): its system's buffers take megabytes meanwhile. The connection was closed
   * as soon as `maxBytes` were discarded, with bytes unread, which resets it; the sender's next
   * write then failed (EPIPE) and its HTTP client dropped the 413 unread. Past `maxBytes` the
   * server now reads no more and keeps the connection until `maxMs`.
   */
  it.each([
    ["keep-alive", "a connection kept alive"],
    ["close", "a sender that asked to close the connection (Node closed it as soon as the answer was written)"],
  ])("reads no more past maxBytes, and keeps the connection until maxMs for a sender that reads late: Connection: %s", async (connection) => {
    let answered = 0;
    let closedAfter = -1;
    let bytesRead = 0;
    // As the server does: the body read through limitedBody until it fails, then the 413.
    const server = http.createServer(async (req, res) => {
      const body = limitedBody(req, 64 * 1024);
      await readAll(body.stream).catch(() => undefined);
      discardRestBriefly(req, res, 1024 * 1024, 1_000);
      res.once("finish", () => (answered = Date.now()));
      req.socket.once("close", () => {
        closedAfter = Date.now() - answered;
        bytesRead = req.socket.bytesRead;
      });
      res.writeHead(413, { "content-type": "text/plain" }).end("too large");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as net.AddressInfo;
    try {
      const answer = await new Promise<string>((resolve) => {
        const socket = net.connect(port, "127.0.0.1");
        let received = "";
        socket.pause();
        socket.on("data", (chunk: Buffer) => {
          received += chunk.toString("latin1");
          if (received.includes("too large")) resolve(received);
        });
        socket.on("error", () => resolve(received));
        socket.write(`POST / HTTP/1.1\r\nHost: x\r\nConnection: ${connection}\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n`);
        const chunk = Buffer.alloc(64 * 1024, "a").toString("latin1");
        for (let i = 0; i < 256; i++) socket.write(`${(64 * 1024).toString(16)}\r\n${chunk}\r\n`, "latin1");
        setTimeout(() => socket.resume(), 300);
      });
      expect(answer).toMatch(/^HTTP\/1\.1 413/);
      await new Promise((resolve) => setTimeout(resolve, 1_200));
      expect(closedAfter, "the connection closed by the timer, not at the byte limit").toBeGreaterThanOrEqual(900);
      expect(bytesRead, "what the server read of the 16 MB sent").toBeLessThan(3 * 1024 * 1024);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
