/**
 * Issue #22, items 2 and 10, over HTTP against the built server (its own, with
 * the page cache on as `npm start` runs it, and an SMTP catcher so tokens arrive
 * as they would by e-mail). Host and Cookie are set by hand with http.request:
 * a browser cannot send them.
 *
 * - 2a: the page cache is keyed on the site's address, so a request with a
 *   forged Host never hands its page to anyone else.
 * - 2b: the cache decides "anonymous" with the session code's own reading of the
 *   Cookie header, so a clerk's `Cookie: session =<id>` (a space before "=") is
 *   never cached for the public.
 * - 10: every page rendered for a session or a token is `private, no-store` and
 *   never enters the page cache.
 */
import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_ACCOUNTS } from "./support/accounts";
import { type PortalServer, startPortal } from "./support/server";
import { startSmtpCatcher, type SmtpCatcher } from "./support/smtp";

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

let portal: PortalServer;
let port: number;
let smtp: SmtpCatcher;

/** One raw request: Host, Cookie and the rest exactly as given. */
function raw(path: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: "127.0.0.1", port, path, method: options.method ?? "GET", headers: { host: `localhost:${port}`, ...options.headers }, setHost: false },
      (res) => {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => (body += chunk));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on("error", reject);
    req.end(options.body);
  });
}

/** A form POST from the site itself (the origin check wants a same-site Origin). */
function post(path: string, form: Record<string, string>, headers: Record<string, string> = {}) {
  return raw(path, {
    method: "POST",
    headers: { origin: `http://localhost:${port}`, "content-type": "application/x-www-form-urlencoded", ...headers },
    body: new URLSearchParams(form).toString(),
  });
}

