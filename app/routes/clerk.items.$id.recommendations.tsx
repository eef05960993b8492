/**
 * The board's recommendations agreed at an item's minute (issue 17): the list, and the
 * clerk's form to record one. Rules and the audit are in the oversight model
 * (recordBoardRecommendation); the response's due day is computed, never typed.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/permissions.server";
import { AgreedRecommendationsPage, RecordRecommendationForm } from "~/components/board-recommendation-form";
import { actorOf } from "~/handlers/clerk-forms.server";
import { recordRecommendationFromForm, type RecommendationFormData } from "~/handlers/board-recommendation-forms.server";
import { getClerkItem } from "~/models/meetings";
import { nextRecommendationReference, recommendationFormChoices, recommendationsAgreedAtMinute } from "~/models/oversight";
import { db } from "~/models/records";
import { readForm } from "~/utils/forms.server";
import { idParam, invariantFound } from "~/utils/http.server";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(matches, data ? `Recommendations: ${data.number}. ${data.title}` : "Recommendations");
export const handle = { breadcrumbs: () => [{ label: "Clerk", to: "/clerk" }] };

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "update:recommendation:any");
  const data = invariantFound(await getClerkItem(idParam(params)));
  const minuteId = data.minute?.id ?? null;
  const done = new URL(request.url).searchParams.get("done");
  return json({
    itemId: data.item.id,
    number: data.number,
    title: data.item.title,
    isExempt: data.item.isExempt,
    meeting: { title: data.meeting.title },
    hasMinute: minuteId !== null,
    recommendations: minuteId ? await recommendationsAgreedAtMinute(minuteId) : [],
    choices: await recommendationFormChoices(),
    nextReference: await nextRecommendationReference(db(), data.meeting.bodyId, data.meeting.startsAt.getUTCFullYear()),
    notice: done === "recorded" ? "Recommendation recorded." : null,
  });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const viewer = await requirePermission(request, "update:recommendation:any");
  const data = invariantFound(await getClerkItem(idParam(params)));
  const minuteId = data.minute?.id ?? null;
  const origin = minuteId
    ? { ok: true as const, origin: { bodyId: data.meeting.bodyId, agreedAtMinuteId: minuteId, agreedInDocumentId: null, agreedOn: null } }
    : { ok: false as const, errors: { form: "Write the item's minute before recording what the board agreed in it" } };
  const r = await recordRecommendationFromForm(context, actorOf(viewer, context), await readForm(request), origin);
  return r.ok ? redirect(`/clerk/items/${data.item.id}/recommendations?done=recorded#recommendations`, { status: 303 }) : r.response;
}

export default function ItemRecommendations() {
  const d = useLoaderData<typeof loader>();
  const data = useActionData<RecommendationFormData>();
  return (
    <AgreedRecommendationsPage
      errors={data?.errors}
      notice={d.notice}
      caption={d.meeting.title}
      heading={`Recommendations: ${d.number}. ${d.title}`}
      intro={
        <>
          The board's own recommendations agreed in this item's minute, to the executive, the Trust or a partner. The response is
          due from the date the addressee receives it: two months where the statutory duty applies, otherwise the period set for
          the organisation. The public sees a recommendation where it sees the minute{d.isExempt ? ": never while the item is exempt" : ""}.
        </>
      }
      recommendations={d.recommendations}
      tableCaption="Recommendations agreed at this item"
    >
      {d.hasMinute ? (
        <RecordRecommendationForm nextReference={d.nextReference} data={data} choices={d.choices} />
      ) : (
        <p className="govuk-inset-text">Write the item's minute first: a recommendation is recorded from the minute that agreed it.</p>
      )}
      <ul className="govuk-list">
        <li><Link className="govuk-link" to={`/clerk/items/${d.itemId}`}>Back to the item</Link></li>
        <li><Link className="govuk-link" to={`/clerk/items/${d.itemId}/minute`}>The minute</Link></li>
      </ul>
    </AgreedRecommendationsPage>
  );
}
