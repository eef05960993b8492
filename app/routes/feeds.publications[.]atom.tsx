import type { LoaderFunctionArgs } from "@remix-run/node";
import { getViewer } from "~/auth/viewer.server";
import { publicationsFeed } from "~/models/publishing";
import { atomResponse } from "~/utils/feed-responses.server";
import { siteUrl } from "~/utils/site-url.server";

/** Agendas, supplementary agendas, minutes, approved minutes and reports (Atom). */
export async function loader({ request }: LoaderFunctionArgs) {
  await getViewer(request); // public: the feed is the same for everyone
  return atomResponse(await publicationsFeed(siteUrl()));
}