async function waitForMail(pattern: RegExp, ms = 30_000): Promise<RegExpMatchArray> {
  const end = Date.now() + ms;
  for (;;) {
    for (const mail of smtp.mails) {
      const match = mail.match(pattern);
      if (match) return match;
    }
    if (Date.now() > end) throw new Error(`no e-mail matched ${pattern} (${smtp.mails.length} received)`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** The clerk's session cookie, `name=value`, from signing in through the form. */
async function signInAsClerk(): Promise<{ name: string; value: string }> {
  const res = await post("/sign-in", { _signIn: "1", email: DEMO_ACCOUNTS.clerk.email, password: DEMO_ACCOUNTS.clerk.password });
  expect(res.status).toBeGreaterThanOrEqual(300);
  const cookie = [res.headers["set-cookie"] ?? []].flat().find((c) => /^(__Host-)?session=[a-z0-9]/.test(c));
  expect(cookie, "sign-in set a session cookie").toBeDefined();
  const [name, value] = cookie!.split(";")[0].split("=");
  return { name, value };
}

const unique = () => Math.random().toString(36).slice(2);

beforeAll(async () => {
  smtp = await startSmtpCatcher();
  process.env.SMTP_URL = smtp.url;
  try {
    portal = await startPortal();
  } finally {
    delete process.env.SMTP_URL;
  }
  port = Number(new URL(portal.baseURL).port);
});

afterAll(async () => {
  await portal?.stop();
  await smtp?.close();
});

describe("item 2a: the page cache is keyed on the site's address, not the path alone", () => {
  for (const path of ["/sitemap.xml", "/robots.txt", "/feeds/meetings.ics", "/feeds/publications.atom", "/api/v1", "/api/v1/meetings"]) {
    it(`a forged Host never reaches the next visitor of ${path}`, async () => {
      const address = `${path}${path.includes("?") ? "&" : "?"}t=${unique()}`;
      await raw(address, { headers: { host: "evil.example" } });
      const next = await raw(address);
      expect(next.status).toBe(200);
      // The forged request was answered as the site (links from its address), so what the
      // next visitor gets, from the cache or not, names only the site.
      expect(next.body).not.toContain("evil.example");
    });
  }
});

describe("item 2b: the cache's idea of 'anonymous' is the session code's", () => {
  it("never caches a clerk's page sent with `Cookie: session =<id>` for the public", async () => {
    const session = await signInAsClerk();
    const address = `/meetings?x=${unique()}`;
    const clerk = await raw(address, { headers: { cookie: `${session.name} =${session.value}` } });
    expect(clerk.status).toBe(200);
    // The session code reads the cookie, so the page is the clerk's...
    expect(clerk.body).toContain("Sign out");
    expect(clerk.headers["cache-control"]).toBe("private, no-store");
    // ...and the next anonymous visitor does not get it.
    const reader = await raw(address);
    expect(reader.status).toBe(200);
    expect(reader.headers["x-cache"]).not.toBe("hit");
    expect(reader.body).not.toContain("Sign out");
    expect(reader.body).not.toContain("Demo Clerk");
  });

  it("bypasses the cache for any session cookie, valid or not, and serves the public page", async () => {
    const { name } = await signInAsClerk();
    const address = `/meetings?y=${unique()}`;
    await raw(address);
    expect((await raw(address)).headers["x-cache"]).toBe("hit");
    for (const cookie of [`${name}=not-a-session`, `${name}=`, `theme=dark;  ${name} =abc`, `theme=dark;\t${name}\t=abc`]) {
      const res = await raw(address, { headers: { cookie } });
      expect(res.headers["x-cache"], cookie).toBeUndefined();
      expect(res.headers["cache-control"], cookie).toBe("private, no-store");
    }
  });
});

describe("item 10: pages for a session or a token are private, no-store, and never cached", () => {
  it("a password-reset page reached by its token", async () => {
    const before = smtp.mails.length;
    await post("/forgot-password", { email: DEMO_ACCOUNTS.member.email });
    const [link] = await waitForMail(/\/reset-password\/[A-Za-z0-9_-]{16,}/);
    expect(smtp.mails.length).toBeGreaterThan(before);
    for (let i = 0; i < 2; i++) {
      const res = await raw(link);
      expect(res.status).toBe(200);
      expect(res.headers["cache-control"]).toBe("private, no-store");
      expect(res.headers["x-cache"]).toBeUndefined();
    }
    const data = await raw(`${link}?_data=${encodeURIComponent("routes/reset-password.$token")}`);
    expect(data.headers["cache-control"]).toBe("private, no-store");
  });

  it("a follow confirmation and the follower's manage page (which shows their e-mail)", async () => {
    const meetings = JSON.parse((await raw("/api/v1/meetings")).body) as { results?: { id: string }[]; data?: { id: string }[] };
    const meeting = (meetings.results ?? meetings.data ?? [])[0];
    expect(meeting, "a published meeting to follow").toBeDefined();
    const email = `reader-${unique()}@example.org`;
    await post("/follow", { type: "meeting", id: meeting.id, email });
    const [confirm] = await waitForMail(/\/follow\/confirm\/[A-Za-z0-9_-]{16,}/);
    for (let i = 0; i < 2; i++) {
      const res = await raw(confirm);
      expect(res.status).toBe(200);
      expect(res.headers["cache-control"]).toBe("private, no-store");
      expect(res.headers["x-cache"]).toBeUndefined();
    }
    await post(confirm, {});
    // Following again sends "You already follow", with the manage link.
    await post("/follow", { type: "meeting", id: meeting.id, email });
    const [manage] = await waitForMail(/\/follow\/manage\/[A-Za-z0-9_.-]{16,}/);
    for (let i = 0; i < 2; i++) {
      const res = await raw(manage);
      expect(res.status).toBe(200);
      expect(res.body).toContain(email);
      expect(res.headers["cache-control"]).toBe("private, no-store");
      expect(res.headers["x-cache"]).toBeUndefined();
    }
  });

  it("an invitation link, even one that no longer works", async () => {
    const res = await raw(`/invite/${"a".repeat(43)}`);
    expect(res.headers["cache-control"]).toBe("private, no-store");
  });

  it("every page for a session (the clerk's dashboard, public pages seen signed in, the API) and its data requests", async () => {
    const session = await signInAsClerk();
    const cookie = `${session.name}=${session.value}`;
    for (const path of ["/clerk", "/meetings", "/", `/meetings?_data=${encodeURIComponent("routes/meetings._index")}`, "/api/v1/meetings"]) {
      const res = await raw(path, { headers: { cookie } });
      expect(res.status, path).toBe(200);
      expect(res.headers["cache-control"], path).toBe("private, no-store");
      expect(res.headers["x-cache"], path).toBeUndefined();
    }
  });
});
