import { PassThrough } from "node:stream";
import type { ActionFunctionArgs, AppLoadContext, EntryContext, HandleDataRequestFunction, LoaderFunctionArgs } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { isRouteErrorResponse, RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { carriesSessionCookie } from "./auth/lucia.server";
import { logError, logPath } from "./utils/error-log";
import { NonceContext } from "./utils/nonce";

export { startup, stopJobs } from "./server/startup.server";
export { closeDatabase } from "./db.server";
export { subscribeToChanges } from "./server/changes.server";
export { readiness } from "./server/readiness.server";
// For the express layer (app/server/app.ts): the session code's own reading of
// the Cookie header, and the API's rate limit for answers served from the page cache.
export { carriesSessionCookie };
export { gateApiRequest } from "./handlers/api-route.server";

/** Pages reached through a secret token in their address (docs/decisions/016-page-cache-per-record.md). */
const TOKEN_ROUTES = new Set([
  "routes/reset-password.$token",
  "routes/invite.$token",
  "routes/follow.confirm.$token",
  "routes/follow.manage.$token",
  "routes/follow.unsubscribe.($token)",
  "routes/feeds.private.$file",
]);

const PRIVATE = /no-store|private/i;

/**
 * Whether a page must go out `private, no-store`: rendered for a session (the
 * request carries a session cookie), for a token in its address, or for a route
 * whose loader or action asked for it (route modules export no `headers`, so
 * their loaders' Cache-Control would otherwise be dropped from documents). Such
 * a page is never kept by a browser, a proxy or the page cache.
 */
function mustStayPrivate(request: Request, routeIds: string[], routeHeaders: Headers[]) {
  if (carriesSessionCookie(request.headers.get("cookie"))) return true;
  if (routeIds.some((id) => TOKEN_ROUTES.has(id))) return true;
  return routeHeaders.some((h) => PRIVATE.test(h.get("cache-control") ?? ""));
}

/** The same rule for data requests (client-side navigation, `?_data=<route id>`). */
export const handleDataRequest: HandleDataRequestFunction = (response, { request }) => {
  const routeId = new URL(request.url).searchParams.get("_data");
  if (mustStayPrivate(request, routeId ? [routeId] : [], [response.headers])) {
    response.headers.set("Cache-Control", "private, no-store");
  }
  return response;
};

const ABORT_DELAY = 5_000;

/**
 * Server errors go to the log. A request for a method a route does not offer
 * (a POST to a page without a form) is the sender's mistake: it is answered 405
 * and not logged as an error. Errors are logged by `logError`: a failed query by
 * its shape and code, never its parameters (app/utils/error-log.ts).
 */
export function handleError(error: unknown, { request }: LoaderFunctionArgs | ActionFunctionArgs) {
  if (request.signal.aborted) return;
  if (isRouteErrorResponse(error) && (error.status === 405 || error.status === 404)) return;
  logError(`${request.method} ${logPath(request.url)}`, error);
}

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const nonce = typeof loadContext.cspNonce === "string" ? loadContext.cspNonce : undefined;
  const handled = remixContext.staticHandlerContext;
  const routeIds = handled.matches.map((m) => m.route.id);
  const routeHeaders = [...Object.values(handled.loaderHeaders), ...Object.values(handled.actionHeaders ?? {})];
  if (mustStayPrivate(request, routeIds, routeHeaders)) responseHeaders.set("Cache-Control", "private, no-store");
  const readyEvent = isbot(request.headers.get("user-agent") ?? "") ? "onAllReady" : "onShellReady";
  return new Promise((resolve, reject) => {
    let shellRendered = false;
    const { pipe, abort } = renderToPipeableStream(
      <NonceContext.Provider value={nonce}>
        <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
      </NonceContext.Provider>,
      {
        nonce,
        [readyEvent]() {
          shellRendered = true;
          const body = new PassThrough();
          responseHeaders.set("Content-Type", "text/html; charset=utf-8");
          resolve(
            new Response(createReadableStreamFromReadable(body), {
              headers: responseHeaders,
              status: responseStatusCode,
            }),
          );
          pipe(body);
        },
        onShellError(error: unknown) {
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          if (shellRendered) logError("render", error);
        },
      },
    );
    setTimeout(abort, ABORT_DELAY);
  });
}
