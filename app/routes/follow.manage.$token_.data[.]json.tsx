import type { LoaderFunctionArgs } from "@remix-run/node";
import { db } from "~/models/records";
import { downloadFollowerData, findByManageToken } from "~/models/publishing";
import { notFound } from "~/utils/http.server";

/** A follower's own data as JSON (docs/decisions/031-peoples-data-and-retention.md); the download is audited. */
export async function loader({ params, context }: LoaderFunctionArgs) {
  const sub = await findByManageToken(db(), params.token ?? "");
  if (!sub) notFound("This link is not valid.");
  const data = await downloadFollowerData(sub.email, { userId: null, ipAddress: context?.clientIp ?? null });
  return new Response(`${JSON.stringify(data, null, 2)}\n`, {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": 'attachment; filename="your-data.json"',
      "Cache-Control": "no-store",
      "Referrer-Policy": "no-referrer",
    },
  });
}
