import type { LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { municipalYearLabel, municipalYearOf } from "~/rules/municipal-year.server";

/** /work-programme: this municipal year's programme. */
export async function loader(_args: LoaderFunctionArgs) {
  return redirect(`/work-programme/${municipalYearLabel(municipalYearOf(new Date()))}`, { status: 302 });
}
