/**
 * The server layer's answers to hostile HTTP (issue #22, items 1, 4, 5, 7 (Origin: null),
 * 11 and 12), over raw HTTP with Host, Origin, Cookie and chunked bodies set by hand,
 * against the built portal started as `npm start` starts it (production mode):
 * - `local`: no SITE_URL, the embedded database: the site is http://localhost:PORT;
 * - `site`: SITE_URL=https://portal.test on PostgreSQL (a database of its own), so a
 *   query can be made to fail for the no-leak check. Skipped, saying so, when no
 *   PostgreSQL answers at E2E_PG_ADMIN_URL (default postgres://postgres@127.0.0.1:5432/postgres).
 */
import { execFile } from "node:child_process";
import crypto from "node:crypto";
import http from "node:http";
import { promisify } from "node:util";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_ACCOUNTS } from "./support/accounts";
import { repoRoot, startPortal, type PortalServer } from "./support/server";
import { startSmtpCatcher, type SmtpCatcher } from "./support/smtp";

const run = promisify(execFile);
const PG_ADMIN_URL = process.env.E2E_PG_ADMIN_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const SITE = "https://portal.test";
const SITE_PASSWORD = "correct horse battery staple tinsel";

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
  /** Bytes of the request body written before the answer came. */
  sent: number;
}

interface RawRequest {
  method?: string;
  path: string;
  headers?: Record<string, string>;
  /** A body sent whole, with Content-Length. */
  body?: string | Buffer;
  /** A body sent chunked (no Content-Length): this many bytes in 64 KB chunks, as fast as the server reads. */
  chunkedBytes?: number;
  /** The bytes of a chunked body (repeated up to chunkedBytes); zeros by default. */
  chunk?: Buffer;
}

/**
 * One request over a fresh connection (kept alive, as browsers do, and closed once
 * answered), exactly as given (Host included); redirects not followed.
 *
 * A chunked body is sent as fast as the server reads it. The server answers 413 at the
 * limit, discards what still comes up to 4 MB, then reads no more and closes 2 s later
 * (app/server/body-limit.ts, whose test covers a sender that reads late). Before it did
 * so, a loaded machine's process could miss the answer: its next write failed (EPIPE, or
 * ECONNRESET) and Node dropped the answer with the socket. Such a request is still sent
 * once more; a second failure fails the test.
 */
async function raw(base: string, request: RawRequest): Promise<Answer> {
  try {
    return await rawOnce(base, request);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (!request.chunkedBytes || (code !== "EPIPE" && code !== "ECONNRESET")) throw error;
    return rawOnce(base, request);
  }
}

function rawOnce(base: string, request: RawRequest): Promise<Answer> {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    let sent = 0;
    let stopped = false;
    const req = http.request({
      host: url.hostname,
      port: url.port,
      method: request.method ?? (request.body !== undefined || request.chunkedBytes ? "POST" : "GET"),
      path: request.path,
      headers: { ...request.headers },
      agent: false,
      setHost: !request.headers || !Object.keys(request.headers).some((h) => h.toLowerCase() === "host"),
    });
    req.on("response", (res) => {
      stopped = true;
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => {
        req.destroy();
        resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks).toString("utf8"), sent });
      });
      res.on("error", reject);
    });
    // The server may close the connection while a body is still being sent: the answer counts.
    req.on("error", (error) => {
      if (!stopped) reject(error);
    });
    if (request.chunkedBytes) {
      const chunk = request.chunk ?? Buffer.alloc(64 * 1024, "a");
      const write = () => {
        while (!stopped && sent < request.chunkedBytes!) {
          const piece = chunk.subarray(0, Math.min(chunk.length, request.chunkedBytes! - sent));
          sent += piece.length;
          if (!req.write(piece)) {
            req.once("drain", write);
            return;
          }
        }
        if (!stopped) req.end();
      };
      write();
    } else {
      if (request.body !== undefined) {
        req.setHeader("content-length", Buffer.byteLength(request.body));
        sent = Buffer.byteLength(request.body);
        req.write(request.body);
      }
      req.end();
    }
  });
}

function form(fields: Record<string, string>) {
  return new URLSearchParams(fields).toString();
}

const FORM = "application/x-www-form-urlencoded";

