import type { LoaderFunctionArgs } from "@remix-run/node";
import { getViewer } from "~/auth/viewer.server";
import { actionsInBatches, parseActionFilters } from "~/models/questions";
import { csvStreamResponse, mapBatches } from "~/utils/csv";
import { siteUrl } from "~/utils/site-url.server";

/** The action register as CSV: the same filters and the same visibility as /actions, streamed a batch at a time. */
export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await getViewer(request);
  const url = new URL(request.url);
  const origin = siteUrl();
  const batches = actionsInBatches(viewer, { filters: parseActionFilters(url.searchParams) });
  return csvStreamResponse(
    "actions.csv",
    ["id", "action", "owning_organisation", "owner", "from", "from_record", "from_address", "due_on", "status", "overdue", "days_open", "days_late", "address", "status_basis", "status_basis_note"],
    mapBatches(batches, (a) => [
      a.id,
      a.description,
      a.organisation,
      a.owner ?? "",
      a.source,
      a.origin?.label ?? "",
      a.origin ? `${origin}${a.origin.href}` : "",
      a.dueOn,
      a.statusLabel,
      a.overdue ? "yes" : "no",
      a.daysOpen,
      a.daysLate,
      `${origin}/actions/${a.id}`,
      a.statusBasis.kind,
      a.statusBasis.note,
    ]),
  );
}
