/**
 * Cross-site request forgery and security headers, through the real Express app
 * (app/server/app.ts) over HTTP.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cookieFor, makeUser } from "../support/accounts";
import { fullPath, routeManifest, send, startTestServer, type TestServer } from "../support/remix-app";

let server: TestServer;
let adminCookie: string;
let addresses: string[];

beforeAll(async () => {
  server = await startTestServer();
  const admin = await makeUser("admin");
  adminCookie = await cookieFor(admin.id);
  const manifest = await routeManifest();
  // Every route of the app, with sample values for its parameters.
  addresses = manifest.map((r) =>
    fullPath(r, manifest)
      .replace(/:id\b/g, admin.id)
      .replace(/:[^/]+/g, "example-0000000000000000000000")
      .replace(/\*$/, "anything"),
  );
  expect(addresses).toContain("/sign-in");
  expect(addresses).toContain(`/admin/users/${admin.id}`);
});

afterAll(async () => {
  await server?.close();
});

const FOREIGN = [
  { name: "a foreign Origin", origin: "https://evil.example" },
  { name: "no Origin and no Referer", origin: null },
  { name: 'Origin "null" (a sandboxed frame)', origin: "null" },
  { name: "a look-alike host", origin: "PLACEHOLDER.evil.example" },
  { name: "a foreign Referer and no Origin", origin: null, referer: "https://evil.example/page" },
];

describe("cross-site request forgery", () => {
  it.each(FOREIGN)("refuses every non-GET request with $name (403), signed in or not", async ({ origin, referer }) => {
    const refused: string[] = [];
    for (const address of addresses) {
      for (const method of ["POST", "PUT", "PATCH", "DELETE"]) {
        for (const cookie of [null, adminCookie]) {
          const response = await send(server, address, {
            method,
            cookie,
            origin: origin === "PLACEHOLDER.evil.example" ? `http://${server.host}.evil.example` : origin,
            referer,
            form: { intent: "disable", email: "x@example.org", password: "whatever whatever" },
          });
          const body = await response.text();
          if (response.status !== 403 || !body.includes("did not come from this site")) {
            refused.push(`${method} ${address}${cookie ? " (signed in)" : ""}: ${response.status}`);
          }
        }
      }
    }
    expect(refused).toEqual([]);
  });

  it("lets the site's own forms through (Origin, or Referer when a browser sends no Origin)", async () => {
    const withOrigin = await send(server, "/forgot-password", { form: { email: "" } });
    expect(withOrigin.status).toBe(400);
    const withReferer = await send(server, "/forgot-password", {
      origin: null,
      referer: `${server.origin}/forgot-password`,
      form: { email: "" },
    });
    expect(withReferer.status).toBe(400);
  });

  it("changes nothing when it refuses", async () => {
    const victim = await makeUser("member");
    const response = await send(server, `/admin/users/${victim.id}`, {
      cookie: adminCookie,
      origin: "https://evil.example",
      form: { intent: "disable" },
    });
    expect(response.status).toBe(403);
    const { findUserById } = await import("~/models/people");
    const { db } = await import("~/db.server");
    expect((await findUserById(db(), victim.id))?.disabledAt).toBeNull();
  });
});

describe("security headers", () => {
  it("sends a CSP with a fresh nonce per request that every script carries, and no unsafe-inline", async () => {
    const nonces = new Set<string>();
    for (const address of ["/", "/sign-in", "/forgot-password"]) {
      const response = await send(server, address);
      const csp = response.headers.get("content-security-policy") ?? "";
      const html = await response.text();
      const nonce = csp.match(/script-src 'self' 'nonce-([A-Za-z0-9+/=]+)'/)?.[1];
      expect(nonce, csp).toBeTruthy();
      nonces.add(nonce!);
      expect(csp).not.toContain("unsafe-inline");
      expect(csp).not.toContain("unsafe-eval");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("object-src 'none'");
      expect(csp).toContain("base-uri 'self'");
      expect(csp).toContain("form-action 'self'");
      const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
      expect(scripts.length).toBeGreaterThan(0);
      for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
      expect(response.headers.get("x-content-type-options")).toBe("nosniff");
      expect(response.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
      expect(response.headers.get("x-frame-options")).toBe("DENY");
      expect(response.headers.get("x-powered-by")).toBeNull();
      // HSTS only in production (asserted in sessions.test.ts).
      expect(response.headers.get("strict-transport-security")).toBeNull();
    }
    expect(nonces.size).toBe(3);
  });

  it("compresses a page for a client that asks (the tests' own requests ask for none: support/remix-app.ts)", async () => {
    const asked = await send(server, "/meetings", { headers: { "accept-encoding": "gzip" } });
    expect(asked.headers.get("content-encoding")).toBe("gzip");
    expect(await asked.text()).toContain("<h1");
    const plain = await send(server, "/meetings");
    expect(plain.headers.get("content-encoding")).toBeNull();
    expect(await plain.text()).toContain("<h1");
  });

  it("sends the headers on refusals and errors too", async () => {
    const refused = await send(server, "/sign-in", { origin: "https://evil.example", form: {} });
    expect(refused.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    const missing = await send(server, "/no-such-page");
    expect(missing.status).toBe(404);
    expect(missing.headers.get("x-content-type-options")).toBe("nosniff");
  });
});
