/**
 * The Express app around the Remix build: static files, security headers with a
 * per-request CSP nonce, and the cross-site request forgery check.
 */
import crypto from "node:crypto";
import path from "node:path";
import { createRequestHandler } from "@remix-run/express";
import { createRequestHandler as createFetchHandler, type ServerBuild } from "@remix-run/node";
import compression from "compression";
import express from "express";
import { afterResponseFor, type AfterResponse } from "./after-response";
import { answerDatabaseFaultsWith503 } from "./database-faults";
import { CROSS_SITE_REFUSAL, isOneClickUnsubscribe, isSameOrigin } from "./origin";
import { isAnonymous, isCacheable, type CachedPage, type PageCache } from "./page-cache";

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

function sendCached(req: express.Request, res: express.Response, entry: CachedPage) {
  res.status(entry.status);
  for (const [name, value] of entry.headers) {
    if (!HOP_BY_HOP.has(name.toLowerCase())) res.setHeader(name, value);
  }
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
  const body = Buffer.from(await response.arrayBuffer());
  if (head) res.end();
  else res.end(body);
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

export interface AppOptions {
  /** Serve anonymous GET requests from a cache of rendered pages (the production server does). */
  pageCache?: PageCache;
}

export function createApp(serverBuild: ServerBuild, options: AppOptions = {}) {
  // A database that cannot be reached answers 503, and the process keeps serving (database-faults.ts).
  const build = answerDatabaseFaultsWith503(serverBuild);
  const production = process.env.NODE_ENV === "production";
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", process.env.TRUST_PROXY === "true");
  app.use(compression());

  const publicDir = path.resolve(process.cwd(), "public");
  app.use("/build", express.static(path.join(publicDir, "build"), { immutable: true, maxAge: "1y" }));
  app.use(express.static(publicDir, { maxAge: "1h" }));

  app.use((req, res, next) => {
    const nonce = crypto.randomBytes(16).toString("base64");
    res.locals.cspNonce = nonce;
    res.setHeader("Content-Security-Policy", contentSecurityPolicy([`'nonce-${nonce}'`]));
    res.setHeader("X-Content-Type-Options", "nosniff");
    res.setHeader("Referrer-Policy", "strict-origin-when-cross-origin");
    res.setHeader("X-Frame-Options", "DENY");
    res.setHeader("Cross-Origin-Opener-Policy", "same-origin");
    if (production) res.setHeader("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
    next();
  });

  // Every request that can change something must come from this site. One
  // exception: a mail program's one-click unsubscribe (RFC 8058) POSTs with no
  // Origin and no cookie; the secret token in its address is the authority, and
  // its action refuses anything but the one-click body from such a request
  // (docs/decisions/008-one-click-unsubscribe.md).
  app.use((req, res, next) => {
    if (req.method === "GET" || req.method === "HEAD" || req.method === "OPTIONS") return next();
    if (isSameOrigin(req.headers.origin, req.headers.referer, req.headers.host)) return next();
    if (isOneClickUnsubscribe(req.method, req.path, req.headers.origin)) {
      res.locals.crossSite = true;
      return next();
    }
    res.status(403).type("text/plain").send(CROSS_SITE_REFUSAL);
  });

  // Public pages from the cache (anonymous GET and HEAD only; see page-cache.ts).
  const cache = options.pageCache;
  if (cache) {
    const render = createFetchHandler(build, production ? "production" : "development");
    app.use(async (req, res, next) => {
      if ((req.method !== "GET" && req.method !== "HEAD") || !isAnonymous(req.headers.cookie)) return next();
      try {
        const key = req.originalUrl;
        let entry = cache.get(key);
        if (entry) {
          res.setHeader("X-Cache", "hit");
          return sendCached(req, res, entry);
        }
        const generation = cache.currentGeneration();
        const headers = new Headers();
        for (const [name, value] of Object.entries(req.headers)) {
          if (typeof value === "string") headers.set(name, value);
        }
        const url = new URL(req.originalUrl, `${req.protocol}://${req.get("host") ?? "localhost"}`);
        const response = await render(new Request(url, { method: "GET", headers }), {
          cspNonce: res.locals.cspNonce as string,
          clientIp: req.ip ?? null,
        });
        if (!isCacheable(response.status, response.headers)) {
          return await sendResponse(res, response, req.method === "HEAD");
        }
        const body = Buffer.from(await response.arrayBuffer());
        entry = cache.set(key, { status: response.status, headers: [...response.headers], body }, generation)!;
        res.setHeader("X-Cache", "miss");
        sendCached(req, res, entry);
      } catch (error) {
        next(error);
      }
    });
  }

  app.all(
    "*",
    createRequestHandler({
      build,
      mode: production ? "production" : "development",
      getLoadContext: (req, res) => ({
        cspNonce: res.locals.cspNonce as string,
        clientIp: req.ip ?? null,
        crossSite: res.locals.crossSite === true,
        afterResponse: afterResponseFor(res),
      }),
    }),
  );
  // An address that is not valid percent-encoded UTF-8 is the sender's mistake: 400, not a logged error.
  app.use((error: unknown, _req: express.Request, res: express.Response, next: express.NextFunction) => {
    if (error instanceof URIError || (error as { status?: number } | null)?.status === 400) {
      res.status(400).type("text/plain").send("Bad request: the address could not be read.");
      return;
    }
    next(error);
  });
  return app;
}
