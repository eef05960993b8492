import type { MetaDescriptor } from "@remix-run/node";

interface MatchLike {
  id: string;
  data: unknown;
}

/** "Page title – Site name", the GOV.UK title pattern; "Error: " first when a form has errors. */
export function pageTitle(matches: MatchLike[], title: string, options: { error?: boolean } = {}): MetaDescriptor[] {
  const root = matches.find((m) => m.id === "root")?.data as { siteName?: string; formHasErrors?: boolean } | undefined;
  const site = root?.siteName ?? "Board portal";
  // A form posted with errors marks the request (app/utils/forms.server.ts `invalid`).
  const error = options.error ?? root?.formHasErrors === true;
  return [{ title: `${error ? "Error: " : ""}${title} – ${site}` }];
}
