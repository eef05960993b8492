/**
 * The Express app around the Remix build: security headers with a per-request
 * CSP nonce (static files included), the site's host (any other is refused or
 * replaced: docs/decisions/017-site-address-and-production-mode.md), static
 * files, the cross-site request forgery check, and request bodies counted
 * against their limit as they are read.
 */
import crypto from "node:crypto";
import path from "node:path";
import {
  createRequestHandler as createFetchHandler,
  writeReadableStreamToWritable,
  type ServerBuild,
} from "@remix-run/node";
import compression from "compression";
import express from "express";
import { siteAddress } from "../utils/site-url.server";
import { afterResponseFor, type AfterResponse } from "./after-response";
import { UNREADABLE_INPUT, unreadableAddress } from "./bad-input";
import { bodyLimitFor, discardRestBriefly, limitedBody, TOO_LARGE } from "./body-limit";
import { answerDatabaseFaultsWith503, DATABASE_UNAVAILABLE_TEXT, isDatabaseUnavailable, RETRY_AFTER_SECONDS } from "./database-faults";
import { describeError, logPath } from "../utils/error-log";
import { CROSS_SITE_REFUSAL, isOneClickUnsubscribe, isSameOrigin } from "./origin";
import { isCacheable, type CachedPage, type PageCache } from "./page-cache";
import { RenderSharing } from "./render-sharing";
import { keepPrivate } from "./private-pages";
import { isSiteHost, misdirected, requestedHost } from "./site-host";

/** The Content-Security-Policy: scripts allowed by this request's nonce, or (cached pages) by hash. */
function contentSecurityPolicy(scriptSources: string[]) {
  return [
    "default-src 'self'",
    `script-src 'self' ${scriptSources.join(" ")}`.trim(),
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "base-uri 'self'",
    "object-src 'none'",
  ].join("; ");
}

const HOP_BY_HOP = new Set(["content-length", "transfer-encoding", "connection", "content-encoding"]);

function sendCached(req: express.Request, res: express.Response, entry: CachedPage, extraHeaders: Record<string, string> = {}) {
  res.status(entry.status);
  for (const [name, value] of entry.headers) {
    if (!HOP_BY_HOP.has(name.toLowerCase())) res.setHeader(name, value);
  }
  for (const [name, value] of Object.entries(extraHeaders)) res.setHeader(name, value);
  res.setHeader("Content-Security-Policy", contentSecurityPolicy(entry.scriptHashes));
  res.setHeader("ETag", entry.etag);
  if (!entry.headers.some(([name]) => name.toLowerCase() === "cache-control")) {
    // Browsers and proxies may keep it but must ask again (a 304 costs nothing).
    res.setHeader("Cache-Control", "public, max-age=0, must-revalidate");
  }
  const match = req.headers["if-none-match"];
  if (match && match.split(/\s*,\s*/).includes(entry.etag)) {
    res.status(304).end();
    return;
  }
  if (req.method === "HEAD") res.end();
  else res.end(entry.body);
}

async function sendResponse(res: express.Response, response: Response, head: boolean) {
  res.status(response.status);
  for (const [name, value] of response.headers) {
    if (name.toLowerCase() !== "set-cookie" && !HOP_BY_HOP.has(name.toLowerCase())) res.setHeader(name, value);
  }
  const cookies = response.headers.getSetCookie();
  if (cookies.length) res.setHeader("Set-Cookie", cookies);
  if (response.status === 503 && !response.headers.has("retry-after")) res.setHeader("Retry-After", RETRY_AFTER_SECONDS);
  const body = Buffer.from(await response.arrayBuffer());
  if (head) res.end();
  else res.end(body);
}

/** A Node request's headers for a Fetch API Request (as @remix-run/express makes them). */
function requestHeaders(incoming: express.Request["headers"]): Headers {
  const headers = new Headers();
  for (const [name, values] of Object.entries(incoming)) {
    if (Array.isArray(values)) for (const value of values) headers.append(name, value);
    else if (values) headers.set(name, values);
  }
  return headers;
}

