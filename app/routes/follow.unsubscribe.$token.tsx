import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { Button, NotificationBanner } from "~/components/forms";
import { db } from "~/db.server";
import { findByUnsubscribeToken, findFollowTarget, FOLLOW_TYPE_LABELS, unsubscribe } from "~/models/follow.server";
import { PUBLIC_VIEWER } from "~/rules/viewer.server";
import { notFound } from "~/utils/http.server";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "Stop following");

/** The one-click link in every email: GET asks, POST stops. The token is the guard. */
export async function loader({ params, request }: LoaderFunctionArgs) {
  const token = params.token ?? "";
  const sub = await findByUnsubscribeToken(db(), token);
  if (!sub) notFound("This link is not valid.");
  const target = await findFollowTarget(PUBLIC_VIEWER, sub.targetType, sub.targetId);
  return json(
    {
      stopped: sub.unsubscribedAt !== null,
      justStopped: new URL(request.url).searchParams.has("done"),
      title: target?.title ?? `a ${FOLLOW_TYPE_LABELS[sub.targetType]}`,
      typeLabel: FOLLOW_TYPE_LABELS[sub.targetType],
      token,
    },
    { headers: { "Cache-Control": "no-store", "Referrer-Policy": "no-referrer" } },
  );
}

export async function action({ params, context }: ActionFunctionArgs) {
  const token = params.token ?? "";
  const sub = await findByUnsubscribeToken(db(), token);
  if (!sub) notFound("This link is not valid.");
  await db().transaction((tx) => unsubscribe(tx, sub.id, { userId: null, ipAddress: context?.clientIp ?? null }));
  return redirect(`/follow/unsubscribe/${token}?done`, { status: 303 });
}

export default function Unsubscribe() {
  const { stopped, justStopped, title, typeLabel, token } = useLoaderData<typeof loader>();
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        {justStopped && <NotificationBanner success>You have stopped following this {typeLabel}.</NotificationBanner>}
        <h1 className="govuk-heading-l">Stop following</h1>
        <p className="govuk-body">{title}</p>
        {stopped ? (
          <p className="govuk-body">You no longer get emails about this {typeLabel}.</p>
        ) : (
          <Form method="post">
            <Button variant="warning">Stop following</Button>
          </Form>
        )}
        <p className="govuk-body">
          <Link className="govuk-link" to={`/follow/manage/${token}`}>See everything you follow</Link>
        </p>
      </div>
    </div>
  );
}
