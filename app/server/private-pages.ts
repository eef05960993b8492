/**
 * Pages rendered for a session are never kept by a browser's or a proxy's cache
 * (docs/decisions/016-page-cache-per-record.md). The express layer decides it from
 * the request alone, before any route runs, so no route can forget it: every
 * answer to a request carrying a session cookie (by the session code's own
 * reading of the Cookie header, live or not) is sent `Cache-Control: private,
 * no-store`, whatever the route set. Pages reached through a token in their
 * address are marked the same way by app/entry.server.tsx, which knows the
 * matched route.
 */
import type { ServerResponse } from "node:http";

export const PRIVATE_NO_STORE = "private, no-store";

/** Makes the response go out `private, no-store`, overriding whatever was set before its headers are written. */
export function keepPrivate(res: ServerResponse) {
  const writeHead = res.writeHead;
  res.writeHead = function (this: ServerResponse, ...args: Parameters<ServerResponse["writeHead"]>) {
    if (!this.headersSent) this.setHeader("Cache-Control", PRIVATE_NO_STORE);
    return writeHead.apply(this, args);
  } as ServerResponse["writeHead"];
}
