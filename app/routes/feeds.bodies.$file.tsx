import type { LoaderFunctionArgs } from "@remix-run/node";
import { getViewer } from "~/auth/viewer.server";
import { bodyFeed, meetingsCalendar } from "~/models/publishing";
import { atomResponse, calendarResponse } from "~/utils/feed-responses.server";
import { notFound } from "~/utils/http.server";
import { siteUrl } from "~/utils/site-url.server";

/** /feeds/bodies/<slug>.ics (the body's meetings) and /feeds/bodies/<slug>.atom (its publications and answers). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  await getViewer(request); // public: the feed is the same for everyone
  const match = /^([a-z0-9-]{1,200})\.(ics|atom)$/.exec(params.file ?? "");
  if (!match) notFound();
  const [, slug, ext] = match;
  if (ext === "ics") {
    const calendar = await meetingsCalendar(siteUrl(), slug);
    if (!calendar) notFound();
    return calendarResponse(calendar, `${slug}.ics`);
  }
  const feed = await bodyFeed(siteUrl(), slug);
  if (!feed) notFound();
  return atomResponse(feed);
}
