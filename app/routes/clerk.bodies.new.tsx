import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/permissions.server";
import { BodyFields, NewRecordPage } from "~/components/people-forms";
import { actorOf, type ClerkActionData } from "~/handlers/clerk-forms.server";
import { saveForm } from "~/handlers/form-actions.server";
import { createBody, organisationChoices } from "~/models/people";
import { readForm } from "~/utils/forms.server";
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
  return saveForm(context, await readForm(request), {
    fields: BODY_FIELDS,
    schema: newBodySchema,
    write: (tx, input) => createBody(tx, actorOf(viewer, context), input),
    redirectTo: (body) => `/clerk/bodies/${body.id}?saved`,
  });
}

export default function NewBody() {
  const { organisations } = useLoaderData<typeof loader>();
  const data = useActionData<ClerkActionData>();
  return (
    <NewRecordPage title="Add a board or committee" submit="Add board or committee" cancelTo="/clerk/bodies" errors={data?.errors}>
      <BodyFields values={data?.values ?? {}} errors={data?.errors} organisations={organisations} isNew />
    </NewRecordPage>
  );
}
