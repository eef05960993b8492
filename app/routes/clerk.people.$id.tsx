import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/permissions.server";
import { ConflictPanel } from "~/components/clerk";
import { Button, HiddenFields } from "~/components/forms";
import { Pagination } from "~/components/pagination";
import { MembershipsTable, PersonFields, SavedOrErrors } from "~/components/people-forms";
import { contentVersion } from "~/utils/clerk-errors.server";
import { actorOf, type ClerkActionData } from "~/handlers/clerk-forms.server";
import { saveForm } from "~/handlers/form-actions.server";
import { getPerson, listMemberships, organisationChoices, personFormValues, updatePerson } from "~/models/people";
import { readForm } from "~/utils/forms.server";
import { idParam, invariantFound, pageCount, parsePage } from "~/utils/http.server";
import { pageTitle } from "~/utils/meta";
import { editPersonSchema, PERSON_FIELDS } from "~/utils/people-schemas";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(matches, data ? data.person.name : "Person");
export const handle = {
  breadcrumbs: () => [
    { label: "Clerk", to: "/clerk" },
    { label: "People", to: "/clerk/people" },
  ],
};

const PERSON_LABELS = [
  { name: "name", label: "Name" },
  { name: "honorific", label: "Title" },
  { name: "jobTitle", label: "Job title or party" },
  { name: "organisationId", label: "Organisation" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "manage:membership:any");
  const person = invariantFound(await getPerson(idParam(params)));
  const url = new URL(request.url);
  const page = parsePage(url);
  const [list, organisations] = await Promise.all([listMemberships({ personId: person.id }, { page }), organisationChoices()]);
  const values = personFormValues(person);
  return json({
    person: { id: person.id, name: person.name, values, version: contentVersion(values) },
    memberships: list.memberships,
    total: list.total,
    page,
    pageCount: pageCount(list.total),
    organisations,
    saved: url.searchParams.has("saved"),
  });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const viewer = await requirePermission(request, "manage:membership:any");
  const person = invariantFound(await getPerson(idParam(params)));
  return saveForm(context, await readForm(request), {
    fields: [...PERSON_FIELDS, "version"],
    schema: editPersonSchema,
    write: (tx, { version, ...input }) => updatePerson(tx, actorOf(viewer, context), person.id, version, input),
    redirectTo: `/clerk/people/${person.id}?saved`,
  });
}

export default function ClerkPerson() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<ClerkActionData>();
  const { person } = data;
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <SavedOrErrors saved={data.saved} posted={result} />
        <span className="govuk-caption-l">Person</span>
        <h1 className="govuk-heading-l">{person.name}</h1>
        {result?.conflict && <ConflictPanel fields={PERSON_LABELS} current={result.conflict.current} typed={result.values} />}
        <Form method="post" noValidate>
          <HiddenFields fields={[["version", String(result?.conflict?.currentVersion ?? person.version)]]} />
          <PersonFields values={result?.values ?? person.values} errors={result?.errors} organisations={data.organisations} />
          <Button>Save details</Button>
        </Form>

        <h2 className="govuk-heading-m" id="memberships">Boards and committees</h2>
        {data.total === 0 ? (
          <p className="govuk-body">Not a member of any board or committee. Add a membership from the board or committee&apos;s page.</p>
        ) : (
          <MembershipsTable rows={data.memberships} show="body" caption={`Memberships of ${person.name}, current and past`} />
        )}
        <Pagination page={data.page} pageCount={data.pageCount} href={(p) => `/clerk/people/${person.id}?page=${p}#memberships`} />
        <p className="govuk-body">
          <Link className="govuk-link" to="/clerk/bodies">Boards and committees</Link>
        </p>
      </div>
    </div>
  );
}