/** Signs a demo account in over HTTP; the session cookie's Set-Cookie line. */
async function signIn(base: string, email: string, password: string, headers: Record<string, string> = {}) {
  const answer = await raw(base, {
    path: "/sign-in",
    headers: { origin: base, "content-type": FORM, ...headers },
    body: form({ _signIn: "1", email, password }),
  });
  expect(answer.status, answer.body.slice(0, 300)).toBe(303);
  const line = ([] as string[]).concat(answer.headers["set-cookie"] ?? []).find((c) => /^(__Host-)?session=/.test(c));
  expect(line).toBeDefined();
  return { line: line!, cookie: line!.split(";")[0], answer };
}

/** Waits until the portal has e-mailed something matching `pattern` (e-mails are sent after the answer). */
async function waitForMail(catcher: SmtpCatcher, pattern: RegExp, since: number) {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const match = catcher.text().slice(since).match(pattern);
    if (match) return match;
    if (Date.now() > deadline) throw new Error(`the portal never e-mailed ${pattern}:\n${catcher.text().slice(since)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

let local: PortalServer;
let localMail: SmtpCatcher;
let siteMail: SmtpCatcher;
let localSite: string;
let site: PortalServer | undefined;
let siteDatabase: { admin: postgres.Sql; name: string; url: string } | undefined;
let siteSkipped = "";

async function postgresDatabase() {
  const admin = postgres(PG_ADMIN_URL, { max: 1, onnotice: () => {}, connect_timeout: 5 });
  try {
    await admin`select 1`;
  } catch (error) {
    await admin.end({ timeout: 1 }).catch(() => {});
    siteSkipped = `no PostgreSQL at ${PG_ADMIN_URL} (${error instanceof Error ? error.message : error})`;
    return undefined;
  }
  const name = `portal_e2e_http_${crypto.randomBytes(4).toString("hex")}`;
  await admin.unsafe(`create database ${name}`);
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  return { admin, name, url: url.toString() };
}

beforeAll(async () => {
  siteDatabase = await postgresDatabase();
  localMail = await startSmtpCatcher();
  siteMail = await startSmtpCatcher();
  const starting: Promise<unknown>[] = [
    startPortal({ env: { SMTP_URL: localMail.url } }).then((p) => {
      local = p;
      localSite = `http://localhost:${new URL(p.baseURL).port}`;
    }),
  ];
  if (siteDatabase) {
    const db = siteDatabase;
    starting.push(
      startPortal({ env: { SITE_URL: SITE, DATABASE_URL: db.url, PGLITE_DIR: undefined, SMTP_URL: siteMail.url } }).then(async (p) => {
        site = p;
        // An administrator with a password, as a deployment's first one is made.
        const child = run(
          "node",
          ["--import", "tsx", "db/commands/user-create.ts", "--email", "chief@portal.test", "--name", "Chief Admin", "--role", "admin", "--password-stdin"],
          { cwd: repoRoot, env: { ...process.env, NODE_ENV: "production", DATABASE_URL: db.url, SITE_URL: SITE } },
        );
        child.child.stdin!.end(SITE_PASSWORD);
        await child;
      }),
    );
  } else {
    console.warn(`security-http: the SITE_URL tests are skipped: ${siteSkipped}`);
  }
  const results = await Promise.allSettled(starting);
  const failed = results.find((r) => r.status === "rejected");
  if (failed) throw (failed as PromiseRejectedResult).reason;
});

afterAll(async () => {
  await local?.stop();
  await site?.stop();
  await localMail?.close();
  await siteMail?.close();
  if (siteDatabase) {
    await siteDatabase.admin.unsafe(`drop database if exists ${siteDatabase.name} with (force)`).catch(() => {});
    await siteDatabase.admin.end({ timeout: 5 });
  }
});

const siteHeaders = { host: "portal.test", origin: SITE };

