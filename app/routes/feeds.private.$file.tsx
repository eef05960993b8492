import type { LoaderFunctionArgs } from "@remix-run/node";
import { privateCalendar } from "~/models/publishing";
import { calendarResponse } from "~/utils/feed-responses.server";
import { notFound } from "~/utils/http.server";
import { siteUrl } from "~/utils/site-url.server";

/** A member's or officer's private calendar: the secret token in the address is the guard. */
export async function loader({ params }: LoaderFunctionArgs) {
  const match = /^([A-Za-z0-9_-]{20,100})\.ics$/.exec(params.file ?? "");
  if (!match) notFound();
  const calendar = await privateCalendar(siteUrl(), match[1]);
  // An unknown or revoked token is simply not found.
  if (!calendar) notFound("This calendar address is not valid. It may have been replaced or turned off.");
  return calendarResponse(calendar, "calendar.ics", { private: true });
}
