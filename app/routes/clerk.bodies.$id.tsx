import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { forbidden, requirePermission, viewerCan } from "~/auth/permissions.server";
import { ConflictPanel } from "~/components/clerk";
import { Button, HiddenFields, Textarea, TextInput } from "~/components/forms";
import { Pagination } from "~/components/pagination";
import { BodyFields, MembershipsTable, SavedOrErrors, TermFields } from "~/components/people-forms";
import { contentVersion } from "~/utils/clerk-errors.server";
import { actorOf, type ClerkActionData } from "~/handlers/clerk-forms.server";
import { saveForm } from "~/handlers/form-actions.server";
import {
  addMembership,
  bodyFormValues,
  bodyProfileFormValues,
  getClerkBody,
  listMemberships,
  organisationChoices,
  personChoices,
  updateBody,
  updateBodyProfile,
} from "~/models/people";
import { BODY_PROFILE_FIELDS, BODY_PROFILE_LABELS, bodyProfileSchema } from "~/utils/body-profile-schema";
import { formText } from "~/utils/form-fields";
import { readForm } from "~/utils/forms.server";
import { idParam, invariantFound, pageCount, parsePage } from "~/utils/http.server";
import { pageTitle } from "~/utils/meta";
import { BODY_FIELDS, editBodySchema, newMembershipSchema, TERM_FIELDS } from "~/utils/people-schemas";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(matches, data ? data.body.name : "Board or committee");
export const handle = {
  breadcrumbs: () => [
    { label: "Clerk", to: "/clerk" },
    { label: "Boards and committees", to: "/clerk/bodies" },
  ],
};

const BODY_LABELS = [
  { name: "name", label: "Name" },
  { name: "slug", label: "Web address (slug)" },
  { name: "kind", label: "Kind" },
  { name: "description", label: "Description" },
  { name: "organisationId", label: "Organisation" },
  { name: "responseWorkingDays", label: "Working days to answer a question" },
  { name: "questionWindowDays", label: "Days after a meeting that members may raise questions" },
  { name: "sourceNote", label: "Note on the sources" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "update:body:any");
  const body = invariantFound(await getClerkBody(idParam(params)));
  const url = new URL(request.url);
  const page = parsePage(url);
  const [members, people, organisations] = await Promise.all([
    listMemberships({ bodyId: body.id }, { page }),
    personChoices(),
    organisationChoices(),
  ]);
  const values = bodyFormValues(body);
  const profile = bodyProfileFormValues(body);
  return json({
    body: { id: body.id, slug: body.slug, name: body.name, values, version: contentVersion(values) },
    profile: { values: profile, version: contentVersion(profile) },
    members: members.memberships,
    total: members.total,
    page,
    pageCount: pageCount(members.total),
    people,
    organisations,
    saved: url.searchParams.has("saved"),
  });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const viewer = await requirePermission(request, "update:body:any");
  const form = await readForm(request);
  const typedIntent = formText(form, "intent");
  const intent = typedIntent === "add-member" || typedIntent === "profile" ? typedIntent : "details";
  if (intent === "add-member" && !viewerCan(viewer, "manage:membership:any")) forbidden();
  const body = invariantFound(await getClerkBody(idParam(params)));
  const actor = actorOf(viewer, context);
  if (intent === "add-member") {
    return saveForm(context, form, {
      intent,
      fields: ["personId", ...TERM_FIELDS],
      schema: newMembershipSchema,
      write: (tx, input) => addMembership(tx, actor, body.id, input),
      redirectTo: `/clerk/bodies/${body.id}?saved#members`,
    });
  }
  if (intent === "profile") {
    return saveForm(context, form, {
      intent,
      fields: [...BODY_PROFILE_FIELDS, "version"],
      schema: bodyProfileSchema,
      write: (tx, { version, ...input }) => updateBodyProfile(tx, actor, body.id, version, input),
      redirectTo: `/clerk/bodies/${body.id}?saved#committee-page`,
    });
  }
  return saveForm(context, form, {
    intent,
    fields: [...BODY_FIELDS, "version"],
    schema: editBodySchema,
    write: (tx, { version, ...input }) => updateBody(tx, actor, body.id, version, input),
    redirectTo: `/clerk/bodies/${body.id}?saved`,
  });
}