describe("item 1: links are made from the site's address, never the request's Host", () => {
  it("says at start which address it uses when SITE_URL is not set", () => {
    expect(local.output()).toContain(`Portal listening on ${localSite}: links in e-mails and feeds use this address; set SITE_URL`);
  });

  it("a password reset asked for with Host: evil.example links to http://localhost:PORT", async () => {
    const since = localMail.text().length;
    const answer = await raw(local.baseURL, {
      path: "/forgot-password",
      headers: { host: "evil.example", origin: "http://evil.example", "content-type": FORM },
      body: form({ email: DEMO_ACCOUNTS.admin.email }),
    });
    expect(answer.status).toBe(303);
    const [link] = await waitForMail(localMail, /\S+\/reset-password\/\S+/, since);
    expect(link.startsWith(`${localSite}/reset-password/`)).toBe(true);
    expect(localMail.text().slice(since)).not.toContain("evil.example");
  });

  it("an invitation and a follow confirmation asked for with a foreign Host link to the site", async () => {
    const admin = await signIn(local.baseURL, DEMO_ACCOUNTS.admin.email, DEMO_ACCOUNTS.admin.password);
    const foreign = { host: "evil.example:8080", origin: "http://evil.example:8080" };
    let since = localMail.text().length;
    const invited = await raw(local.baseURL, {
      path: "/admin/users/new",
      headers: { ...foreign, cookie: admin.cookie, "content-type": FORM },
      body: form({ email: `invitee-${Date.now()}@example.org`, name: "Ina Vitee", role: "clerk", organisationId: "", bodyId: "" }),
    });
    expect(invited.status, invited.body.slice(0, 500)).toBe(303);
    const [invite] = await waitForMail(localMail, /\S+\/invite\/\S+/, since);
    expect(invite.startsWith(`${localSite}/invite/`)).toBe(true);

    const body = (await raw(local.baseURL, { path: "/bodies/scrutiny-board" })).body;
    const id = body.match(/\/follow\?type=body&amp;id=([0-9a-f-]{36})/)![1];
    since = localMail.text().length;
    const followed = await raw(local.baseURL, {
      path: "/follow",
      headers: { ...foreign, "content-type": FORM },
      body: form({ type: "body", id, email: `follower-${Date.now()}@example.org` }),
    });
    expect(followed.status, followed.body.slice(0, 500)).toBe(303);
    const [confirm] = await waitForMail(localMail, /\S+\/follow\/confirm\/\S+/, since);
    expect(confirm.startsWith(`${localSite}/follow/confirm/`)).toBe(true);
    expect(localMail.text().slice(since)).not.toContain("evil.example");
  });

  it("the sitemap, robots.txt and feeds name http://localhost:PORT whatever the Host (127.0.0.1 included)", async () => {
    for (const host of ["evil.example", "127.0.0.1", "evil.example:3000"]) {
      for (const path of [`/sitemap.xml?h=${host}`, `/robots.txt?h=${host}`, `/feeds/publications.atom?h=${host}`, `/feeds/meetings.ics?h=${host}`]) {
        const answer = await raw(local.baseURL, { path, headers: { host } });
        expect(answer.status, `${host} ${path}`).toBe(200);
        // The calendar holds no address when no meeting in it has a known day (the seeded one has none).
        if (!path.startsWith("/feeds/meetings.ics") || answer.body.includes("URL")) expect(answer.body, `${host} ${path}`).toContain(new URL(localSite).host);
        expect(answer.body, `${host} ${path}`).not.toContain(host === "127.0.0.1" ? "127.0.0.1" : "evil.example");
      }
    }
  });

  it("with SITE_URL set, another Host is refused 421 and the site's is served as the site", async (ctx) => {
    if (!site) return ctx.skip(siteSkipped);
    for (const host of ["evil.example", "127.0.0.1", "portal.test.evil.example", "portal.test:8443"]) {
      for (const path of ["/", "/sitemap.xml", "/favicon.svg", "/build/_shared/does-not-matter.js"]) {
        const answer = await raw(site.baseURL, { path, headers: { host } });
        expect(answer.status, `${host} ${path}`).toBe(421);
        expect(answer.body).not.toContain(host);
      }
    }
    const refused = await raw(site.baseURL, {
      path: "/forgot-password",
      headers: { host: "evil.example", origin: "http://evil.example", "content-type": FORM },
      body: form({ email: "chief@portal.test" }),
    });
    expect(refused.status).toBe(421);
    // X-Forwarded-Host counts only from a trusted proxy (TRUST_PROXY=true): ignored here.
    const sitemap = await raw(site.baseURL, { path: "/sitemap.xml?x=forwarded", headers: { host: "portal.test", "x-forwarded-host": "evil.example" } });
    expect(sitemap.status).toBe(200);
    expect(sitemap.body).toContain(`<loc>${SITE}/</loc>`);
    expect(sitemap.body).not.toContain("evil.example");

    const since = siteMail.text().length;
    const reset = await raw(site.baseURL, {
      path: "/forgot-password",
      headers: { ...siteHeaders, "content-type": FORM },
      body: form({ email: "chief@portal.test" }),
    });
    expect(reset.status).toBe(303);
    const [link] = await waitForMail(siteMail, /\S+\/reset-password\/\S+/, since);
    expect(link.startsWith(`${SITE}/reset-password/`)).toBe(true);
  });
});

