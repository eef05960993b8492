import { getEnv } from "../env.server";

/**
 * The site's address for links in e-mails: SITE_URL when set (it must be, in
 * production: otherwise the address comes from the request's Host header),
 * else the request's own origin.
 */
export function siteUrl(request: Request): string {
  const configured = getEnv().SITE_URL;
  if (configured) return configured.replace(/\/+$/, "");
  return new URL(request.url).origin;
}
