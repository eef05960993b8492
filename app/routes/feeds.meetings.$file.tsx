import type { LoaderFunctionArgs } from "@remix-run/node";
import { getViewer } from "~/auth/viewer.server";
import { meetingCalendar } from "~/models/publishing";
import { calendarResponse } from "~/utils/feed-responses.server";
import { notFound } from "~/utils/http.server";
import { siteUrl } from "~/utils/site-url.server";

/**
 * /feeds/meetings/<slug>.ics: one public meeting as an iCalendar file ("Add to
 * calendar" on its page). A meeting whose day the sources do not give has none (404):
 * its page says so instead of offering an invented event.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  await getViewer(request); // public: the file is the same for everyone
  const match = /^([a-z0-9-]{1,200})\.ics$/.exec(params.file ?? "");
  if (!match) notFound();
  const calendar = await meetingCalendar(siteUrl(), match[1]);
  if (!calendar) notFound();
  return calendarResponse(calendar, `${match[1]}.ics`);
}