declare module "@remix-run/node" {
  interface AppLoadContext {
    /** The per-request CSP nonce for <Scripts> and <ScrollRestoration>. */
    cspNonce?: string;
    /** The client's address (behind a proxy only with TRUST_PROXY=true), for sign-in throttling and the audit log. */
    clientIp?: string | null;
    /** Set by an action that answered with form errors: the title starts with "Error: ". */
    formHasErrors?: boolean;
    /**
     * True when a POST reached the app without coming from this site: only ever
     * for the one-click unsubscribe address, whose action then accepts nothing
     * but the RFC 8058 body (see isOneClickUnsubscribe).
     */
    crossSite?: boolean;
    /** Runs work once the response has been sent (app/server/after-response.ts). */
    afterResponse?: AfterResponse;
  }
}

/** What the Remix build's entry module (app/entry.server.tsx) lends the express layer. */
interface EntryHooks {
  carriesSessionCookie: (cookieHeader: string | undefined) => boolean;
  gateApiRequest: (clientIp: string | null) => Promise<{ rateHeaders: Record<string, string>; refusal: Response | null }>;
  readiness: () => Promise<{ ready: boolean; detail: string }>;
}

export interface AppOptions {
  /** Serve anonymous GET requests from a cache of rendered pages (the production server does). */
  pageCache?: PageCache;
  /** True once the server has been told to stop: /readyz then answers 503, so a balancer sends nothing new. */
  stopping?: () => boolean;
}

