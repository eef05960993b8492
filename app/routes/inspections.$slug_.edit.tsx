import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { requirePermission } from "~/auth/permissions.server";
import { Button, ErrorSummary, HiddenFields, Select, TextInput, Textarea } from "~/components/forms";
import { INSPECTION_FIELDS, InspectionForm } from "~/components/inspection-form";
import { partialDayValue } from "~/utils/partial-day";
import { readInspectionForm } from "~/handlers/inspection-form.server";
import { db } from "~/models/records";
import { addRecommendation, findInspection, getInspection, inspectionChoices, TrackingError, updateInspection } from "~/models/oversight";
import { choiceField, formFields, longTextField, parseForm, textField, type FieldErrors } from "~/utils/form-fields";
import { invalid, readForm } from "~/utils/forms.server";
import { invariantFound } from "~/utils/http.server";
import { pageTitle } from "~/utils/meta";
import { DateInput } from "~/components/date-input";
import { dayField } from "~/utils/day-field";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(matches, data ? `Edit: ${data.inspection.title}` : "Edit inspection");
export const handle = {
  breadcrumbs: () => [
    { label: "Home", to: "/" },
    { label: "Inspections and visits", to: "/inspections" },
  ],
};

const DATE_FIELDS = ["visitStartOn", "visitEndOn", "publishedOn"] as const;

/** The inspection's dates in the date input's boxes, by their precision (ADR 039). */
function shownDates(i: { visitStartOn: string | null; visitEndOn: string | null; publishedOn: string | null; datePrecision: string }) {
  return {
    visitStartOn: partialDayValue(i.visitStartOn, i.datePrecision),
    visitEndOn: partialDayValue(i.visitEndOn, i.datePrecision),
    publishedOn: partialDayValue(i.publishedOn, i.datePrecision),
  };
}
const sameTyped = (a: string | undefined, b: string) => (a ?? "").replace(/\s/g, "").replace(/^\/\/$/, "") === b.replace(/^\/\/$/, "");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requirePermission(request, "update:inspection:any");
  const i = invariantFound(await findInspection(params.slug ?? ""));
  const shown = invariantFound(await getInspection(viewer, i.slug));
  return json({
    inspection: {
      slug: i.slug,
      title: i.title,
      values: {
        title: i.title,
        kind: i.kind,
        organisationId: i.organisationId ?? "",
        inspectorateId: i.inspectorateId ?? "",
        ...shownDates(i),
        overallJudgement: i.overallJudgement ?? "",
        areaJudgements: i.areaJudgements.map((a) => `${a.area}: ${a.judgement}`).join("\n"),
        summary: i.summary,
        documentId: i.documentId ?? "",
        sourceNote: i.sourceNote ?? "",
      },
    },
    recommendations: shown.recommendations.map((r) => ({ id: r.id, reference: r.reference, text: r.text, status: r.status })),
    choices: await inspectionChoices(viewer),
    notice: new URL(request.url).searchParams.has("created") ? "The inspection has been recorded. Add its recommendations below." : null,
  });
}

const REC_FIELDS = ["reference", "recKind", "text", "lead", "dueOn"] as const;
const recSchema = z.object({
  reference: textField({ label: "Reference", max: 20, required: "Enter a reference, for example R1" }).refine(
    (v) => v === "" || /^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(v),
    "Reference must be letters, digits, dots or hyphens, for example R1",
  ),
  recKind: choiceField(["recommendation", "improvement_point", "finding"] as const, "Select what kind of point it is"),
  text: longTextField({ label: "Text", max: 5000, required: "Enter the recommendation's text" }),
  lead: textField({ label: "Lead", max: 200, optional: true }),
  dueOn: dayField({ label: "Due date", optional: true }),
});

