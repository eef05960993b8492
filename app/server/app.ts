/**
 * The Express app around the Remix build: static files, security headers with a
 * per-request CSP nonce, and the cross-site request forgery check.
 */
import crypto from "node:crypto";
import path from "node:path";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import compression from "compression";
import express from "express";
import { isSameOrigin } from "./origin";

declare module "@remix-run/node" {
  interface AppLoadContext {
    /** The per-request CSP nonce for <Scripts> and <ScrollRestoration>. */
    cspNonce?: string;
    /** The client's address (behind a proxy only with TRUST_PROXY=true), for sign-in throttling and the audit log. */
    clientIp?: string | null;
    /** Set by an action that answered with form errors: the title starts with "Error: ". */
    formHasErrors?: boolean;
  }
}

export function createApp(build: ServerBuild) {
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
    res.setHeader(
      "Content-Security-Policy",
      [
        "default-src 'self'",
        `script-src 'self' 'nonce-${nonce}'`,
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
        "base-uri 'self'",
        "object-src 'none'",
      ].join("; "),
    );
    res.setHeader("X-Content-Type-Options", "nosniff");
    res.setHeader("Referrer-Policy", "strict-origin-when-cross-origin");
    res.setHeader("X-Frame-Options", "DENY");
    res.setHeader("Cross-Origin-Opener-Policy", "same-origin");
    if (production) res.setHeader("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
    next();
  });

  // Every request that can change something must come from this site.
  app.use((req, res, next) => {
    if (req.method === "GET" || req.method === "HEAD" || req.method === "OPTIONS") return next();
    if (isSameOrigin(req.headers.origin, req.headers.referer, req.headers.host)) return next();
    res.status(403).type("text/plain").send("Forbidden: this request did not come from this site.");
  });

  app.all(
    "*",
    createRequestHandler({
      build,
      mode: production ? "production" : "development",
      getLoadContext: (req, res) => ({ cspNonce: res.locals.cspNonce as string, clientIp: req.ip ?? null }),
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
