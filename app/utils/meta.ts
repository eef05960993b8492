import type { MetaDescriptor } from "@remix-run/node";

interface MatchLike {
  id: string;
  data: unknown;
}

/** "Page title – Site name", the GOV.UK title pattern; "Error: " first when a form has errors. */
export function pageTitle(matches: MatchLike[], title: string, options: { error?: boolean } = {}): MetaDescriptor[] {
  const root = matches.find((m) => m.id === "root")?.data as { siteName?: string } | undefined;
  const site = root?.siteName ?? "Board portal";
  return [{ title: `${options.error ? "Error: " : ""}${title} – ${site}` }];
}