export default function ClerkBody() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<ClerkActionData>();
  const { body } = data;
  const errors = result?.errors;
  const details = result?.intent === "details" ? result.values : undefined;
  const member = result?.intent === "add-member" ? result.values : undefined;
  const profile = result?.intent === "profile" ? result.values : undefined;
  const pv = (name: (typeof BODY_PROFILE_FIELDS)[number]) => (profile ?? data.profile.values)[name] ?? "";
  const pe = profile ? errors : undefined;
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <SavedOrErrors saved={data.saved} posted={result} />
        <span className="govuk-caption-l">Board or committee</span>
        <h1 className="govuk-heading-l">{body.name}</h1>
        <p className="govuk-body">
          Public page: <Link className="govuk-link" to={`/bodies/${body.slug}`}>/bodies/{body.slug}</Link>
        </p>
        {result?.conflict && (
          <ConflictPanel
            fields={result.intent === "profile" ? BODY_PROFILE_FIELDS.map((f) => ({ name: f, label: BODY_PROFILE_LABELS[f] })) : BODY_LABELS}
            current={result.conflict.current}
            typed={result.values}
          />
        )}
        <h2 className="govuk-heading-m">Details</h2>
        <Form method="post" noValidate>
          <HiddenFields fields={[["intent", "details"], ["version", String((result?.intent === "details" && result.conflict?.currentVersion) || body.version)]]} />
          <BodyFields values={details ?? body.values} errors={details ? errors : undefined} organisations={data.organisations} isNew={false} />
          <Button>Save details</Button>
        </Form>

        <h2 className="govuk-heading-m" id="committee-page">Committee page</h2>
        <p className="govuk-body">What the public page says about the body. Leave a field blank where the record does not give it: the page then says so.</p>
        <Form method="post" noValidate>
          <HiddenFields fields={[["intent", "profile"], ["version", String(result?.intent === "profile" && result.conflict ? result.conflict.currentVersion : data.profile.version)]]} />
          <Textarea
            name="termsOfReference"
            label={BODY_PROFILE_LABELS.termsOfReference}
            hint="Markdown: headings, lists, links and emphasis. HTML is not shown."
            rows={10}
            defaultValue={pv("termsOfReference")}
            error={pe?.termsOfReference}
          />
          <TextInput name="meetingPlace" label={`${BODY_PROFILE_LABELS.meetingPlace} (optional)`} hint="For example, Council House, Freeth Street, Oldbury" defaultValue={pv("meetingPlace")} error={pe?.meetingPlace} />
          <TextInput name="meetingFrequency" label={`${BODY_PROFILE_LABELS.meetingFrequency} (optional)`} hint="For example, about every six weeks" defaultValue={pv("meetingFrequency")} error={pe?.meetingFrequency} />
          <TextInput name="clerkName" label={`${BODY_PROFILE_LABELS.clerkName} (optional)`} autoComplete="off" defaultValue={pv("clerkName")} error={pe?.clerkName} />
          <TextInput name="clerkEmail" type="email" label={`${BODY_PROFILE_LABELS.clerkEmail} (optional)`} autoComplete="off" spellCheck={false} defaultValue={pv("clerkEmail")} error={pe?.clerkEmail} />
          <TextInput name="clerkPhone" type="tel" label={`${BODY_PROFILE_LABELS.clerkPhone} (optional)`} autoComplete="off" width="20" defaultValue={pv("clerkPhone")} error={pe?.clerkPhone} />
          <Button>Save committee page</Button>
        </Form>

        <h2 className="govuk-heading-m" id="members">Members</h2>
        {data.total === 0 ? (
          <p className="govuk-body">No one has been recorded as a member yet.</p>
        ) : (
          <MembershipsTable rows={data.members} show="person" caption={`Members of ${body.name}, current and past`} />
        )}
        <Pagination page={data.page} pageCount={data.pageCount} href={(p) => `/clerk/bodies/${body.id}?page=${p}#members`} />

        <h3 className="govuk-heading-s">Add a member</h3>
        {data.people.length === 0 ? (
          <p className="govuk-body">
            <Link className="govuk-link" to="/clerk/people/new">Add a person</Link> first.
          </p>
        ) : (
          <Form method="post" noValidate>
            <HiddenFields fields={[["intent", "add-member"]]} />
            <TermFields values={member ?? {}} errors={member ? errors : undefined} people={data.people} />
            <Button variant="secondary">Add member</Button>
          </Form>
        )}
        <p className="govuk-body">
          Not in the list? <Link className="govuk-link" to="/clerk/people/new">Add a person</Link>.
        </p>
      </div>
    </div>
  );
}
