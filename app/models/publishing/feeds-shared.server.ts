/** What the calendar and Atom feeds share: the feeds' stable identity, titles and one-line text. Internal to the feeds: not in the domain's index. */
import { siteAddress } from "../../utils/site-url.server";

/** Used in calendar UIDs and Atom ids where SITE_URL is not set (docs/decisions/019-date-precision.md). */
export const FIXED_FEED_DOMAIN = "board-portal.invalid";

/**
 * The domain in calendar UIDs and Atom tag: ids. It must not change with the
 * address that serves a request, nor with the port: SITE_URL's host name where
 * set, else a fixed domain. (`_site` is kept so callers need not change.)
 */
export function hostOf(_site?: string) {
  const address = siteAddress();
  return address.configured ? new URL(address.origin).hostname : FIXED_FEED_DOMAIN;
}

/** A meeting's title with its body's name in front, once (a title may already start with it). */
export function titleWithBody(bodyName: string, title: string) {
  return title.toLowerCase().startsWith(`${bodyName.toLowerCase()}:`) ? title : `${bodyName}: ${title}`;
}

export function truncate(text: string, n: number) {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > n ? `${flat.slice(0, n - 1)}…` : flat;
}
