import type { LoaderFunctionArgs } from "@remix-run/node";
import { getViewer } from "~/auth/viewer.server";
import { recommendationResponsesFeed } from "~/models/publishing";
import { atomResponse } from "~/utils/feed-responses.server";
import { siteUrl } from "~/utils/site-url.server";

/** Responses to the board's public recommendations (Atom). */
export async function loader({ request }: LoaderFunctionArgs) {
  await getViewer(request); // public: the feed is the same for everyone
  return atomResponse(await recommendationResponsesFeed(siteUrl()));
}
