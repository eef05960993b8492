import type { LoaderFunctionArgs } from "@remix-run/node";
import { getViewer } from "~/auth/viewer.server";
import { sitemapXml } from "~/models/publishing";
import { siteUrl } from "~/utils/site-url.server";

/** Every public page, for search engines. The same for everyone: built for the public. */
export async function loader({ request }: LoaderFunctionArgs) {
  await getViewer(request);
  return new Response(await sitemapXml(siteUrl()), {
    headers: { "Content-Type": "application/xml; charset=utf-8", "Cache-Control": "public, max-age=3600" },
  });
}
