import type { LoaderFunctionArgs } from "@remix-run/node";
import { getViewer } from "~/auth/viewer.server";
import { parseRegisterFilters, REGISTER_CSV_HEADER, registerCsvCells, registerInBatches } from "~/models/oversight";
import { csvStreamResponse, mapBatches } from "~/utils/csv";
import { siteUrl } from "~/utils/site-url.server";

/** The register as CSV: the same filters, sort and visibility as /recommendations, a batch at a time. */
export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await getViewer(request);
  const origin = siteUrl();
  const { filters, errors } = parseRegisterFilters(new URL(request.url).searchParams);
  if (Object.keys(errors).length > 0) {
    return new Response(`${Object.values(errors).join(". ")}.\n`, { status: 400, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  }
  return csvStreamResponse("recommendations.csv", REGISTER_CSV_HEADER, mapBatches(registerInBatches(viewer, { filters }), (r) => registerCsvCells(r, origin)));
}
