import type { LoaderFunctionArgs } from "@remix-run/node";
import { getViewer } from "~/auth/viewer.server";
import { meetingsCalendar } from "~/models/publishing";
import { calendarResponse } from "~/utils/feed-responses.server";
import { siteUrl } from "~/utils/site-url.server";

/** Every public meeting, as an iCalendar feed (RFC 5545). */
export async function loader({ request }: LoaderFunctionArgs) {
  await getViewer(request); // public: the feed is the same for everyone
  return calendarResponse((await meetingsCalendar(siteUrl()))!, "meetings.ics");
}
