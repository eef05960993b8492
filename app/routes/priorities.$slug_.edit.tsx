import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { requirePermission } from "~/auth/permissions.server";
import { Button, ErrorSummary, TextInput, Textarea } from "~/components/forms";
import { db } from "~/models/records";
import { findPriority, updatePriority } from "~/models/oversight";
import { formFields, longTextField, parseForm, textField, type FieldErrors } from "~/utils/form-fields";
import { invalid, readForm } from "~/utils/forms.server";
import { invariantFound } from "~/utils/http.server";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  pageTitle(matches, data ? `Edit priority: ${data.priority.title}` : "Edit priority");
export const handle = {
  breadcrumbs: () => [
    { label: "Home", to: "/" },
    { label: "Strategic priorities", to: "/priorities" },
  ],
};

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "update:priority:any");
  const p = invariantFound(await findPriority(params.slug ?? ""));
  return json({ priority: { slug: p.slug, title: p.title, description: p.description, owner: p.owner ?? "" } });
}

const FIELDS = ["title", "description", "owner"] as const;
const schema = z.object({
  title: textField({ label: "Title", max: 200, required: "Enter the priority's title" }),
  description: longTextField({ label: "Description", max: 20_000, optional: true }),
  owner: textField({ label: "Owner", max: 200, optional: true }),
});

export async function action({ request, params, context }: ActionFunctionArgs) {
  const viewer = await requirePermission(request, "update:priority:any");
  const p = invariantFound(await findPriority(params.slug ?? ""));
  const form = await readForm(request);
  const values = formFields(form, FIELDS);
  const parsed = parseForm(schema, form);
  if (!parsed.ok) return invalid(context, { errors: parsed.errors, values });
  await db().transaction((tx) =>
    updatePriority(tx, { userId: viewer.userId, ipAddress: context?.clientIp ?? null }, p.id, parsed.data),
  );
  return redirect(`/priorities/${p.slug}?saved`, { status: 303 });
}

export default function EditPriority() {
  const { priority } = useLoaderData<typeof loader>();
  const actionData = useActionData<{ errors: FieldErrors; values: Record<string, string> }>();
  const errors = actionData?.errors;
  const values = actionData?.values ?? priority;
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary errors={errors} />
        <h1 className="govuk-heading-l">Edit priority</h1>
        <Form method="post" noValidate>
          <TextInput name="title" label="Title" defaultValue={values.title} error={errors?.title} />
          <Textarea name="description" label="Description" hint="Markdown: paragraphs, lists and links" rows={8} defaultValue={values.description} error={errors?.description} />
          <TextInput name="owner" label="Owner" hint="Who leads this priority, for example a director's job title" defaultValue={values.owner} error={errors?.owner} />
          <Button>Save priority</Button>
        </Form>
        <p className="govuk-body">
          <Link className="govuk-link" to={`/priorities/${priority.slug}`}>Cancel</Link>
        </p>
      </div>
    </div>
  );
}
