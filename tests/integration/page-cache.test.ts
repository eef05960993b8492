/**
 * The public page cache through the real app: anonymous readers get cached pages
 * with an ETag (and 304s) under a hash-based CSP; signed-in people never do; a
 * committed change drops, through NOTIFY, the pages it touches and no others;
 * and API answers from the cache still count against the rate limit.
 */
import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { setApiRateLimitForTests } from "~/models/publishing";
import { recordAudit } from "~/models/records";
import { subscribeToChanges } from "~/server/changes.server";
import { PageCache, parseChange } from "~/server/page-cache";
import { siteUrl } from "~/utils/site-url.server";
import { meetings } from "../../db/schema";
import { cookieFor, makeUser } from "../support/accounts";
import { makeBody, makeMeeting } from "../support/factories";
import { send, startTestServer, type TestServer } from "../support/remix-app";

let server: TestServer;
let cache: PageCache;
let stopListening: () => Promise<void>;
let meetingId: string;
let meetingSlug: string;
let otherSlug: string;
let bodySlug: string;
let otherBodySlug: string;

beforeAll(async () => {
  const body = await makeBody();
  const meeting = await makeMeeting(body.id, { title: "Budget scrutiny" });
  meetingId = meeting.id;
  meetingSlug = meeting.slug;
  bodySlug = body.slug;
  const otherBody = await makeBody();
  otherBodySlug = otherBody.slug;
  otherSlug = (await makeMeeting(otherBody.id, { title: "Annual general meeting" })).slug;
  cache = new PageCache();
  stopListening = await subscribeToChanges((payload) => cache.invalidate(parseChange(payload)));
  server = await startTestServer({ pageCache: cache });
});

afterEach(() => setApiRateLimitForTests(null));

afterAll(async () => {
  await server?.close();
  await stopListening?.();
});

async function until(check: () => boolean, ms = 5_000) {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error("timed out waiting for the change notification");
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe("public page cache", () => {
  it("serves the second anonymous request from the cache, with an ETag and a 304 when unchanged", async () => {
    const first = await send(server, `/meetings/${meetingSlug}`);
    expect(first.status).toBe(200);
    expect(first.headers.get("x-cache")).toBe("miss");
    expect(await first.text()).toContain("Budget scrutiny");
    const second = await send(server, `/meetings/${meetingSlug}`);
    expect(second.headers.get("x-cache")).toBe("hit");
    const etag = second.headers.get("etag")!;
    expect(etag).toBe(first.headers.get("etag"));
    const again = await send(server, `/meetings/${meetingSlug}`, { headers: { "if-none-match": etag } });
    expect(again.status).toBe(304);
  });

  it("allows a cached page's inline scripts by hash, not by a nonce another reader was given", async () => {
    const res = await send(server, `/meetings/${meetingSlug}`);
    const csp = res.headers.get("content-security-policy")!;
    expect(csp).toMatch(/script-src 'self' 'sha256-[A-Za-z0-9+/=]+'/);
    expect(csp).not.toContain("nonce-");
    expect(csp).toContain("frame-ancestors 'none'");
  });

  it("never serves or stores pages for someone signed in", async () => {
    const clerk = await makeUser("clerk");
    const res = await send(server, `/meetings/${meetingSlug}`, { cookie: await cookieFor(clerk.id) });
    expect(res.status).toBe(200);
    expect(res.headers.get("x-cache")).toBeNull();
    expect(res.headers.get("content-security-policy")).toContain("nonce-");
  });

  it("drops a changed meeting's page and the lists when the change is committed, and keeps an unrelated meeting's page", async () => {
    // Pages are kept under the site's address (SITE_URL, else http://localhost:PORT), whatever Host a request named.
    const cached = (path: string) => cache.get(`${siteUrl()}${path}`) !== undefined;
    const pages = [`/meetings/${meetingSlug}`, `/meetings/${otherSlug}`, "/meetings", `/bodies/${bodySlug}`, `/bodies/${otherBodySlug}`];
    for (const path of pages) {
      await send(server, path);
      expect(cached(path)).toBe(true);
    }
    await db().transaction(async (tx) => {
      await tx.update(meetings).set({ title: "Budget scrutiny (rearranged)" }).where(eq(meetings.id, meetingId));
      await recordAudit(tx, { userId: null, action: "update", entityType: "meeting", entityId: meetingId });
    });
    await until(() => !cached(`/meetings/${meetingSlug}`));
    expect(cached("/meetings")).toBe(false);
    // Its body's page lists it by a link to its slug, which the notification carries.
    expect(cached(`/bodies/${bodySlug}`)).toBe(false);
    expect(cached(`/bodies/${otherBodySlug}`)).toBe(true);
    const res = await send(server, `/meetings/${meetingSlug}`);
    expect(res.headers.get("x-cache")).toBe("miss");
    expect(await res.text()).toContain("Budget scrutiny (rearranged)");
    const other = await send(server, `/meetings/${otherSlug}`);
    expect(other.headers.get("x-cache")).toBe("hit");
    expect(await other.text()).toContain("Annual general meeting");
  });

  it("drops everything for a change it cannot map to records", async () => {
    await send(server, `/meetings/${otherSlug}`);
    expect(cache.size).toBeGreaterThan(0);
    await db().transaction(async (tx) => {
      await recordAudit(tx, { userId: null, action: "update", entityType: "setting", entityId: "site_name" });
    });
    await until(() => cache.size === 0);
  });

  it("counts API answers served from the cache against the rate limit", async () => {
    setApiRateLimitForTests(3);
    const answers = [];
    for (let i = 0; i < 4; i++) answers.push(await send(server, "/api/v1/meetings"));
    expect(answers.map((r) => r.status)).toEqual([200, 200, 200, 429]);
    expect(answers.map((r) => r.headers.get("x-cache"))).toEqual(["miss", "hit", "hit", null]);
    expect(answers.map((r) => r.headers.get("x-ratelimit-remaining"))).toEqual(["2", "1", "0", "0"]);
    expect(answers[3].headers.get("retry-after")).toMatch(/^\d+$/);
  });

  it("does not cache a page that is not there", async () => {
    const res = await send(server, "/meetings/no-such-meeting");
    expect(res.status).toBe(404);
    expect(res.headers.get("x-cache")).toBeNull();
  });
});
