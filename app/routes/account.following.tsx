import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/permissions.server";
import { NotificationBanner } from "~/components/forms";
import { FollowingList } from "~/components/following-list";
import { Pagination } from "~/components/pagination";
import { db } from "~/models/records";
import { isOwnSubscription, listFollowing, unsubscribe } from "~/models/publishing";
import { formText, readForm } from "~/utils/forms.server";
import { pageCount, parsePage } from "~/utils/http.server";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "What you follow");
export const handle = { breadcrumbs: () => [{ label: "Home", to: "/" }, { label: "Your account", to: "/account" }] };

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requireUser(request);
  const list = await listFollowing(viewer, { userId: viewer.userId, email: viewer.email }, { page: parsePage(request.url) });
  return json(
    {
      email: viewer.email,
      ...list,
      page: parsePage(request.url),
      pages: pageCount(list.total),
      notice: new URL(request.url).searchParams.has("stopped") ? "You have stopped following it." : null,
    },
    { headers: { "Cache-Control": "no-store" } },
  );
}

export async function action({ request, context }: ActionFunctionArgs) {
  const viewer = await requireUser(request);
  const form = await readForm(request);
  const id = formText(form, "subscription");
  const own = await isOwnSubscription({ userId: viewer.userId, email: viewer.email }, id);
  if (!own) return json({ error: "Choose something you follow" }, { status: 400 });
  await db().transaction((tx) => unsubscribe(tx, id, { userId: viewer.userId, ipAddress: context?.clientIp ?? null }));
  return redirect("/account/following?stopped", { status: 303 });
}

export default function AccountFollowing() {
  const { email, items, notice, pages, page } = useLoaderData<typeof loader>();
  return (
    <>
      {notice && <NotificationBanner success>{notice}</NotificationBanner>}
      <h1 className="govuk-heading-l">What you follow</h1>
      <p className="govuk-body">Emails go to {email}. To follow a meeting, question or board, use the “Follow” link on its page.</p>
      <FollowingList items={items} />
      <Pagination page={page} pageCount={pages} href={(p) => `?page=${p}`} />
    </>
  );
}
