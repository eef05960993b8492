/**
 * The board's recommendations agreed in a review report (a document, issue 17): the list, and
 * the clerk's form to record one, the same form as from a minute (ADR 041) with the board that
 * agreed the report and the day it did. Rules and the audit are in the oversight model
 * (recordBoardRecommendation); the response's due day is computed, never typed. The public sees
 * such a recommendation where it sees the report (published, on no item it cannot see in full).
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { requirePermission } from "~/auth/permissions.server";
import { AgreedRecommendationsPage, RecordRecommendationForm } from "~/components/board-recommendation-form";
import { DateInput } from "~/components/date-input";
import { Select } from "~/components/forms";
import { actorOf } from "~/handlers/clerk-forms.server";
import { recordRecommendationFromForm, type RecommendationFormData } from "~/handlers/board-recommendation-forms.server";
import { getClerkDocument } from "~/models/meetings";
import { nextRecommendationReference, recommendationFormChoices, recommendationsAgreedInDocument, reviewReportOrigin } from "~/models/oversight";
import { db } from "~/models/records";
import { dayField } from "~/utils/day-field";
import { formFields, parseForm, recordChoiceField } from "~/utils/form-fields";
import { readForm } from "~/utils/forms.server";
import { idParam, invariantFound } from "~/utils/http.server";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(matches, data ? `Recommendations: ${data.title}` : "Recommendations");
export const handle = { breadcrumbs: () => [{ label: "Clerk", to: "/clerk" }] };

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "update:recommendation:any");
  const data = invariantFound(await getClerkDocument(idParam(params)));
  const origin = await reviewReportOrigin(data.document.id);
  const year = Number((origin.documentDate ?? new Date().toISOString()).slice(0, 4));
  return json({
    documentId: data.document.id,
    title: data.document.title,
    published: data.document.publishedAt !== null,
    recommendations: await recommendationsAgreedInDocument(data.document.id),
    choices: await recommendationFormChoices(),
    bodies: origin.bodies,
    bodyId: origin.bodyId,
    agreedOn: origin.documentDate ?? "",
    nextReference: origin.bodyId ? await nextRecommendationReference(db(), origin.bodyId, year) : "",
    notice: new URL(request.url).searchParams.get("done") === "recorded" ? "Recommendation recorded." : null,
  });
}

const originSchema = z.object({
  bodyId: recordChoiceField({ message: "Select the board that agreed the report" }),
  agreedOn: dayField({ label: "Date the board agreed the report" }),
});

export async function action({ request, params, context }: ActionFunctionArgs) {
  const viewer = await requirePermission(request, "update:recommendation:any");
  const data = invariantFound(await getClerkDocument(idParam(params)));
  const documentId = data.document.id;
  const form = await readForm(request);
  const values = formFields(form, ["bodyId", "agreedOn"] as const);
  const parsed = parseForm(originSchema, form);
  const known = parsed.ok && (await reviewReportOrigin(documentId)).bodies.some((b) => b.value === parsed.data.bodyId);
  const origin = parsed.ok && known
    ? { ok: true as const, values, origin: { bodyId: parsed.data.bodyId, agreedAtMinuteId: null, agreedInDocumentId: documentId, agreedOn: parsed.data.agreedOn } }
    : { ok: false as const, values, errors: parsed.ok ? { bodyId: "Select the board that agreed the report" } : parsed.errors };
  const r = await recordRecommendationFromForm(context, actorOf(viewer, context), form, origin);
  return r.ok ? redirect(`/clerk/documents/${documentId}/recommendations?done=recorded#recommendations`, { status: 303 }) : r.response;
}

export default function DocumentRecommendations() {
  const d = useLoaderData<typeof loader>();
  const data = useActionData<RecommendationFormData>();
  return (
    <AgreedRecommendationsPage
      caption="Review report"
      heading={`Recommendations: ${d.title}`}
      errors={data?.errors}
      notice={d.notice}
      intro={
        <>
          The board's own recommendations agreed in this report, to the executive, the Trust or a partner. The response is due from
          the date the addressee receives it: two months where the statutory duty applies, otherwise the period set for the
          organisation. The public sees a recommendation where it sees the report{d.published ? "" : ": not until the report is published"}.
        </>
      }
      recommendations={d.recommendations}
      tableCaption="Recommendations agreed in this report"
    >
      <RecordRecommendationForm nextReference={d.nextReference} data={data} choices={d.choices}>
        <Select name="bodyId" label="Board that agreed the report" placeholder="Select a board" options={d.bodies} defaultValue={data?.values?.bodyId ?? d.bodyId} error={data?.errors?.bodyId} />
        <DateInput name="agreedOn" legend="Date the board agreed the report" hint="For example, 10 3 2026" defaultValue={data?.values?.agreedOn ?? d.agreedOn} error={data?.errors?.agreedOn} />
      </RecordRecommendationForm>
      <ul className="govuk-list">
        <li><Link className="govuk-link" to={`/clerk/documents/${d.documentId}`}>Back to the document</Link></li>
      </ul>
    </AgreedRecommendationsPage>
  );
}
