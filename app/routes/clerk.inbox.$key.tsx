import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/permissions.server";
import { InboxRows, inboxCount } from "~/components/clerk-inbox";
import { Pagination } from "~/components/pagination";
import { clerkInboxSection } from "~/models/inbox";
import { invariantFound, parsePage } from "~/utils/http.server";
import { cappedPageCount } from "~/utils/paging.server";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(matches, data ? data.section.title : "Waiting for you");
export const handle = { breadcrumbs: () => [{ label: "Clerk's dashboard", to: "/clerk" }] };

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requirePermission(request, "update:meeting:any");
  const page = parsePage(new URL(request.url));
  const section = invariantFound(await clerkInboxSection(viewer, params.key ?? "", page));
  return json(
    { section, page, pageCount: cappedPageCount({ total: section.count, more: section.more }, page) },
    { headers: { "Cache-Control": "private, no-store" } },
  );
}

export default function InboxSection() {
  const { section, page, pageCount } = useLoaderData<typeof loader>();
  return (
    <>
      <h1 className="govuk-heading-xl">{section.title}</h1>
      <p className="govuk-body">{section.hint}</p>
      <p className="govuk-body">Waiting: {inboxCount(section.count, section.more)}.</p>
      {section.rows.length === 0 ? <p className="govuk-body">{section.empty}</p> : <InboxRows rows={section.rows} />}
      <Pagination page={page} pageCount={pageCount} more={section.more} href={(p) => `/clerk/inbox/${section.key}?page=${p}`} />
    </>
  );
}
