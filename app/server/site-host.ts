/**
 * Which Host a request was made for, and whether the server answers it
 * (docs/decisions/017-site-address-and-production-mode.md). With SITE_URL set,
 * only the site's own host is answered (any other gets 421 Misdirected
 * Request); without it, any host is, but every request is handed to the app as
 * made to http://localhost:PORT. Either way the app never sees a Host the sender chose.
 */
import type { SiteAddress } from "../utils/site-url.server";

/** The host the client asked for: X-Forwarded-Host from a trusted proxy, else Host. */
export function requestedHost(headers: { host?: string; "x-forwarded-host"?: string | string[] }, trustProxy: boolean) {
  const forwarded = trustProxy ? headers["x-forwarded-host"] : undefined;
  const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(",")[0]?.trim();
  return first || headers.host;
}

/** True when `host` (a Host header's value) names the site: same name and port, the scheme's default port optional. */
export function isSiteHost(host: string | undefined, site: Pick<SiteAddress, "origin" | "host">): boolean {
  if (!host) return false;
  try {
    const url = new URL(site.origin);
    const asked = new URL(`${url.protocol}//${host}`);
    return asked.host === site.host && asked.pathname === "/" && !asked.username && !asked.password;
  } catch {
    return false;
  }
}

/** What a request for another host is told (421). */
export function misdirected(site: Pick<SiteAddress, "origin">): string {
  return `Misdirected request: this server answers only for ${site.origin}.`;
}
