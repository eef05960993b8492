import type { LoaderFunctionArgs } from "@remix-run/node";
import { getViewer } from "~/auth/viewer.server";
import { parseRange, trackingCsv, trackingReport } from "~/models/oversight";
import { siteUrl } from "~/utils/site-url.server";

/** The tracking report as CSV: the same rows as /reports/tracking, for the same range. */
export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await getViewer(request);
  const range = parseRange(new URL(request.url));
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
