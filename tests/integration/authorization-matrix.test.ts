/// <reference types="vite/client" />
/**
 * Who gets what, for every route of the app and every method.
 *
 * The routes come from Remix's own route manifest (app/routes, flat-routes
 * convention, as the compiler reads it), so a new route without a line in
 * ROUTES below fails this test, with the line to add. Each request goes through
 * the real Express app (app/server/app.ts) with a fresh session of each role.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROLE_PERMISSIONS } from "~/auth/permissions";
import { cookieFor, makeUser } from "../support/accounts";
import {
  fullPath,
  routeManifest,
  send,
  startTestServer,
  type ManifestRoute,
  type TestServer,
} from "../support/remix-app";
import type { Role } from "../../db/schema";

import {
  everyone,
  METHODS,
  onlyFor,
  publicPage,
  ROLES,
  SAMPLE_TOKEN,
  SAMPLE_UUID,
  SIGNED_IN,
  WHO,
  type Answer,
  type Answers,
  type Entry,
  type Fixtures,
  type Who,
} from "../support/authorization";

/**
 * One line per route. A public read-only page is `publicPage()`, or
 * `publicPage({ path: "/meetings/example", GET: "readable" })` when its path has
 * a parameter.
 */
const CORE_ROUTES: Record<string, Entry> = {
  // Public reading pages.
  "routes/_index": publicPage(),
  "routes/$": publicPage({ path: "/no-such-page", GET: 404 }),
  "routes/about": publicPage(),
  "routes/accessibility": publicPage(),
  "routes/meetings._index": publicPage(),
  "routes/meetings.calendar": publicPage(),
  "routes/decisions._index": publicPage(),
  "routes/decisions[.]csv": publicPage(),
  "routes/decisions.$id": publicPage({ path: `/decisions/${SAMPLE_UUID}`, GET: 404 }),
  "routes/api.v1.bulk[.]zip": publicPage(),
  "routes/meetings.$slug": publicPage({ path: "/meetings/no-such-meeting", GET: "readable" }),
  "routes/meetings.$slug_.pack": publicPage({ path: "/meetings/no-such-meeting/pack", GET: "readable" }),
  "routes/meetings.$slug_.agenda-pack[.]pdf": publicPage({ path: "/meetings/no-such-meeting/agenda-pack.pdf", GET: "readable" }),
  "routes/meetings.$slug_.minutes[.]pdf": publicPage({ path: "/meetings/no-such-meeting/minutes.pdf", GET: "readable" }),
  "routes/agenda-items.$id": publicPage({ path: `/agenda-items/${SAMPLE_UUID}`, GET: "readable" }),
  "routes/bodies._index": publicPage(),
  "routes/bodies.$slug": publicPage({ path: "/bodies/no-such-body", GET: "readable" }),
  "routes/people._index": publicPage(),
  "routes/people.$slug": publicPage({ path: "/people/no-such-person", GET: "readable" }),
  "routes/documents._index": publicPage(),
  "routes/documents.$slug": publicPage({ path: "/documents/no-such-document", GET: "readable" }),
  "routes/priorities._index": publicPage(),
  "routes/priorities.$slug": publicPage({ path: "/priorities/no-such-priority", GET: "readable" }),
  "routes/inspections._index": publicPage(),
  "routes/inspections.$slug": publicPage({ path: "/inspections/no-such-inspection", GET: "readable" }),
  "routes/questions._index": publicPage(),
  "routes/questions.$id": publicPage({ path: `/questions/${SAMPLE_UUID}`, GET: "readable" }),

  // Signing in and out: anyone (the credentials, or the link's token, are the guard).
  "routes/sign-in": {
    GET: everyone(200),
    // Empty form from the public: the "your session has ended" prompt; signed in: "already signed in".
    POST: { public: 200, member: 409, officer: 409, clerk: 409, admin: 409 },
  },
  "routes/sign-out": { GET: everyone(405), POST: everyone(303) },
  "routes/forgot-password": { GET: everyone(200), POST: everyone(400) },
  "routes/reset-password.$token": { path: `/reset-password/${SAMPLE_TOKEN}`, GET: everyone(404), POST: everyone(404) },
  "routes/invite.$token": { path: `/invite/${SAMPLE_TOKEN}`, GET: everyone(404), POST: everyone(404) },

  // One's own account.
  "routes/account._index": onlyFor(SIGNED_IN, { GET: 200, POST: 400 }),

  // Administration.
  "routes/admin._index": onlyFor(["admin"], { GET: 200, POST: 405 }),
  "routes/admin.users._index": onlyFor(["admin"], { GET: 200, POST: 405 }),
  "routes/admin.users.new": onlyFor(["admin"], { GET: 200, POST: 400 }),
  "routes/admin.users.$id": onlyFor(["admin"], {
    path: (f) => `/admin/users/${f.users.member.id}`,
    GET: 200,
    POST: 400,
  }),
  "routes/admin.outbox": onlyFor(["admin"], { GET: 200, POST: 405 }),
  "routes/admin.audit": onlyFor(["admin"], { GET: 200, POST: 405 }),
};