export function createApp(serverBuild: ServerBuild, options: AppOptions = {}) {
  // A database that cannot be reached answers 503, and the process keeps serving (database-faults.ts).
  const build = answerDatabaseFaultsWith503(serverBuild);
  const production = process.env.NODE_ENV === "production";
  const trustProxy = process.env.TRUST_PROXY === "true";
  const site = siteAddress();
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", trustProxy);
  app.use(compression());

  // Every answer, static files included, carries the security headers.
  app.use((req, res, next) => {
    const nonce = crypto.randomBytes(16).toString("base64");
    res.locals.cspNonce = nonce;
    res.setHeader("Content-Security-Policy", contentSecurityPolicy([`'nonce-${nonce}'`]));
    res.setHeader("X-Content-Type-Options", "nosniff");
    res.setHeader("Referrer-Policy", "strict-origin-when-cross-origin");
    res.setHeader("X-Frame-Options", "DENY");
    res.setHeader("Cross-Origin-Opener-Policy", "same-origin");
    // Only an https site can ask browsers to insist on https (http://localhost must keep working).
    if (site.https) res.setHeader("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
    next();
  });

  // An address no page can read (a NUL byte, percent-encoding that is not UTF-8)
  // is refused here once, not by each route (app/server/bad-input.ts).
  app.use((req, res, next) => {
    if (unreadableAddress(req.originalUrl)) {
      res.status(400).type("text/plain").send(UNREADABLE_INPUT);
      return;
    }
    next();
  });

  // For load balancers (issue 20, item 3): /healthz, the process is up; /readyz,
  // the database answers and its migrations are current (503 with Retry-After if not).
  // Before the host check, so a balancer may probe by the server's own address.
  const probes = build.entry.module as Partial<EntryHooks>;
  app.get("/healthz", (_req, res) => {
    res.setHeader("Cache-Control", "no-store");
    res.type("text/plain").send("ok");
  });
  app.get("/readyz", async (_req, res) => {
    res.setHeader("Cache-Control", "no-store");
    const state = options.stopping?.()
      ? { ready: false, detail: "Shutting down: finishing the requests in flight." }
      : probes.readiness
        ? await probes.readiness()
        : { ready: true, detail: "No readiness check in this build." };
    if (!state.ready) res.status(503).setHeader("Retry-After", "5");
    res.type("text/plain").send(state.detail);
  });

  // With SITE_URL set, the server answers for the site's host only: a request
  // made for another is misdirected (421), never answered as if that host were ours.
  app.use((req, res, next) => {
    if (site.configured && !isSiteHost(requestedHost(req.headers, trustProxy), site)) {
      res.status(421).type("text/plain").send(misdirected(site));
      return;
    }
    next();
  });

  const publicDir = path.resolve(process.cwd(), "public");
  app.use("/build", express.static(path.join(publicDir, "build"), { immutable: true, maxAge: "1y" }));
  app.use(express.static(publicDir, { maxAge: "1h" }));

  // Every request that can change something must come from this site. One
  // exception: a mail program's one-click unsubscribe (RFC 8058) POSTs with no
  // Origin and no cookie; the secret token in its address is the authority, and
  // its action refuses anything but the one-click body from such a request
  // (docs/decisions/008-one-click-unsubscribe.md).
  app.use((req, res, next) => {
    if (req.method === "GET" || req.method === "HEAD" || req.method === "OPTIONS") return next();
    // Without SITE_URL any host is answered (localhost, 127.0.0.1): the page must come from the one asked for.
    const host = site.configured ? site.host : req.headers.host;
    if (isSameOrigin(req.headers.origin, req.headers.referer, host)) return next();
    if (isOneClickUnsubscribe(req.method, req.path, req.headers.origin)) {
      res.locals.crossSite = true;
      return next();
    }
    res.status(403).type("text/plain").send(CROSS_SITE_REFUSAL);
  });

  // From here on every request is the site's: whatever Host it was sent with,
  // the app sees the site's host and scheme (so no link can be made from the sender's).
  // A state-changing request that got this far came from this site (or, the one-click
  // unsubscribe, sent no Origin): its Origin is named as the site too, which is what
  // Remix's own check (Origin against Host) then compares.
  app.use((req, _res, next) => {
    req.headers.host = site.host;
    delete req.headers["x-forwarded-host"];
    if (req.method !== "GET" && req.method !== "HEAD" && req.headers.origin) req.headers.origin = site.origin;
    Object.defineProperty(req, "protocol", { value: site.https ? "https" : "http", configurable: true });
    next();
  });

  // Whether a request carries a session cookie, read by the session code itself.
  // Without that reading (a build that does not lend it), any cookie counts.
  const hooks = build.entry.module as Partial<EntryHooks>;
  const carriesSession = hooks.carriesSessionCookie ?? ((cookie: string | undefined) => Boolean(cookie));

  // Every answer to a request with a session cookie is `private, no-store`
  // (docs/decisions/016-page-cache-per-record.md; token pages: app/entry.server.tsx).
  app.use((req, res, next) => {
    if (carriesSession(req.headers.cookie)) keepPrivate(res);
    next();
  });

  // Public pages from the cache: GET and HEAD without a session cookie only, keyed
  // on the full address the page is rendered for (scheme, Host, path and query).
  const cache = options.pageCache;
  if (cache) {
    const render = createFetchHandler(build, production ? "production" : "development");
    /** Pages being rendered now, by cache key: readers asking for one meanwhile wait for it (render-sharing.ts). */
    const sharing = new RenderSharing(cache);
    app.use(async (req, res, next) => {
      if ((req.method !== "GET" && req.method !== "HEAD") || carriesSession(req.headers.cookie)) return next();
      try {
        let url: URL;
        try {
          url = new URL(`${req.protocol}://${req.get("host") ?? "localhost"}${req.originalUrl}`);
        } catch {
          return next();
        }
        const key = url.href;
        const entry = cache.get(key);
        if (entry) {
          // An API answer from the cache still counts against the client's limit.
          let rateHeaders: Record<string, string> = {};
          if (entry.rateLimited) {
            if (!hooks.gateApiRequest) return next();
            const gate = await hooks.gateApiRequest(req.ip ?? null);
            if (gate.refusal) return await sendResponse(res, gate.refusal, req.method === "HEAD");
            rateHeaders = gate.rateHeaders;
          }
          res.setHeader("X-Cache", "hit");
          return sendCached(req, res, entry, rateHeaders);
        }
        // A page already being rendered for another reader is waited for, not rendered again: under
        // load a cold page is otherwise rendered once per reader asking at the same moment.
        const outcome = await sharing.await(key);
        if ("page" in outcome) {
          if (outcome.page.rateLimited) return next();
          res.setHeader("X-Cache", "shared");
          return sendCached(req, res, outcome.page);
        }
        if ("alone" in outcome) return next();
        const { generation, finish } = outcome;
        try {
          const headers = new Headers();
          for (const [name, value] of Object.entries(req.headers)) {
            if (typeof value === "string") headers.set(name, value);
          }
          const response = await render(new Request(url, { method: "GET", headers }), {
            cspNonce: res.locals.cspNonce as string,
            clientIp: req.ip ?? null,
          });
          if (!isCacheable(response.status, response.headers)) {
            finish(null);
            return await sendResponse(res, response, req.method === "HEAD");
          }
          const body = Buffer.from(await response.arrayBuffer());
          const stored = [...response.headers];
          // Stored unless a change that touches it arrived while it rendered; shared with waiting
          // readers either way, each of whom takes it only if it is fresh enough for them.
          const page = cache.set(key, { status: response.status, headers: stored, body, pathname: url.pathname }, generation);
          finish(page ?? null);
          if (!page) return await sendResponse(res, new Response(body, { status: response.status, headers: response.headers }), req.method === "HEAD");
          res.setHeader("X-Cache", "miss");
          sendCached(req, res, page);
        } finally {
          finish(null);
        }
      } catch (error) {
        next(error);
      }
    });
  }

  // Remix, with the request made to the site's address and its body counted as
  // it is read: past the limit (1 MB for a form, 20 MB and the fields for an
  // upload) the body fails, reading stops and the answer is 413.
  const handleRequest = createFetchHandler(build, production ? "production" : "development");
  app.all("*", async (req, res, next) => {
    try {
      let controller: AbortController | null = new AbortController();
      res.on("finish", () => (controller = null));
      res.on("close", () => controller?.abort());
      const body =
        req.method !== "GET" && req.method !== "HEAD"
          ? limitedBody(req, bodyLimitFor(req.headers["content-type"]))
          : undefined;
      const request = new Request(`${site.origin}${req.originalUrl}`, {
        method: req.method,
        headers: requestHeaders(req.headers),
        signal: controller.signal,
        ...(body ? { body: body.stream, duplex: "half" } : {}),
      } as RequestInit);
      const response = await handleRequest(request, {
        cspNonce: res.locals.cspNonce as string,
        clientIp: req.ip ?? null,
        crossSite: res.locals.crossSite === true,
        afterResponse: afterResponseFor(res),
      });
      // The rest of a body left unread is not kept: the connection closes shortly after the answer.
      if (body && !body.complete()) discardRestBriefly(req, res);
      if (body?.exceeded()) {
        await response.body?.cancel();
        res.status(413).type("text/plain").send(TOO_LARGE);
        return;
      }
      res.statusMessage = response.statusText;
      res.status(response.status);
      for (const [name, value] of response.headers) res.append(name, value);
      if (response.status === 503 && !response.headers.has("retry-after")) res.setHeader("Retry-After", RETRY_AFTER_SECONDS);
      if (response.body) await writeReadableStreamToWritable(response.body, res);
      else res.end();
    } catch (error) {
      next(error);
    }
  });
  // An address that is not valid percent-encoded UTF-8 is the sender's mistake: 400, not a logged error.
  // A database fault met outside a loader (the API's rate limit on a cached answer) is the 503 page's plain
  // twin; anything else is a plain 500, never Express's page with the stack trace.
  app.use((error: unknown, req: express.Request, res: express.Response, next: express.NextFunction) => {
    if (error instanceof URIError || (error as { status?: number } | null)?.status === 400) {
      res.status(400).type("text/plain").send("Bad request: the address could not be read.");
      return;
    }
    if (res.headersSent) return next(error);
    res.setHeader("Cache-Control", "no-store");
    if (isDatabaseUnavailable(error)) {
      console.error(`[database] unavailable (${req.method} ${logPath(req.originalUrl)}): ${describeError(error)}`);
      res.status(503).setHeader("Retry-After", RETRY_AFTER_SECONDS).type("text/plain").send(DATABASE_UNAVAILABLE_TEXT);
      return;
    }
    console.error(`[server] ${req.method} ${logPath(req.originalUrl)}: ${describeError(error)}`);
    res.status(500).type("text/plain").send("Sorry, there is a problem with the portal. Try again later.");
  });
  return app;
}