describe("item 4: `npm start` runs in production mode, and still works over http://localhost", () => {
  it("signs a demo account in over plain http: a cookie without Secure, no HSTS", async () => {
    const { line, answer } = await signIn(local.baseURL, DEMO_ACCOUNTS.clerk.email, DEMO_ACCOUNTS.clerk.password);
    expect(line.startsWith("session=")).toBe(true);
    expect(line.toLowerCase()).not.toContain("secure");
    expect(answer.headers["strict-transport-security"]).toBeUndefined();
    expect((await raw(local.baseURL, { path: "/" })).headers["strict-transport-security"]).toBeUndefined();
  });

  it("with an https SITE_URL: a __Host- cookie marked Secure, and HSTS", async (ctx) => {
    if (!site) return ctx.skip(siteSkipped);
    const { line, answer } = await signIn(site.baseURL, "chief@portal.test", SITE_PASSWORD, siteHeaders);
    expect(line.startsWith("__Host-session=")).toBe(true);
    expect(line.split(";").map((a) => a.trim().toLowerCase())).toContain("secure");
    expect(answer.headers["strict-transport-security"]).toMatch(/max-age=\d+/);
    // No demo accounts on PostgreSQL, whatever the mode.
    const demo = await raw(site.baseURL, {
      path: "/sign-in",
      headers: { ...siteHeaders, "content-type": FORM },
      body: form({ _signIn: "1", email: DEMO_ACCOUNTS.admin.email, password: DEMO_ACCOUNTS.admin.password }),
    });
    expect(demo.status).not.toBe(303);
  });

  it("a 500 shows no SQL, parameters, stack or paths", async (ctx) => {
    if (!site || !siteDatabase) return ctx.skip(siteSkipped);
    // Any query on meetings now fails inside the database: an unexpected error, not an outage.
    const portalDb = postgres(siteDatabase.url, { max: 1, onnotice: () => {} });
    try {
      await portalDb`alter table meetings rename to meetings_hidden_by_test`;
      const since = site.output().length;
      for (const path of ["/meetings?forced=500", "/api/v1/meetings?forced=500", "/feeds/meetings.ics?forced=500"]) {
        const answer = await raw(site.baseURL, { path, headers: { host: "portal.test" } });
        expect(answer.status, path).toBe(500);
        for (const leak of [/\bselect\b[^<]{0,300}\bfrom\s+"[a-z_]+"/i, /Failed query|PostgresError|DrizzleQueryError/i, /meetings_hidden|relation "meetings"/i, /\n\s+at\s/, /\/work\/|node_modules|\.ts:\d+/, /"params"|parameters/i]) {
          expect(answer.body, `${path} leaks ${leak}`).not.toMatch(leak);
        }
      }
      // The failure was real, and the server logged it (for its operator, not the visitor).
      expect(site.output().slice(since)).toMatch(/meetings/);
    } finally {
      await portalDb`alter table meetings_hidden_by_test rename to meetings`.catch(() => {});
      await portalDb.end({ timeout: 5 });
    }
  });
});

