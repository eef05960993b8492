/** What the calendar and Atom feeds share: the site's host and one-line text. Internal to the feeds: not in the domain's index. */

export function hostOf(site: string) {
  return new URL(site).host;
}

export function truncate(text: string, n: number) {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > n ? `${flat.slice(0, n - 1)}…` : flat;
}
