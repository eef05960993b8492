import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/permissions.server";
import { ConflictPanel } from "~/components/clerk";
import { Button, ErrorSummary, HiddenFields, Radios, TextInput } from "~/components/forms";
import { SavedOrErrors } from "~/components/people-forms";
import { contentVersion } from "~/utils/clerk-errors.server";
import { actorOf, type ClerkActionData } from "~/handlers/clerk-forms.server";
import { saveForm } from "~/handlers/form-actions.server";
import { changeClockRule, changeRetention, clockFormValues, db, getClockRule, getRetention, retentionFormValues } from "~/models/records";
import { changeTwoStepRequirement, getTwoStepRequired } from "~/models/people";
import { formText, invalid, readForm, type FieldErrors } from "~/utils/forms.server";
import { pageTitle } from "~/utils/meta";
import { CLOCK_FIELDS, clockRuleSchema } from "~/utils/people-schemas";
import { RETENTION_FIELDS, retentionSchema } from "~/utils/retention-schema";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "Settings");
export const handle = { breadcrumbs: () => [{ label: "Administration", to: "/admin" }] };

const RETENTION_LABELS = [
  { name: "outboxDays", label: "Days sent e-mails are kept" },
  { name: "signInDays", label: "Days sign-in records are kept" },
];

const CLOCK_LABELS = [
  { name: "clearDays", label: "Clear days" },
  { name: "countWorkingDays", label: "Only working days count" },
];

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "manage:settings:any");
  const values = clockFormValues(await getClockRule());
  const retention = retentionFormValues(await getRetention());
  return json({
    values,
    version: contentVersion(values),
    retention,
    retentionVersion: contentVersion(retention),
    saved: new URL(request.url).searchParams.has("saved"),
    twoStepRequired: await getTwoStepRequired(),
  });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const viewer = await requirePermission(request, "manage:settings:any");
  const form = await readForm(request);
  if (formText(form, "intent") === "retention") {
    return saveForm(context, form, {
      intent: "retention",
      fields: [...RETENTION_FIELDS, "version"],
      schema: retentionSchema,
      write: (tx, { version, ...rule }) => changeRetention(tx, actorOf(viewer, context), version, rule),
      redirectTo: "/admin/settings?saved",
    });
  }
  if (formText(form, "intent") === "two-step") {
    // Two-step verification for clerks and administrators (docs/decisions/028-two-step-verification.md).
    const required = formText(form, "twoStepRequired");
    if (required !== "yes" && required !== "no") {
      return invalid(context, { errors: {} as FieldErrors, twoStepErrors: { twoStepRequired: "Select whether clerks and administrators must use two-step verification" } as FieldErrors });
    }
    await db().transaction((tx) => changeTwoStepRequirement(tx, actorOf(viewer, context), required === "yes"));
    return redirect("/admin/settings?saved", { status: 303 });
  }
  return saveForm(context, form, {
    fields: [...CLOCK_FIELDS, "version"],
    schema: clockRuleSchema,
    write: (tx, { version, ...rule }) => changeClockRule(tx, actorOf(viewer, context), version, rule),
    redirectTo: "/admin/settings?saved",
  });
}

export default function AdminSettings() {
  const data = useLoaderData<typeof loader>();
  const posted = useActionData<ClerkActionData | { twoStepErrors: FieldErrors }>();
  const twoStepErrors = posted && "twoStepErrors" in posted ? posted.twoStepErrors : undefined;
  const clerkPosted = posted && "twoStepErrors" in posted ? undefined : posted;
  const result = clerkPosted?.intent === "retention" ? undefined : clerkPosted;
  const retentionResult = clerkPosted?.intent === "retention" ? clerkPosted : undefined;
  const values = result?.values ?? data.values;
  const retention = retentionResult?.values ?? data.retention;
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <SavedOrErrors saved={data.saved} posted={clerkPosted} message="The setting has been saved." />
        <h1 className="govuk-heading-l">Settings</h1>
        <h2 className="govuk-heading-m">Statutory clock for agendas</h2>
        <p className="govuk-body">
          An agenda must be open to inspection a number of clear days before the meeting, not counting the day it is
          published or the day of the meeting (Local Government Act 1972 s100B; 5 clear working days in England). The
          clerk&apos;s dashboard shows each meeting&apos;s deadline by this rule, and publishing after it needs a recorded
          reason for the urgency.
        </p>
        {result?.conflict && <ConflictPanel fields={CLOCK_LABELS} current={result.conflict.current} typed={result.values} />}
        <Form method="post" noValidate>
          <HiddenFields fields={[["version", String(result?.conflict?.currentVersion ?? data.version)]]} />
          <TextInput name="clearDays" label="Clear days before the meeting" hint="A whole number from 1 to 30" width="2" defaultValue={values.clearDays} error={result?.errors.clearDays} />
          <Radios
            name="countWorkingDays"
            legend="Which days count"
            options={[
              { value: "yes", label: "Working days only", hint: "Weekends and bank holidays in England and Wales do not count" },
              { value: "no", label: "Every day" },
            ]}
            defaultValue={values.countWorkingDays}
            error={result?.errors.countWorkingDays}
          />
          <Button>Save setting</Button>
        </Form>
        <h2 className="govuk-heading-m" id="two-step">Two-step verification</h2>
        <ErrorSummary errors={twoStepErrors} />
        <p className="govuk-body">
          Clerks and administrators see confidential papers. With this on, each must set up two-step verification (a
          code from an authenticator app after the password) before doing anything else after signing in.
        </p>
        <Form method="post" noValidate>
          <input type="hidden" name="intent" value="two-step" />
          <Radios
            name="twoStepRequired"
            legend="Require two-step verification for clerks and administrators"
            options={[
              { value: "yes", label: "Yes" },
              { value: "no", label: "No" },
            ]}
            defaultValue={data.twoStepRequired ? "yes" : "no"}
            error={twoStepErrors?.twoStepRequired}
          />
          <Button>Save two-step verification setting</Button>
        </Form>
        <p className="govuk-body">
          The number of working days an organisation has to answer a question is set for each board or committee, on its{" "}
          <Link className="govuk-link" to="/clerk/bodies">page</Link>.
        </p>
        <h2 className="govuk-heading-m">How long people&apos;s data is kept</h2>
        <p className="govuk-body">
          Sent e-mails (to followers, members and officers) and sign-in records (expired sessions with their network
          address and browser, counts of failed sign-ins, used or expired invitation and reset links) are removed once
          they are older than this, by a job each server runs every six hours (or <code>npm run retention</code>). The{" "}
          <Link className="govuk-link" to="/privacy">privacy notice</Link> states these periods.
        </p>
        {retentionResult?.conflict && (
          <ConflictPanel fields={RETENTION_LABELS} current={retentionResult.conflict.current} typed={retentionResult.values} />
        )}
        <Form method="post" noValidate>
          <HiddenFields fields={[["intent", "retention"], ["version", String(retentionResult?.conflict?.currentVersion ?? data.retentionVersion)]]} />
          <TextInput name="outboxDays" label="Days sent e-mails are kept" hint="A whole number of days from 1 to 3650" width="4" defaultValue={retention.outboxDays} error={retentionResult?.errors.outboxDays} />
          <TextInput name="signInDays" label="Days sign-in records are kept" hint="A whole number of days from 1 to 3650" width="4" defaultValue={retention.signInDays} error={retentionResult?.errors.signInDays} />
          <Button>Save how long data is kept</Button>
        </Form>
      </div>
    </div>
  );
}
