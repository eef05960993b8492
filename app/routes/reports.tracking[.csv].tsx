import type { LoaderFunctionArgs } from "@remix-run/node";
import { getViewer } from "~/auth/viewer.server";
import { parseRange, responseTimelinessReport, timelinessCsv, trackingCsv, trackingReport } from "~/models/oversight";
import { siteUrl } from "~/utils/site-url.server";

/** The tracking report as CSV: the same rows as /reports/tracking, for the same range. */
export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await getViewer(request);
  const url = new URL(request.url);
  if (url.searchParams.get("table") === "response-timeliness") {
    // The tracker's figure of responses on time, late or not at all, per addressee and municipal year.
    return new Response(`\uFEFF${timelinessCsv(await responseTimelinessReport(viewer))}`, {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": 'attachment; filename="responses-on-time.csv"',
        "Cache-Control": "private, no-store",
      },
    });
  }
  const range = parseRange(url);
  if (!range.ok) {
    const message = Object.values(range.errors).join(". ");
    return new Response(`${message}.\n`, { status: 400, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  }
  const rows = await trackingReport(viewer, range);
  return new Response(`\uFEFF${trackingCsv(rows, siteUrl())}`, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="tracker-${range.from}-to-${range.to}.csv"`,
      "Cache-Control": "private, no-store",
    },
  });
}
