import { describe, expect, it } from "vitest";
import { isSiteHost, requestedHost } from "./site-host";

const site = { origin: "https://board.example.org", host: "board.example.org" };

describe("isSiteHost", () => {
  it("accepts the site's host, in any case, with or without the scheme's default port", () => {
    expect(isSiteHost("board.example.org", site)).toBe(true);
    expect(isSiteHost("Board.Example.ORG", site)).toBe(true);
    expect(isSiteHost("board.example.org:443", site)).toBe(true);
  });
  it("refuses any other host, port or something that is not a host", () => {
    for (const host of [
      undefined,
      "",
      "evil.example",
      "board.example.org:8443",
      "board.example.org.evil.example",
      "evil.example@board.example.org",
      "board.example.org/x",
      "localhost:3000",
      "127.0.0.1",
    ]) {
      expect(isSiteHost(host, site), String(host)).toBe(false);
    }
    expect(isSiteHost("localhost:3000", { origin: "http://localhost:3000", host: "localhost:3000" })).toBe(true);
  });
});

describe("requestedHost", () => {
  it("reads X-Forwarded-Host only from a trusted proxy", () => {
    const headers = { host: "10.0.0.5:3000", "x-forwarded-host": "board.example.org, proxy.internal" };
    expect(requestedHost(headers, true)).toBe("board.example.org");
    expect(requestedHost(headers, false)).toBe("10.0.0.5:3000");
    expect(requestedHost({ host: "board.example.org" }, true)).toBe("board.example.org");
  });
});
