import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { NotificationBanner } from "~/components/forms";
import { FollowingList } from "~/components/following-list";
import { Pagination } from "~/components/pagination";
import { db } from "~/db.server";
import { findByUnsubscribeToken, isOwnSubscription, listFollowing, unsubscribe } from "~/models/follow.server";
import { PUBLIC_VIEWER } from "~/rules/viewer.server";
import { formText, readForm } from "~/utils/forms.server";
import { notFound, pageCount, parsePage } from "~/utils/http.server";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "What you follow");

/** Reached from the link in each email: the token is the guard, and shows only its own address's list. */
export async function loader({ params, request }: LoaderFunctionArgs) {
  const sub = await findByUnsubscribeToken(db(), params.token ?? "");
  if (!sub) notFound("This link is not valid.");
  const url = new URL(request.url);
  const list = await listFollowing(PUBLIC_VIEWER, { email: sub.email }, { page: parsePage(request.url) });
  return json(
    {
      email: sub.email,
      ...list,
      page: parsePage(request.url),
      pages: pageCount(list.total),
      notice: url.searchParams.has("confirmed") ? "Thank you: you are now following it." : url.searchParams.has("stopped") ? "You have stopped following it." : null,
    },
    { headers: { "Cache-Control": "no-store", "Referrer-Policy": "no-referrer" } },
  );
}

export async function action({ params, request, context }: ActionFunctionArgs) {
  const token = params.token ?? "";
  const sub = await findByUnsubscribeToken(db(), token);
  if (!sub) notFound("This link is not valid.");
  const form = await readForm(request);
  const id = formText(form, "subscription");
  const own = await isOwnSubscription({ email: sub.email }, id);
  if (own) await db().transaction((tx) => unsubscribe(tx, id, { userId: null, ipAddress: context?.clientIp ?? null }));
  return redirect(`/follow/manage/${token}?stopped`, { status: 303 });
}

export default function ManageFollowing() {
  const { email, items, notice, pages, page } = useLoaderData<typeof loader>();
  return (
    <>
      {notice && <NotificationBanner success>{notice}</NotificationBanner>}
      <h1 className="govuk-heading-l">What you follow</h1>
      <p className="govuk-body">Emails go to {email}.</p>
      <FollowingList items={items} />
      <Pagination page={page} pageCount={pages} href={(p) => `?page=${p}`} />
    </>
  );
}
