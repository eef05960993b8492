import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { Button } from "~/components/forms";
import { db } from "~/models/records";
import { checkConfirmToken, confirmSubscription, unsubscribeToken } from "~/models/publishing";
import { notFound } from "~/utils/http.server";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "Confirm that you want to follow");

const MESSAGES = {
  used: "This link has already been used. If you confirmed, you are following; every email has a link to stop.",
  expired: "This link has expired: links work for 7 days. Go back to the page and follow it again.",
} as const;

/** The token in the address is the guard: an unknown token is not found. */
export async function loader({ params }: LoaderFunctionArgs) {
  const check = await checkConfirmToken(db(), params.token ?? "");
  if (!check.ok && check.reason === "invalid") notFound("This link is not valid.");
  return json(
    { problem: check.ok ? null : MESSAGES[check.reason as "used" | "expired"], confirmed: false },
    { status: check.ok ? 200 : 410, headers: { "Cache-Control": "no-store", "Referrer-Policy": "no-referrer" } },
  );
}

export async function action({ params, context }: ActionFunctionArgs) {
  const result = await db().transaction(async (tx) => {
    const r = await confirmSubscription(tx, params.token ?? "", context?.clientIp ?? null);
    return r.ok ? { ok: true as const, manage: await unsubscribeToken(tx, r.subscription.id, r.subscription.tokenVersion) } : r;
  });
  if (!result.ok && result.reason === "invalid") notFound("This link is not valid.");
  if (!result.ok) return json({ problem: MESSAGES[result.reason as "used" | "expired"], confirmed: false }, { status: 410 });
  return redirect(`/follow/manage/${result.manage}?confirmed`, { status: 303 });
}

export default function ConfirmFollow() {
  const { problem } = useLoaderData<typeof loader>();
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <h1 className="govuk-heading-l">Confirm that you want to follow</h1>
        {problem ? (
          <>
            <p className="govuk-body">{problem}</p>
            <p className="govuk-body"><Link className="govuk-link" to="/">Go to the home page</Link></p>
          </>
        ) : (
          <Form method="post">
            <p className="govuk-body">Confirm, and we will email you when it changes.</p>
            <Button>Confirm</Button>
          </Form>
        )}
      </div>
    </div>
  );
}