/** Each area's routes, from tests/integration/authorization/*.ts (one file per area, so areas never edit the same lines). */
const AREA_ROUTES = Object.values(
  import.meta.glob<{ default: Record<string, Entry> }>("./authorization/*.ts", { eager: true }),
).map((m) => m.default);
const ROUTES: Record<string, Entry> = Object.assign({}, CORE_ROUTES, ...AREA_ROUTES);

function suggestion(route: ManifestRoute, path: string): string {
  const hasParams = /[:*]/.test(path);
  const sample = path.replace(/:[^/]+/g, "example").replace(/\*$/, "example");
  return [
    `The route "${route.id}" (app/${route.file}, ${path}) has no line in the authorization table.`,
    "Add one to your area's file, tests/integration/authorization/<area>.ts (or CORE_ROUTES in tests/integration/authorization-matrix.test.ts). For a public read-only page:",
    hasParams
      ? `  "${route.id}": publicPage({ path: "${sample}", GET: "readable" }),`
      : `  "${route.id}": publicPage(),`,
    "For a page only some roles may use (others get 403, the public is sent to sign in):",
    `  "${route.id}": onlyFor(["clerk", "admin"], { GET: 200, POST: 400${hasParams ? `, path: "${sample}"` : ""} }),`,
  ].join("\n");
}

let server: TestServer;
let fixtures: Fixtures;
let manifest: ManifestRoute[];

beforeAll(async () => {
  manifest = await routeManifest();
  server = await startTestServer();
  const users = {} as Fixtures["users"];
  for (const role of ROLES) {
    const user = await makeUser(role, { email: `matrix-${role}@example.org`, name: `Matrix ${role}` });
    users[role] = { id: user.id, email: user.email };
  }
  fixtures = { users };
});

afterAll(async () => {
  await server?.close();
});

describe("the authorization table", () => {
  it("has a line for every route of the app", () => {
    const missing = manifest.filter((r) => !(r.id in ROUTES));
    expect(missing.map((r) => suggestion(r, fullPath(r, manifest))).join("\n\n")).toBe("");
  });

  it("has no line for a route that no longer exists", () => {
    const ids = new Set(manifest.map((r) => r.id));
    const stale = Object.keys(ROUTES).filter((id) => !ids.has(id));
    expect(stale, "Remove these lines from ROUTES: the routes are gone").toEqual([]);
  });

  it("gives every role a permission list (the public none)", () => {
    expect(ROLE_PERMISSIONS.public).toEqual([]);
    for (const role of ROLES) expect(ROLE_PERMISSIONS[role].length).toBeGreaterThan(0);
    expect(ROLE_PERMISSIONS.admin).toContain("manage:user:any");
    expect(ROLE_PERMISSIONS.clerk).not.toContain("manage:user:any");
  });
});

