import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/permissions.server";
import { ConflictPanel } from "~/components/clerk";
import { Button, ErrorSummary, HiddenFields, NotificationBanner } from "~/components/forms";
import { Pagination } from "~/components/pagination";
import { MembershipsTable, PersonFields } from "~/components/people-forms";
import { db } from "~/db.server";
import { contentVersion } from "~/models/clerk-errors.server";
import { actorOf, runClerkWrite, type ClerkActionData } from "~/models/clerk-forms.server";
import { getPerson, listMemberships, organisationChoices, personFormValues, updatePerson } from "~/models/people-admin.server";
import { formFields, parseForm } from "~/utils/form-fields";
import { invalid, readForm } from "~/utils/forms.server";
import { invariantFound, pageCount, parsePage } from "~/utils/http.server";
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
  const person = invariantFound(await getPerson(params.id ?? ""));
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
  const person = invariantFound(await getPerson(params.id ?? ""));
  const form = await readForm(request);
  const values = formFields(form, [...PERSON_FIELDS, "version"]);
  const parsed = parseForm(editPersonSchema, form);
  if (!parsed.ok) return invalid(context, { errors: parsed.errors, values });
  const { version, ...input } = parsed.data;
  const r = await runClerkWrite(context, "details", values, () =>
    db().transaction((tx) => updatePerson(tx, actorOf(viewer, context), person.id, version, input)),
  );
  return r.ok ? redirect(`/clerk/people/${person.id}?saved`, { status: 303 }) : r.response;
}

export default function ClerkPerson() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<ClerkActionData>();
  const { person } = data;
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        {data.saved && !result && <NotificationBanner success>Your changes have been saved.</NotificationBanner>}
        <ErrorSummary errors={result?.errors} />
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
