import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/permissions.server";
import { ConflictPanel } from "~/components/clerk";
import { Button, ErrorSummary, HiddenFields, TextInput } from "~/components/forms";
import { DateInput } from "~/components/date-input";
import { TermFields } from "~/components/people-forms";
import { SummaryList } from "~/components/summary-list";
import { db } from "~/models/records";
import { contentVersion } from "~/utils/clerk-errors.server";
import { actorOf, runClerkWrite, type ClerkActionData } from "~/handlers/clerk-forms.server";
import { saveForm } from "~/handlers/form-actions.server";
import { MEMBERSHIP_ROLE_LABELS } from "~/models/people";
import { endMembership, getMembership, membershipFormValues, removeMembership, updateMembership } from "~/models/people";
import { termStatus, TERM_STATUS_LABELS } from "~/rules/terms.server";
import { formatDate, isoDay } from "~/rules/dates.server";
import { formText } from "~/utils/form-fields";
import { invalid, readForm } from "~/utils/forms.server";
import { idParam, invariantFound } from "~/utils/http.server";
import { pageTitle } from "~/utils/meta";
import { editMembershipSchema, endTermSchema, TERM_FIELDS } from "~/utils/people-schemas";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  pageTitle(matches, data ? `${data.confirmRemove ? "Remove: " : ""}${data.personName} on ${data.bodyName}` : "Membership");
export const handle = {
  breadcrumbs: () => [
    { label: "Clerk", to: "/clerk" },
    { label: "Boards and committees", to: "/clerk/bodies" },
  ],
};

const TERM_LABELS = [
  { name: "role", label: "Role" },
  { name: "startOn", label: "Start of term" },
  { name: "endOn", label: "End of term" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "manage:membership:any");
  const found = invariantFound(await getMembership(idParam(params)));
  const m = found.membership;
  const values = membershipFormValues(m);
  const status = termStatus(m, isoDay(new Date()));
  return json({
    id: m.id,
    personId: m.personId,
    bodyId: m.bodyId,
    personName: found.personName,
    bodyName: found.bodyName,
    roleLabel: MEMBERSHIP_ROLE_LABELS[m.role] ?? m.role,
    startText: m.startOn ? formatDate(m.startOn) : "Not recorded",
    endText: m.endOn ? formatDate(m.endOn) : "Continues",
    statusLabel: TERM_STATUS_LABELS[status],
    ended: m.endOn !== null,
    values,
    version: contentVersion(values),
    confirmRemove: new URL(request.url).searchParams.has("remove"),
  });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const viewer = await requirePermission(request, "manage:membership:any");
  const { membership } = invariantFound(await getMembership(idParam(params)));
  const form = await readForm(request);
  const intent = formText(form, "intent");
  const actor = actorOf(viewer, context);
  const back = `/clerk/bodies/${membership.bodyId}?saved#members`;
  if (intent === "remove") {
    if (formText(form, "confirm") !== "yes") {
      return invalid(context, { intent, errors: { confirm: "Confirm that you want to remove this membership" }, values: {} });
    }
    const r = await runClerkWrite(context, intent, {}, () => db().transaction((tx) => removeMembership(tx, actor, membership.id)));
    return r.ok ? redirect(back, { status: 303 }) : r.response;
  }
  if (intent === "end") {
    // Its form is gone once the term has ended: told about the whole form, not beside a missing field.
    if (membership.endOn !== null) return invalid(context, { intent, errors: { form: "The term has already ended: change its end under Change the role or term" }, values: {} }, 409);
    return saveForm(context, form, {
      intent,
      fields: ["lastDay", "version"],
      schema: endTermSchema,
      write: (tx, { version, lastDay }) => endMembership(tx, actor, membership.id, version, lastDay),
      redirectTo: back,
    });
  }
  return saveForm(context, form, {
    intent: "update",
    fields: [...TERM_FIELDS, "version"],
    schema: editMembershipSchema,
    write: (tx, { version, ...term }) => updateMembership(tx, actor, membership.id, version, term),
    redirectTo: back,
  });
}

export default function ClerkMembership() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<ClerkActionData>();
  const errors = result?.errors;
  const version = String(result?.conflict?.currentVersion ?? data.version);
  const typed = (intent: string) => (result?.intent === intent ? result.values : undefined);
  const summary = (
    <SummaryList
      rows={[
        ["Person", <Link key="p" className="govuk-link" to={`/clerk/people/${data.personId}`}>{data.personName}</Link>],
        ["Board or committee", <Link key="b" className="govuk-link" to={`/clerk/bodies/${data.bodyId}`}>{data.bodyName}</Link>],
        ["Role", data.roleLabel],
        ["Start of term", data.startText],
        ["End of term", data.endText],
        ["Status", data.statusLabel],
      ]}
    />
  );

  if (data.confirmRemove || result?.intent === "remove") {
    return (
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary errors={errors} unlinked={["confirm"]} />
          <h1 className="govuk-heading-l">Remove this membership?</h1>
          {summary}
          <div className="govuk-warning-text">
            <span className="govuk-warning-text__icon" aria-hidden="true">!</span>
            <strong className="govuk-warning-text__text">
              <span className="govuk-visually-hidden">Warning</span>
              Only remove a membership entered by mistake: it disappears from every page. When someone leaves the{" "}
              {data.bodyName}, end their term instead, so the record of their membership is kept.
            </strong>
          </div>
          <Form method="post" noValidate>
            <HiddenFields fields={[["intent", "remove"], ["confirm", "yes"]]} />
            <Button variant="warning">Yes, remove it</Button>
          </Form>
          <p className="govuk-body">
            <Link className="govuk-link" to={`/clerk/memberships/${data.id}`}>No, go back</Link>
          </p>
        </div>
      </div>
    );
  }

  const update = typed("update");
  const end = typed("end");
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary errors={errors} />
        <span className="govuk-caption-l">Membership</span>
        <h1 className="govuk-heading-l">
          {data.personName} on {data.bodyName}
        </h1>
        {summary}
        {result?.conflict && <ConflictPanel fields={TERM_LABELS} current={result.conflict.current} typed={result.values} />}

        {!data.ended && (
          <>
            <h2 className="govuk-heading-m">End the term</h2>
            <Form method="post" noValidate>
              <HiddenFields fields={[["intent", "end"], ["version", version]]} />
              <DateInput name="lastDay" legend="Last day of the term" hint="For example, 31 3 2026" defaultValue={end?.lastDay} error={end ? errors?.lastDay : undefined} />
              <Button variant="secondary">End the term</Button>
            </Form>
          </>
        )}

        <h2 className="govuk-heading-m">Change the role or term</h2>
        <Form method="post" noValidate>
          <HiddenFields fields={[["intent", "update"], ["version", version]]} />
          <TermFields values={update ?? data.values} errors={update ? errors : undefined} />
          <Button>Save changes</Button>
        </Form>

        <h2 className="govuk-heading-m">Entered by mistake?</h2>
        <p className="govuk-body">
          <Link className="govuk-button govuk-button--warning" to={`/clerk/memberships/${data.id}?remove`}>Remove this membership</Link>
        </p>
      </div>
    </div>
  );
}
