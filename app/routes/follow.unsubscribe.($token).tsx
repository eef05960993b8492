import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Button, NotificationBanner } from "~/components/forms";
import { db } from "~/models/records";
import { findByUnsubscribeToken, findFollowTarget, FOLLOW_TYPE_LABELS, unsubscribe } from "~/models/publishing";
import { PUBLIC_VIEWER } from "~/rules/viewer.server";
import { CROSS_SITE_REFUSAL } from "~/server/origin";
import { formText, readForm } from "~/utils/forms.server";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "Stop following");

/** Never cached, and the token never leaves in a Referer. */
const PRIVATE = { "Cache-Control": "no-store", "Referrer-Policy": "no-referrer" };

/** What RFC 8058 says a mail program's one-click POST carries. */
const ONE_CLICK = "One-Click";

/**
 * The unsubscribe link of every follow e-mail (docs/decisions/008). The token
 * in the address is the guard; the link never expires. GET only asks (mail
 * scanners open links): one "Unsubscribe" button. POST stops: from the button
 * (303 back here), or from a mail program's own button, RFC 8058, with the body
 * `List-Unsubscribe=One-Click`, no cookie and no Origin (200).
 */
export async function loader({ params, request }: LoaderFunctionArgs) {
  const token = params.token ?? "";
  const sub = await findByUnsubscribeToken(db(), token);
  if (!sub) return json({ problem: "unknown" as const }, { status: 404, headers: PRIVATE });
  const target = await findFollowTarget(PUBLIC_VIEWER, sub.targetType, sub.targetId);
  return json(
    {
      problem: null,
      stopped: sub.unsubscribedAt !== null,
      justStopped: new URL(request.url).searchParams.has("done"),
      title: target?.title ?? `a ${FOLLOW_TYPE_LABELS[sub.targetType]}`,
      typeLabel: FOLLOW_TYPE_LABELS[sub.targetType],
      token,
    },
    { headers: PRIVATE },
  );
}

export async function action({ params, request, context }: ActionFunctionArgs) {
  const form = await readForm(request);
  const oneClick = formText(form, "List-Unsubscribe") === ONE_CLICK;
  // Let past the cross-site check (app/server/app.ts) for the mail program's
  // POST only: anything else from elsewhere is refused as every other route does.
  if (context?.crossSite && !oneClick) return json({ problem: "cross-site" as const }, { status: 403, headers: PRIVATE });
  const token = params.token ?? "";
  const sub = await findByUnsubscribeToken(db(), token);
  if (!sub) return json({ problem: "unknown" as const }, { status: 404, headers: PRIVATE });
  const stopped = await db().transaction((tx) =>
    unsubscribe(tx, sub.id, { userId: null, ipAddress: context?.clientIp ?? null }, oneClick ? "one_click" : "link"),
  );
  // Stopped already: the same answer, and nothing changes.
  if (oneClick) return json({ problem: null, stopped: true, now: stopped }, { headers: PRIVATE });
  return redirect(`/follow/unsubscribe/${token}?done`, { status: 303 });
}

export default function Unsubscribe() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  if (actionData?.problem === "cross-site") {
    return (
      <>
        <h1 className="govuk-heading-l">This request was refused</h1>
        <p className="govuk-body">{CROSS_SITE_REFUSAL}</p>
      </>
    );
  }
  if (data.problem !== null) {
    return (
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <h1 className="govuk-heading-l">This link cannot be used</h1>
          <p className="govuk-body">
            This unsubscribe link is not valid. Check you copied the entire address from the email: every email we send
            about what you follow ends with a link that works.
          </p>
        </div>
      </div>
    );
  }
  const { stopped, title, typeLabel, token } = data;
  const justStopped = data.justStopped || (actionData && "now" in actionData && actionData.now);
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        {justStopped && <NotificationBanner success>{`You have stopped following this ${typeLabel}.`}</NotificationBanner>}
        <h1 className="govuk-heading-l">Stop following</h1>
        <p className="govuk-body">{title}</p>
        {stopped ? (
          <p className="govuk-body">{`You no longer get emails about this ${typeLabel}.`}</p>
        ) : (
          <>
            <p className="govuk-body">{`Press the button to stop getting emails about this ${typeLabel}.`}</p>
            <Form method="post">
              <Button variant="warning">Unsubscribe</Button>
            </Form>
          </>
        )}
        <p className="govuk-body">
          <Link className="govuk-link" to={`/follow/manage/${token}`}>
            See everything you follow
          </Link>
        </p>
      </div>
    </div>
  );
}
