import { getEnv } from "../env.server";

/**
 * The site's address (docs/decisions/017-site-address-and-production-mode.md):
 * SITE_URL, else `http://localhost:PORT`. Every link made for use outside the
 * page (e-mails and their headers, feeds, the sitemap, calendar UIDs, CSV
 * exports, anything stored) starts with it; never with the request's Host,
 * which the sender chooses. app/server/app.ts hands Remix every request as if it
 * were made to this address, and refuses (421) any other Host when SITE_URL is set.
 */
export function siteUrl(): string {
  return siteAddress().origin;
}

export interface SiteAddress {
  /** `https://board.example.org`: no trailing slash, no path. */
  origin: string;
  /** `board.example.org` (with `:port` when not the scheme's default). */
  host: string;
  /** True when the address is https: Secure cookies and HSTS. */
  https: boolean;
  /** True when SITE_URL is set; false for the `http://localhost:PORT` default. */
  configured: boolean;
}

let cached: { key: string; address: SiteAddress } | undefined;

export function siteAddress(): SiteAddress {
  const env = getEnv();
  const key = `${env.SITE_URL ?? ""} ${env.PORT}`;
  if (cached?.key === key) return cached.address;
  const url = new URL(env.SITE_URL ?? `http://localhost:${env.PORT}`);
  const address = { origin: url.origin, host: url.host, https: url.protocol === "https:", configured: Boolean(env.SITE_URL) };
  cached = { key, address };
  return address;
}
