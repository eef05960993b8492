/**
 * Issue 20, item 2 (seen): a NUL byte in any slug or search query gave a 500,
 * because PostgreSQL refuses the byte in text. It is refused once, where
 * requests come in (app/server/bad-input.ts), for every address and every
 * url-encoded form, with a 400 that names the problem and no stack trace.
 */
import { PassThrough } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { nulRefusingStream, unreadableAddress, UnreadableInputError } from "~/server/bad-input";
import { send, startTestServer, type TestServer } from "../support/remix-app";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

const SEEN = [
  "/bodies/%00",
  "/meetings/a%00b",
  "/documents/%00",
  "/priorities/%00",
  "/inspections/%00",
  "/annual-reviews/%00",
  "/search?q=%00",
  "/questions?q=a%00",
  "/api/v1/meetings?body=%00",
  "/meetings/%E0%A4%A",
  "/search?q=%C3%28",
];

describe("an address no page can read", () => {
  it.each(SEEN)("%s answers 400, not a 500", async (path) => {
    const res = await send(server, path);
    const text = await res.text();
    expect(res.status).toBe(400);
    expect(text).toMatch(/cannot be read/);
    expect(text).not.toMatch(/at .*\.(ts|js):\d+/);
  });

  it("an ordinary address with an encoded percent sign or plus is still served", async () => {
    expect((await send(server, "/search?q=100%25+sure")).status).toBe(200);
    expect((await send(server, "/meetings")).status).toBe(200);
  });
});

describe("a form with a NUL byte", () => {
  it("is refused with 400 before any action reads it", async () => {
    const res = await send(server, "/forgot-password", { body: "email=a%00b%40example.org" });
    expect(res.status).toBe(400);
    expect(await res.text()).toMatch(/cannot be read/);
  });

  it("a form without one is answered by the page as before", async () => {
    const res = await send(server, "/forgot-password", { body: "email=someone%40example.org" });
    expect(res.status).toBeLessThan(400);
  });
});

describe("the pieces", () => {
  it("unreadableAddress", () => {
    expect(unreadableAddress("/a%00")).toBe(true);
    expect(unreadableAddress("/a%zz%")).toBe(true);
    expect(unreadableAddress("/a?q=%C3%A9")).toBe(false);
  });

  it("finds %00 split across chunks", async () => {
    const source = new PassThrough();
    const checker = nulRefusingStream();
    source.pipe(checker);
    const failed = new Promise((resolve) => checker.once("error", resolve));
    checker.resume();
    source.write("name=a%");
    source.write("00b");
    expect(await failed).toBeInstanceOf(UnreadableInputError);
    expect(checker.refused()).toBe(true);
  });
});
