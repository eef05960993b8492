import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { Button, NotificationBanner } from "~/components/forms";
import { FollowingList } from "~/components/following-list";
import { Pagination } from "~/components/pagination";
import { db } from "~/models/records";
import { findByManageToken, isOwnSubscription, listFollowing, stopFollowingEverything, unsubscribe } from "~/models/publishing";
import { PUBLIC_VIEWER } from "~/rules/viewer.server";
import { formText, readForm } from "~/utils/forms.server";
import { notFound, pageCount, parsePage } from "~/utils/http.server";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "What you follow");

/**
 * Reached from the link in each email: the token (one subscription's, revocable)
 * is the guard, and shows only its own address's list. "Stop following
 * everything" rotates the token it was opened with (docs/decisions/013).
 */
export async function loader({ params, request }: LoaderFunctionArgs) {
  const sub = await findByManageToken(db(), params.token ?? "");
  if (!sub) notFound("This link is not valid.");
  const url = new URL(request.url);
  const list = await listFollowing(PUBLIC_VIEWER, { email: sub.email }, { page: parsePage(request.url) });
  return json(
    {
      email: sub.email,
      token: params.token ?? "",
      ...list,
      page: parsePage(request.url),
      pages: pageCount(list.total),
      notice: url.searchParams.has("confirmed")
        ? "Thank you: you are now following it."
        : url.searchParams.has("stopped-all")
          ? "You have stopped following everything. The link you used no longer works: this page's address is the new one."
          : url.searchParams.has("stopped")
            ? "You have stopped following it."
            : null,
    },
    { headers: { "Cache-Control": "no-store", "Referrer-Policy": "no-referrer" } },
  );
}

export async function action({ params, request, context }: ActionFunctionArgs) {
  const token = params.token ?? "";
  const sub = await findByManageToken(db(), token);
  if (!sub) notFound("This link is not valid.");
  const form = await readForm(request);
  const actor = { userId: null, ipAddress: context?.clientIp ?? null };
  if (formText(form, "intent") === "stop-all") {
    const { token: fresh } = await db().transaction((tx) => stopFollowingEverything(tx, sub, actor));
    return redirect(`/follow/manage/${fresh}?stopped-all`, { status: 303 });
  }
  const id = formText(form, "subscription");
  const own = await isOwnSubscription({ email: sub.email }, id);
  if (own) await db().transaction((tx) => unsubscribe(tx, id, actor));
  return redirect(`/follow/manage/${token}?stopped`, { status: 303 });
}

export default function ManageFollowing() {
  const { email, items, notice, pages, page, total, token } = useLoaderData<typeof loader>();
  return (
    <>
      {notice && <NotificationBanner success>{notice}</NotificationBanner>}
      <h1 className="govuk-heading-l">What you follow</h1>
      <p className="govuk-body">Emails go to {email}.</p>
      <FollowingList items={items} />
      <Pagination page={page} pageCount={pages} href={(p) => `?page=${p}`} />
      {total > 0 && (
        <Form method="post">
          <input type="hidden" name="intent" value="stop-all" />
          <p className="govuk-body">This stops every email we send to {email}. The link you opened this page with will stop working.</p>
          <Button variant="warning">Stop following everything</Button>
        </Form>
      )}
      <h2 className="govuk-heading-m">Your data</h2>
      <p className="govuk-body">
        <Link className="govuk-link" to={`/follow/manage/${token}/data`}>
          See, download or delete everything we hold about {email}
        </Link>
      </p>
    </>
  );
}
