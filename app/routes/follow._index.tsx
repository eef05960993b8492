import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { getViewer } from "~/auth/viewer.server";
import { Button, ErrorSummary, NotificationBanner, TextInput } from "~/components/forms";
import { db } from "~/models/records";
import { findFollowTarget, FOLLOW_TYPE_LABELS, FOLLOW_WHAT_IS_SENT, followAsUser, followByEmail, followingSubscriptionId, isOwnSubscription, unsubscribe } from "~/models/publishing";
import { sendPendingEmailsQuietly } from "~/models/publishing";
import type { FieldErrors } from "~/utils/form-fields";
import { invalid, readForm } from "~/utils/forms.server";
import { notFound } from "~/utils/http.server";
import { pageTitle } from "~/utils/meta";
import { siteUrl } from "~/utils/site-url.server";
import { followSchema as schema, formText, parseForm } from "~/utils/page-schemas.server";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  pageTitle(matches, data ? `Follow: ${data.target.title}` : "Follow");

/** Anyone may follow something public; the target must exist and be visible to them. */
export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await getViewer(request);
  const url = new URL(request.url);
  const target = await findFollowTarget(viewer, url.searchParams.get("type") ?? "", url.searchParams.get("id") ?? "");
  if (!target) notFound("There is nothing to follow at this address.");
  return json(
    {
      target: { ...target, typeLabel: FOLLOW_TYPE_LABELS[target.type], whatIsSent: FOLLOW_WHAT_IS_SENT[target.type] },
      signedIn: viewer.kind === "user" ? { email: viewer.email } : null,
      following: await followingSubscriptionId(viewer, target.type, target.id),
      done: url.searchParams.get("done"),
    },
    { headers: { "Cache-Control": "no-store" } },
  );
}

export async function action({ request, context }: ActionFunctionArgs) {
  const viewer = await getViewer(request);
  const form = await readForm(request);
  const target = await findFollowTarget(viewer, formText(form, "type"), formText(form, "id"));
  if (!target) notFound("There is nothing to follow at this address.");
  const back = `/follow?${new URLSearchParams({ type: target.type, id: target.id })}`;
  const ipAddress = context?.clientIp ?? null;
  if (viewer.kind === "user" && formText(form, "intent") === "stop") {
    // "Stop following" beside "You follow this": on this page or on the record's own page.
    const subscription = formText(form, "subscription");
    if (await isOwnSubscription({ userId: viewer.userId, email: viewer.email }, subscription)) {
      await db().transaction((tx) => unsubscribe(tx, subscription, { userId: viewer.userId, ipAddress }));
    }
    const to = formText(form, "return") === "record" ? `${target.path}?following=stopped` : `${back}&done=stopped`;
    return redirect(to, { status: 303 });
  }
  if (viewer.kind === "user") {
    await db().transaction((tx) => followAsUser(tx, viewer, target, ipAddress));
    return redirect(`${back}&done=following`, { status: 303 });
  }
  const parsed = parseForm(schema, form);
  if (!parsed.ok) return invalid(context, { errors: parsed.errors, values: { email: formText(form, "email") } });
  await db().transaction((tx) => followByEmail(tx, parsed.data.email, target, siteUrl(), ipAddress));
  await sendPendingEmailsQuietly();
  return redirect(`${back}&done=check-email`, { status: 303 });
}

export default function Follow() {
  const { target, signedIn, done, following } = useLoaderData<typeof loader>();
  const actionData = useActionData<{ errors: FieldErrors; values: { email: string } }>();
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary errors={actionData?.errors} />
        {done === "following" && following && (
          <NotificationBanner success>
            You now follow this {target.typeLabel}. <Link className="govuk-link" to="/account/following">See what you follow</Link>
          </NotificationBanner>
        )}
        {done === "stopped" && !following && (
          <NotificationBanner success>You have stopped following this {target.typeLabel}.</NotificationBanner>
        )}
        {done === "check-email" && !actionData && (
          <NotificationBanner success>
            Check your email: we have sent a link to confirm. Nothing will be sent until you open it.
          </NotificationBanner>
        )}
        <span className="govuk-caption-l">Follow this {target.typeLabel}</span>
        <h1 className="govuk-heading-l">{target.title}</h1>
        <p className="govuk-body">{target.whatIsSent} Every email has a link to stop.</p>
        <p className="govuk-body">
          <Link className="govuk-link" to={target.path}>Back to the {target.typeLabel}</Link>
        </p>
        {following ? (
          <Form method="post" action={`/follow?${new URLSearchParams({ type: target.type, id: target.id })}`}>
            <input type="hidden" name="intent" value="stop" />
            <input type="hidden" name="type" value={target.type} />
            <input type="hidden" name="id" value={target.id} />
            <input type="hidden" name="subscription" value={following} />
            <p className="govuk-body govuk-!-font-weight-bold">
              You follow this {target.typeLabel}: emails go to {signedIn?.email}.
            </p>
            <Button variant="secondary">Stop following</Button>
          </Form>
        ) : (
        <Form method="post" action={`/follow?${new URLSearchParams({ type: target.type, id: target.id })}`} noValidate>
          <input type="hidden" name="type" value={target.type} />
          <input type="hidden" name="id" value={target.id} />
          {signedIn ? (
            <p className="govuk-body">Emails will go to {signedIn.email}.</p>
          ) : (
            <TextInput
              name="email"
              label="Email address"
              type="email"
              autoComplete="email"
              spellCheck={false}
              defaultValue={actionData?.values.email}
              error={actionData?.errors.email}
            />
          )}
          <Button>Follow</Button>
        </Form>
        )}
      </div>
    </div>
  );
}
