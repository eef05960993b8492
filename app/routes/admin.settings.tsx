import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/permissions.server";
import { ConflictPanel } from "~/components/clerk";
import { Button, HiddenFields, Radios, TextInput } from "~/components/forms";
import { SavedOrErrors } from "~/components/people-forms";
import { contentVersion } from "~/utils/clerk-errors.server";
import { actorOf, type ClerkActionData } from "~/handlers/clerk-forms.server";
import { saveForm } from "~/handlers/form-actions.server";
import { changeClockRule, clockFormValues, getClockRule } from "~/models/records";
import { readForm } from "~/utils/forms.server";
import { pageTitle } from "~/utils/meta";
import { CLOCK_FIELDS, clockRuleSchema } from "~/utils/people-schemas";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "Settings");
export const handle = { breadcrumbs: () => [{ label: "Administration", to: "/admin" }] };

const CLOCK_LABELS = [
  { name: "clearDays", label: "Clear days" },
  { name: "countWorkingDays", label: "Only working days count" },
];

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "manage:settings:any");
  const values = clockFormValues(await getClockRule());
  return json({ values, version: contentVersion(values), saved: new URL(request.url).searchParams.has("saved") });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const viewer = await requirePermission(request, "manage:settings:any");
  return saveForm(context, await readForm(request), {
    fields: [...CLOCK_FIELDS, "version"],
    schema: clockRuleSchema,
    write: (tx, { version, ...rule }) => changeClockRule(tx, actorOf(viewer, context), version, rule),
    redirectTo: "/admin/settings?saved",
  });
}

export default function AdminSettings() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<ClerkActionData>();
  const values = result?.values ?? data.values;
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <SavedOrErrors saved={data.saved} posted={result} message="The setting has been saved." />
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
        <p className="govuk-body">
          The number of working days an organisation has to answer a question is set for each board or committee, on its{" "}
          <Link className="govuk-link" to="/clerk/bodies">page</Link>.
        </p>
      </div>
    </div>
  );
}
