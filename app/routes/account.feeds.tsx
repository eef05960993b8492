import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/permissions.server";
import { Button, ErrorSummary, NotificationBanner } from "~/components/forms";
import { db } from "~/models/records";
import { currentFeedToken, issueFeedToken, revokeFeedTokens } from "~/models/publishing";
import { formText, invalid, readForm, type FieldErrors } from "~/utils/forms.server";
import { pageTitle } from "~/utils/meta";
import { siteUrl } from "~/utils/site-url.server";
import { formatDateTime } from "~/rules/dates.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "Your private calendar");
export const handle = { breadcrumbs: () => [{ label: "Home", to: "/" }, { label: "Your account", to: "/account" }] };

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requirePermission(request, "update:account:own");
  const token = await currentFeedToken(viewer.userId);
  const url = new URL(request.url);
  return json(
    {
      hasToken: token !== null,
      createdAt: token ? formatDateTime(token.createdAt) : null,
      notice: url.searchParams.has("revoked") ? "Your private calendar address has been turned off." : null,
    },
    { headers: { "Cache-Control": "no-store" } },
  );
}

type ActionData = { feedUrl?: string; errors?: FieldErrors };

export async function action({ request, context }: ActionFunctionArgs) {
  const viewer = await requirePermission(request, "update:account:own");
  const form = await readForm(request);
  const intent = formText(form, "intent");
  const actor = { userId: viewer.userId, ipAddress: context?.clientIp ?? null };
  if (intent === "generate") {
    const token = await db().transaction((tx) => issueFeedToken(tx, actor));
    // Shown once: only its hash is kept.
    return json<ActionData>({ feedUrl: `${siteUrl()}/feeds/private/${token}.ics` }, { headers: { "Cache-Control": "no-store" } });
  }
  if (intent === "revoke") {
    await db().transaction((tx) => revokeFeedTokens(tx, actor));
    return redirect("/account/feeds?revoked", { status: 303 });
  }
  return invalid(context, { errors: { intent: "Choose whether to create or turn off your calendar address" } });
}

export default function AccountFeeds() {
  const { hasToken, createdAt, notice } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as ActionData | undefined;
  return (
    <>
      <ErrorSummary errors={actionData?.errors} />
      {notice && <NotificationBanner success>{notice}</NotificationBanner>}
      <h1 className="govuk-heading-l">Your private calendar</h1>
      <p className="govuk-body">
        A private calendar address shows the meetings you may see and the dates your questions and actions are due, and when responses are due to the board’s recommendations you lead. Anyone
        who has the address can read it, so keep it to yourself. You can turn it off at any time.
      </p>
      {actionData?.feedUrl ? (
        <div className="govuk-panel govuk-panel--confirmation">
          <h2 className="govuk-panel__title">Your calendar address</h2>
          <div className="govuk-panel__body">
            <p className="govuk-body portal-break-all">
              <a className="govuk-link govuk-link--inverse" href={actionData.feedUrl}>{actionData.feedUrl}</a>
            </p>
          </div>
        </div>
      ) : null}
      {actionData?.feedUrl && (
        <p className="govuk-body">Copy it now: it will not be shown again. Add it to your calendar app as a subscribed calendar.</p>
      )}
      {hasToken && !actionData?.feedUrl && (
        <p className="govuk-body">You have a private calendar address, created {createdAt}.</p>
      )}
      <Form method="post">
        <input type="hidden" name="intent" value="generate" />
        <Button>{hasToken ? "Replace my calendar address" : "Create my calendar address"}</Button>
      </Form>
      {hasToken && (
        <Form method="post">
          <input type="hidden" name="intent" value="revoke" />
          <Button variant="secondary">Turn off my calendar address</Button>
        </Form>
      )}
    </>
  );
}