describe("item 5: request bodies are counted as they are read", () => {
  it("cuts a chunked 100 MB POST /forgot-password off at the limit with 413", async () => {
    const answer = await raw(local.baseURL, {
      path: "/forgot-password",
      headers: { origin: local.baseURL, "content-type": FORM, "transfer-encoding": "chunked" },
      chunkedBytes: 100 * 1024 * 1024,
    });
    expect(answer.status).toBe(413);
    // Read no further than the limit (and what the sockets' buffers held).
    expect(answer.sent).toBeLessThan(12 * 1024 * 1024);
  });

  it("a multipart body to a plain form is held to the form's 1 MB", async () => {
    const answer = await raw(local.baseURL, {
      path: "/forgot-password",
      headers: { origin: local.baseURL, "content-type": "multipart/form-data; boundary=xyz", "transfer-encoding": "chunked" },
      // Over the form's 1 MB, yet with less than the 4 MB the server discards after answering
      // (discardRestBriefly) left over: with 5 MB the rest came within a chunk of that cap, and on a
      // loaded machine the connection was sometimes closed with bytes unread, the reset losing the 413.
      chunkedBytes: 3 * 1024 * 1024,
      chunk: Buffer.from(`--xyz\r\nContent-Disposition: form-data; name="email"\r\n\r\n${"a".repeat(60_000)}\r\n`),
    });
    expect(answer.status).toBe(413);
  });

  it("an upload form refuses too many parts and stops a chunked body past 20 MB and the fields", async () => {
    const clerk = await signIn(local.baseURL, DEMO_ACCOUNTS.clerk.email, DEMO_ACCOUNTS.clerk.password);
    const meeting = (await raw(local.baseURL, { path: "/meetings/2021-trust-annual-review", headers: { cookie: clerk.cookie } })).body;
    const itemId = meeting.match(/\/agenda-items\/([0-9a-f-]{36})/)![1];
    const path = `/clerk/items/${itemId}`;
    const part = (name: string, value: string) => `--xyz\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
    const headers = { origin: local.baseURL, cookie: clerk.cookie, "content-type": "multipart/form-data; boundary=xyz" };

    // Many small fields.
    const many = Array.from({ length: 2_000 }, (_, i) => part(`f${i}`, "x")).join("") + "--xyz--\r\n";
    expect((await raw(local.baseURL, { path, headers, body: many })).status).toBe(413);

    // Text fields past 1 MB altogether (1 MB parts used to be taken in any number).
    const big = Array.from({ length: 3 }, (_, i) => part(`f${i}`, "x".repeat(600_000))).join("") + "--xyz--\r\n";
    expect((await raw(local.baseURL, { path, headers, body: big })).status).toBe(413);

    // A chunked body with no end: stopped a little past 21 MB.
    const endless = await raw(local.baseURL, {
      path,
      headers: { ...headers, "transfer-encoding": "chunked" },
      chunkedBytes: 200 * 1024 * 1024,
      chunk: Buffer.from(`--xyz\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\nContent-Type: application/pdf\r\n\r\n${"a".repeat(64 * 1024)}`),
    });
    expect(endless.status).toBe(413);
    expect(endless.sent).toBeLessThan(40 * 1024 * 1024);
  });
});

describe("item 7: Origin: null is cross-site", () => {
  it("refuses a POST with Origin: null and a same-site Referer (403, not a 500)", async () => {
    const answer = await raw(local.baseURL, {
      path: "/forgot-password",
      headers: { origin: "null", referer: `${local.baseURL}/forgot-password`, "content-type": FORM },
      body: form({ email: DEMO_ACCOUNTS.admin.email }),
    });
    expect(answer.status).toBe(403);
    expect(answer.body).toContain("did not come from this site");
  });
});

describe("item 11: sign-in sends nowhere but this site", () => {
  it.each(["/.//evil.example", "/..//evil.example", "/%2e//evil.example", "/%2E%2E//evil.example/x", "/.\\/evil.example"])(
    "redirectTo=%s gives Location: /",
    async (redirectTo) => {
      const answer = await raw(local.baseURL, {
        path: `/sign-in?redirectTo=${encodeURIComponent(redirectTo)}`,
        headers: { origin: local.baseURL, "content-type": FORM },
        body: form({ _signIn: "1", email: DEMO_ACCOUNTS.member.email, password: DEMO_ACCOUNTS.member.password, redirectTo }),
      });
      expect(answer.status).toBe(303);
      expect(answer.headers.location).toBe("/");
    },
  );
});

describe("item 12: static files carry the security headers", () => {
  it("on /build/*, /assets/* and the favicon", async () => {
    const page = (await raw(local.baseURL, { path: "/" })).body;
    const script = page.match(/\/build\/[^"]+\.js/)![0];
    for (const path of [script, "/assets/portal.css", "/favicon.svg"]) {
      const answer = await raw(local.baseURL, { path });
      expect(answer.status, path).toBe(200);
      expect(answer.headers["x-content-type-options"], path).toBe("nosniff");
      expect(answer.headers["content-security-policy"], path).toContain("frame-ancestors 'none'");
      expect(answer.headers["x-frame-options"], path).toBe("DENY");
    }
  });
});
