import type { LoaderFunctionArgs } from "@remix-run/node";
import { siteUrl } from "~/utils/site-url.server";

/** Public: what crawlers may read. Private and one-time addresses are kept out. */
export async function loader(_args: LoaderFunctionArgs) {
  const site = siteUrl();
  const body = [
    "User-agent: *",
    "Disallow: /account",
    "Disallow: /admin",
    "Disallow: /sign-in",
    "Disallow: /follow",
    "Disallow: /feeds/private/",
    "Disallow: /invite/",
    "Disallow: /reset-password/",
    "Disallow: /search",
    "Allow: /",
    "",
    `Sitemap: ${site}/sitemap.xml`,
    "",
  ].join("\n");
  return new Response(body, { headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "public, max-age=3600" } });
}