/** Routes checked at once: each request waits on the database far more than on this process. */
const ROUTES_AT_ONCE = 4;

describe("every route, role and method", () => {
  it("answers as the table says, and a refusal shows nothing it should not", async () => {
    const failures: string[] = [];
    // A GET changes no session, so each role reads with one; a POST (sign-out ends its session) gets a fresh one.
    const readCookies = new Map<Who, string | null>();
    for (const who of WHO) readCookies.set(who, who === "public" ? null : await cookieFor(fixtures.users[who].id));

    async function checkRoute(route: ManifestRoute) {
      const entry = ROUTES[route.id];
      if (!entry) return; // reported by the test above
      const routePath = fullPath(route, manifest);
      const address =
        typeof entry.path === "function" ? entry.path(fixtures) : (entry.path ?? routePath);
      if (/[:*]/.test(address)) {
        failures.push(`${route.id}: its path ${routePath} has parameters: give the table line a sample path`);
        return;
      }
      for (const method of METHODS) {
        for (const who of WHO) {
          const expected = (method === "GET" ? entry.GET : entry.POST)[who];
          const cookie =
            who === "public" ? null : method === "GET" ? readCookies.get(who)! : await cookieFor(fixtures.users[who].id);
          const response = await send(server, address, { method, cookie, form: method === "GET" ? undefined : {} });
          const body = await response.text();
          const label = `${method} ${address} as ${who}`;
          const location = response.headers.get("location");
          if (expected === "sign-in") {
            const wanted = `/sign-in?redirectTo=${encodeURIComponent(address)}`;
            const status = method === "GET" ? 302 : 307;
            if (response.status !== status || location !== wanted) {
              failures.push(`${label}: expected ${status} to ${wanted}, got ${response.status} ${location ?? ""}`);
            }
          } else if (expected === "readable") {
            if (response.status !== 200 && response.status !== 404) {
              failures.push(`${label}: expected 200 or 404, got ${response.status}`);
            }
          } else if (response.status !== expected) {
            failures.push(`${label}: expected ${expected}, got ${response.status} ${location ?? ""}`);
          }
          if (response.status === 403 && method === "GET") {
            // A refusal is the 403 page, and leaks nothing about the accounts.
            if (!body.includes("You cannot see this page")) failures.push(`${label}: 403 without the 403 page`);
            for (const u of Object.values(fixtures.users)) {
              if (body.includes(u.email) && u.email !== fixtures.users[who as Role]?.email) {
                failures.push(`${label}: the 403 page shows ${u.email}`);
              }
            }
          }
        }
      }
    }

    // Each route's requests in order (GET as every role, then POST), ROUTES_AT_ONCE routes side by side.
    const queue = [...manifest];
    await Promise.all(
      Array.from({ length: ROUTES_AT_ONCE }, async () => {
        for (let route = queue.shift(); route; route = queue.shift()) await checkRoute(route);
      }),
    );
    expect(failures).toEqual([]);
  }, 180_000);
});

describe("what the header offers", () => {
  it("shows Admin only to administrators, and Sign in only to the public", async () => {
    const pages: Record<Who, string> = {} as Record<Who, string>;
    for (const who of WHO) {
      const cookie = who === "public" ? null : await cookieFor(fixtures.users[who].id);
      pages[who] = await (await send(server, "/", { cookie })).text();
    }
    expect(pages.public).toContain('href="/sign-in"');
    expect(pages.public).not.toContain('action="/sign-out"');
    expect(pages.admin).toContain('href="/admin"');
    for (const role of ["member", "officer", "clerk"] as const) {
      expect(pages[role]).not.toContain('href="/admin"');
      expect(pages[role]).toContain('action="/sign-out"');
      expect(pages[role]).toContain(`Matrix ${role}`);
    }
  });
});
