import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/permissions.server";
import { NewRecordPage, PersonFields } from "~/components/people-forms";
import { actorOf, type ClerkActionData } from "~/handlers/clerk-forms.server";
import { saveForm } from "~/handlers/form-actions.server";
import { createPerson, organisationChoices } from "~/models/people";
import { readForm } from "~/utils/forms.server";
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
  return saveForm(context, await readForm(request), {
    fields: PERSON_FIELDS,
    schema: personSchema,
    write: (tx, input) => createPerson(tx, actorOf(viewer, context), input),
    redirectTo: (person) => `/clerk/people/${person.id}?saved`,
  });
}

export default function NewPerson() {
  const { organisations } = useLoaderData<typeof loader>();
  const data = useActionData<ClerkActionData>();
  return (
    <NewRecordPage title="Add a person" submit="Add person" cancelTo="/clerk/people" errors={data?.errors}>
      <PersonFields values={data?.values ?? {}} errors={data?.errors} organisations={organisations} />
    </NewRecordPage>
  );
}
