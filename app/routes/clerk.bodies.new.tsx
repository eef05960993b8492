import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/permissions.server";
import { Button, ErrorSummary } from "~/components/forms";
import { BodyFields } from "~/components/people-forms";
import { db } from "~/db.server";
import { actorOf, runClerkWrite, type ClerkActionData } from "~/models/clerk-forms.server";
import { createBody, organisationChoices } from "~/models/people-admin.server";
import { formFields, parseForm } from "~/utils/form-fields";
import { invalid, readForm } from "~/utils/forms.server";
import { pageTitle } from "~/utils/meta";
import { BODY_FIELDS, newBodySchema } from "~/utils/people-schemas";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "Add a board or committee");
export const handle = {
  breadcrumbs: () => [
    { label: "Clerk", to: "/clerk" },
    { label: "Boards and committees", to: "/clerk/bodies" },
  ],
};

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "create:body:any");
  return json({ organisations: await organisationChoices() });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const viewer = await requirePermission(request, "create:body:any");
  const form = await readForm(request);
  const values = formFields(form, BODY_FIELDS);
  const parsed = parseForm(newBodySchema, form);
  if (!parsed.ok) return invalid(context, { errors: parsed.errors, values });
  const result = await runClerkWrite(context, "create", values, () =>
    db().transaction((tx) => createBody(tx, actorOf(viewer, context), parsed.data)),
  );
  if (!result.ok) return result.response;
  return redirect(`/clerk/bodies/${result.value.id}?saved`, { status: 303 });
}

export default function NewBody() {
  const { organisations } = useLoaderData<typeof loader>();
  const data = useActionData<ClerkActionData>();
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary errors={data?.errors} />
        <h1 className="govuk-heading-l">Add a board or committee</h1>
        <Form method="post" noValidate>
          <BodyFields values={data?.values ?? {}} errors={data?.errors} organisations={organisations} isNew />
          <Button>Add board or committee</Button>
        </Form>
        <p className="govuk-body">
          <Link className="govuk-link" to="/clerk/bodies">Cancel</Link>
        </p>
      </div>
    </div>
  );
}
