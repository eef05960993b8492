import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/permissions.server";
import { Button, ErrorSummary } from "~/components/forms";
import { PersonFields } from "~/components/people-forms";
import { db } from "~/db.server";
import { actorOf, runClerkWrite, type ClerkActionData } from "~/models/clerk-forms.server";
import { createPerson, organisationChoices } from "~/models/people-admin.server";
import { formFields, parseForm } from "~/utils/form-fields";
import { invalid, readForm } from "~/utils/forms.server";
import { pageTitle } from "~/utils/meta";
import { PERSON_FIELDS, personSchema } from "~/utils/people-schemas";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "Add a person");
export const handle = {
  breadcrumbs: () => [
    { label: "Clerk", to: "/clerk" },
    { label: "People", to: "/clerk/people" },
  ],
};

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "manage:membership:any");
  return json({ organisations: await organisationChoices() });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const viewer = await requirePermission(request, "manage:membership:any");
  const form = await readForm(request);
  const values = formFields(form, PERSON_FIELDS);
  const parsed = parseForm(personSchema, form);
  if (!parsed.ok) return invalid(context, { errors: parsed.errors, values });
  const result = await runClerkWrite(context, "create", values, () =>
    db().transaction((tx) => createPerson(tx, actorOf(viewer, context), parsed.data)),
  );
  if (!result.ok) return result.response;
  return redirect(`/clerk/people/${result.value.id}?saved`, { status: 303 });
}

export default function NewPerson() {
  const { organisations } = useLoaderData<typeof loader>();
  const data = useActionData<ClerkActionData>();
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary errors={data?.errors} />
        <h1 className="govuk-heading-l">Add a person</h1>
        <Form method="post" noValidate>
          <PersonFields values={data?.values ?? {}} errors={data?.errors} organisations={organisations} />
          <Button>Add person</Button>
        </Form>
        <p className="govuk-body">
          <Link className="govuk-link" to="/clerk/people">Cancel</Link>
        </p>
      </div>
    </div>
  );
}
