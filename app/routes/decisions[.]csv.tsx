import type { LoaderFunctionArgs } from "@remix-run/node";
import { getViewer } from "~/auth/viewer.server";
import { decisionsInBatches, parseDecisionFilters } from "~/models/meetings";
import { isoAtPrecision } from "~/rules/date-precision.server";
import { csvStreamResponse, mapBatches } from "~/utils/csv";
import { siteUrl } from "~/utils/site-url.server";

/** The decisions as CSV: the same filters and the same visibility as /decisions, a batch at a time. */
export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await getViewer(request);
  const origin = siteUrl();
  const { filters } = parseDecisionFilters(new URL(request.url).searchParams);
  return csvStreamResponse(
    "decisions.csv",
    ["id", "decision", "reasons", "made_by", "meeting", "meeting_date", "meeting_date_precision", "agenda_item", "status", "status_label", "call_in_until", "called_in_on", "implemented_on", "address"],
    mapBatches(decisionsInBatches(viewer, { filters }), (d) => [
      d.id,
      d.text,
      d.reasons,
      d.body.name,
      d.meeting.title,
      isoAtPrecision(d.startsAt, d.datePrecision) ?? "",
      d.datePrecision,
      d.item.title,
      d.status,
      d.statusLabel,
      d.callInUntil ?? "",
      d.calledInOn ?? "",
      d.implementedOn ?? "",
      `${origin}/decisions/${d.id}`,
    ]),
  );
}