export async function action({ request, params, context }: ActionFunctionArgs) {
  const viewer = await requirePermission(request, "update:inspection:any");
  const i = invariantFound(await findInspection(params.slug ?? ""));
  const form = await readForm(request);
  const intent = formFields(form, ["intent"] as const).intent;
  const actor = { userId: viewer.userId, ipAddress: context?.clientIp ?? null };
  if (intent === "recommendation") {
    const values = { ...formFields(form, REC_FIELDS), intent };
    const parsed = parseForm(recSchema, form);
    if (!parsed.ok) return invalid(context, { errors: parsed.errors, values });
    const d = parsed.data;
    try {
      await db().transaction((tx) => addRecommendation(tx, actor, i.id, { reference: d.reference, kind: d.recKind, text: d.text, lead: d.lead || null, dueOn: d.dueOn || null }));
    } catch (error) {
      if (error instanceof TrackingError) return invalid(context, { errors: { [error.field]: error.message }, values });
      throw error;
    }
    return redirect(`/inspections/${i.slug}/edit?added#recommendations`, { status: 303 });
  }
  const values = { ...formFields(form, INSPECTION_FIELDS), intent: "inspection" };
  const read = await readInspectionForm(form, viewer);
  if (!read.ok) return invalid(context, { errors: read.errors, values });
  // Dates left as shown keep what is stored (an approximate or unknown date is not made a year).
  const shown = shownDates(i);
  const unchanged = DATE_FIELDS.every((f) => sameTyped(values[f], shown[f]));
  const { visitStartOn: _s, visitEndOn: _e, publishedOn: _p, datePrecision: _d, ...rest } = read.input;
  await db().transaction((tx) => updateInspection(tx, actor, i.id, unchanged ? { ...rest, visitStartOn: i.visitStartOn ?? read.input.visitStartOn, visitEndOn: i.visitEndOn, publishedOn: i.publishedOn } : read.input));
  return redirect(`/inspections/${i.slug}`, { status: 303 });
}

export default function EditInspection() {
  const { inspection, recommendations, choices, notice } = useLoaderData<typeof loader>();
  const actionData = useActionData<{ errors: FieldErrors; values: Record<string, string> }>();
  const recErrors = actionData?.values?.intent === "recommendation" ? actionData.errors : undefined;
  const recValues = actionData?.values?.intent === "recommendation" ? actionData.values : undefined;
  const inspErrors = actionData?.values?.intent === "recommendation" ? undefined : actionData?.errors;
  const inspValues = actionData?.values?.intent === "recommendation" || !actionData ? inspection.values : actionData.values;
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        {notice && (
          <div className="govuk-notification-banner govuk-notification-banner--success" role="alert" aria-labelledby="notice-title">
            <div className="govuk-notification-banner__header">
              <h2 className="govuk-notification-banner__title" id="notice-title">Success</h2>
            </div>
            <div className="govuk-notification-banner__content">
              <p className="govuk-notification-banner__heading">{notice}</p>
            </div>
          </div>
        )}
        <h1 className="govuk-heading-l">Edit: {inspection.title}</h1>
        <InspectionForm values={inspValues} errors={inspErrors} organisations={choices.organisations} documents={choices.documents} submit="Save inspection" />

        <h2 className="govuk-heading-m" id="recommendations">Recommendations and what needs to improve</h2>
        {recommendations.length === 0 ? (
          <p className="govuk-body">None recorded yet.</p>
        ) : (
          <ul className="govuk-list">
            {recommendations.map((r) => (
              <li key={r.id}>
                <Link className="govuk-link" to={`/recommendations/${r.id}`}>{r.reference}: {r.text}</Link> ({r.status})
              </li>
            ))}
          </ul>
        )}
        <h3 className="govuk-heading-s">Add a recommendation</h3>
        <ErrorSummary errors={recErrors} />
        <Form method="post" noValidate>
          <HiddenFields fields={[["intent", "recommendation"]]} />
          <TextInput name="reference" label="Reference" hint="Unique within this inspection, for example R1" width="10" defaultValue={recValues?.reference} error={recErrors?.reference} />
          <Select
            name="recKind"
            label="Kind"
            options={[
              { value: "recommendation", label: "Recommendation" },
              { value: "improvement_point", label: "What needs to improve" },
              { value: "finding", label: "Finding" },
            ]}
            defaultValue={recValues?.recKind ?? "recommendation"}
            error={recErrors?.recKind}
          />
          <Textarea name="text" label="Text" defaultValue={recValues?.text} error={recErrors?.text} />
          <TextInput name="lead" label="Lead (optional)" defaultValue={recValues?.lead} error={recErrors?.lead} />
          <DateInput name="dueOn" legend="Due date (optional)" hint="For example, 30 6 2025" defaultValue={recValues?.dueOn} error={recErrors?.dueOn} />
          <Button variant="secondary">Add recommendation</Button>
        </Form>
        <p className="govuk-body">
          <Link className="govuk-link" to={`/inspections/${inspection.slug}`}>Back to the inspection</Link>
        </p>
      </div>
    </div>
  );
}
