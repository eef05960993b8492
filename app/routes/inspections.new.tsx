import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/permissions.server";
import { INSPECTION_FIELDS, InspectionForm } from "~/components/inspection-form";
import { db } from "~/models/records";
import { readInspectionForm } from "~/handlers/inspection-form.server";
import { createInspection, inspectionChoices } from "~/models/oversight";
import { formFields, type FieldErrors } from "~/utils/form-fields";
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
  const read = await readInspectionForm(form, viewer);
  if (!read.ok) return invalid(context, { errors: read.errors, values });
  const row = await db().transaction((tx) =>
    createInspection(tx, { userId: viewer.userId, ipAddress: context?.clientIp ?? null }, read.input),
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
