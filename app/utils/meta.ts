import type { MetaDescriptor } from "@remix-run/node";

interface MatchLike {
  id: string;
  data: unknown;
}

/** What every page says of itself to search engines and link previews, unless it says more (issue #15 item 14). */
export function defaultDescription(site: string) {
  return `${site}: the board's agendas, reports and minutes, the questions members ask and the answers they get, and what was done about them.`;
}

/** A description cut to about the length search results show, on a word. */
export function shortDescription(text: string, max = 200) {
  const flat = text
    .replace(/[#*_>`|[\]]+/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max - 1);
  return `${cut.slice(0, cut.lastIndexOf(" ") > 0 ? cut.lastIndexOf(" ") : cut.length)}…`;
}

/**
 * "Page title – Site name", the GOV.UK title pattern; "Error: " first when a form has
 * errors; and the page's meta description (the site's own unless the page gives one).
 */
export function pageTitle(
  matches: MatchLike[],
  title: string,
  options: { error?: boolean; description?: string | null } = {},
): MetaDescriptor[] {
  const root = matches.find((m) => m.id === "root")?.data as { siteName?: string; formHasErrors?: boolean } | undefined;
  const site = root?.siteName ?? "Board portal";
  // A form posted with errors marks the request (app/utils/forms.server.ts `invalid`).
  const error = options.error ?? root?.formHasErrors === true;
  const description = options.description ? shortDescription(options.description) : defaultDescription(site);
  return [{ title: `${error ? "Error: " : ""}${title} – ${site}` }, { name: "description", content: description }];
}

/** The title of an error page, as its heading says (app/components/error-page.tsx). */
export function errorTitle(status: number) {
  if (status === 404) return "Page not found";
  if (status === 400) return "There is a problem with the address";
  if (status === 403) return "You cannot see this page";
  if (status === 503) return "Sorry, the portal is unavailable";
  return "Sorry, there is a problem with the portal";
}
