/**
 * Issue 20, item 2 (seen): a NUL byte in any slug or search query gave a 500,
 * because PostgreSQL refuses the byte in text. It is refused once, where
 * requests come in (app/server/bad-input.ts), for every address and every
 * slug and search, with a 400 that names the problem and no stack trace (forms
 * answer a NUL byte beside the field themselves).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { unreadableAddress } from "~/server/bad-input";
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
    expect(text).toMatch(/could not be read/);
    expect(text).not.toMatch(/at .*\.(ts|js):\d+/);
  });

  it("an ordinary address with an encoded percent sign or plus is still served", async () => {
    expect((await send(server, "/search?q=100%25+sure")).status).toBe(200);
    expect((await send(server, "/meetings")).status).toBe(200);
  });
});

describe("a form with a NUL byte", () => {
  it("is answered by the form, beside the field, not refused at the door", async () => {
    const res = await send(server, "/forgot-password", { body: "email=a%00b%40example.org" });
    expect(res.status).toBe(400);
    expect(await res.text()).toMatch(/could not be read/);
  });
});

describe("the pieces", () => {
  it("unreadableAddress", () => {
    expect(unreadableAddress("/a%00")).toBe(true);
    expect(unreadableAddress("/a%zz%")).toBe(true);
    expect(unreadableAddress("/a?q=%C3%A9")).toBe(false);
  });
});
