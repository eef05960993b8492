import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/permissions.server";
import { INSPECTION_FIELDS, InspectionForm, inspectionDateErrors, inspectionFormSchema, parseAreaJudgements } from "~/components/inspection-form";
import { db } from "~/db.server";
import { createInspection, inspectionChoices } from "~/models/inspections.server";
import { formFields, parseForm, type FieldErrors } from "~/utils/form-fields";
import { invalid, readForm } from "~/utils/forms.server";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "Record an inspection or visit");
export const handle = {
  breadcrumbs: () => [
    { label: "Home", to: "/" },
    { label: "Inspections and visits", to: "/inspections" },
  ],
};

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requirePermission(request, "create:inspection:any");
  return json(await inspectionChoices(viewer));
}

export async function action({ request, context }: ActionFunctionArgs) {
  const viewer = await requirePermission(request, "create:inspection:any");
  const form = await readForm(request);
  const values = formFields(form, INSPECTION_FIELDS);
  const parsed = parseForm(inspectionFormSchema, form);
  if (!parsed.ok) return invalid(context, { errors: parsed.errors, values });
  const d = parsed.data;
  const dateErrors = inspectionDateErrors(d);
  if (dateErrors) return invalid(context, { errors: dateErrors, values });
  const choices = await inspectionChoices(viewer);
  const orgOk = (id: string) => !id || choices.organisations.some((o) => o.id === id);
  if (!orgOk(d.organisationId)) return invalid(context, { errors: { organisationId: "Select an organisation from the list" }, values });
  if (!orgOk(d.inspectorateId)) return invalid(context, { errors: { inspectorateId: "Select an inspectorate from the list" }, values });
  if (d.documentId && !choices.documents.some((x) => x.id === d.documentId)) {
    return invalid(context, { errors: { documentId: "Select a document from the list" }, values });
  }
  const row = await db().transaction((tx) =>
    createInspection(tx, { userId: viewer.userId, ipAddress: context?.clientIp ?? null }, {
      title: d.title,
      kind: d.kind,
      organisationId: d.organisationId || null,
      inspectorateId: d.inspectorateId || null,
      visitStartOn: d.visitStartOn,
      visitEndOn: d.visitEndOn || null,
      publishedOn: d.publishedOn || null,
      overallJudgement: d.overallJudgement || null,
      areaJudgements: parseAreaJudgements(d.areaJudgements),
      summary: d.summary,
      documentId: d.documentId || null,
      sourceNote: d.sourceNote || null,
    }),
  );
  return redirect(`/inspections/${row.slug}/edit?created`, { status: 303 });
}

export default function NewInspection() {
  const choices = useLoaderData<typeof loader>();
  const actionData = useActionData<{ errors: FieldErrors; values: Record<string, string> }>();
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <h1 className="govuk-heading-l">Record an inspection or visit</h1>
        <InspectionForm values={actionData?.values ?? {}} errors={actionData?.errors} organisations={choices.organisations} documents={choices.documents} submit="Save inspection" />
        <p className="govuk-body">
          <Link className="govuk-link" to="/inspections">Cancel</Link>
        </p>
      </div>
    </div>
  );
}
