/** What a state-changing request that did not come from this site is told (403). */
export const CROSS_SITE_REFUSAL = "Forbidden: this request did not come from this site.";

/**
 * True when a state-changing request's Origin (or, when it sends none, its
 * Referer) is this site. An Origin of "null" (a sandboxed frame, a data: page,
 * a redirect from another site) is a browser saying the request is not from
 * any site: cross-site, whatever the Referer says.
 */
export function isSameOrigin(
  origin: string | undefined,
  referer: string | undefined,
  host: string | undefined,
): boolean {
  if (!host) return false;
  const source = origin !== undefined ? origin : referer;
  if (!source || source === "null") return false;
  try {
    return new URL(source).host === host;
  } catch {
    return false;
  }
}

/**
 * The one request let in without coming from this site: a mail program's
 * one-click unsubscribe (RFC 8058), a POST with no Origin (and no cookie) to a
 * follow e-mail's unsubscribe link (`/follow/unsubscribe/:token`, or the bare
 * address, which answers 404). A request with a foreign Origin is still refused
 * (Remix would refuse it too). The route's action accepts nothing but the
 * one-click body from it.
 */
export function isOneClickUnsubscribe(method: string, path: string, origin: string | undefined): boolean {
  return method === "POST" && origin === undefined && /^\/follow\/unsubscribe(?:\/[^/]*)?\/?$/.test(path);
}
