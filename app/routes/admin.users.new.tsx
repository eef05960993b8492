import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { ACCOUNT_ROLES, ROLE_HINTS, ROLE_LABELS } from "~/auth/permissions";
import { requirePermission } from "~/auth/permissions.server";
import { Button, ErrorSummary, Radios, Select, TextInput } from "~/components/forms";
import { db } from "~/models/records";
import { sendPendingEmailsQuietly } from "~/models/publishing";
import { AccountError, accountChoices, inviteUser, isUniqueViolation } from "~/models/people";
import {
  choiceField,
  emailField,
  formFields,
  parseForm,
  textField,
  type FieldErrors,
} from "~/utils/form-fields";
import { invalid, readForm } from "~/utils/forms.server";
import { pageTitle } from "~/utils/meta";
import { siteUrl } from "~/utils/site-url.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "Invite someone");

export const handle = {
  breadcrumbs: () => [
    { label: "Administration", to: "/admin" },
    { label: "Accounts", to: "/admin/users" },
  ],
};

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "manage:user:any");
  return json(await accountChoices(db()));
}

const FIELDS = ["name", "email", "role", "organisationId", "bodyId"] as const;

const schema = z.object({
  name: textField({ label: "Full name", max: 100, required: "Enter the person's full name" }),
  email: emailField(),
  role: choiceField(ACCOUNT_ROLES, "Select a role"),
  organisationId: z.string(),
  bodyId: z.string(),
});

export async function action({ request, context }: ActionFunctionArgs) {
  const viewer = await requirePermission(request, "manage:user:any");
  const form = await readForm(request);
  const values = formFields(form, FIELDS);
  const parsed = parseForm(schema, form);
  if (!parsed.ok) return invalid(context, { errors: parsed.errors, values });
  const { name, email, role, organisationId, bodyId } = parsed.data;
  if (role === "officer" && !organisationId) {
    return invalid(context, { errors: { organisationId: "Select the officer's organisation" }, values });
  }
  const actor = { userId: viewer.userId, ipAddress: context?.clientIp ?? null };
  let userId: string;
  try {
    const { user } = await db().transaction((tx) =>
      inviteUser(
        tx,
        actor,
        {
          name,
          email,
          role,
          organisationId: role === "officer" ? organisationId : null,
          bodyId: role === "member" && bodyId ? bodyId : null,
        },
        siteUrl(),
      ),
    );
    userId = user.id;
  } catch (error) {
    if (error instanceof AccountError) return invalid(context, { errors: { [error.field]: error.message }, values });
    if (isUniqueViolation(error)) {
      return invalid(context, { errors: { email: "An account with this email address already exists" }, values });
    }
    throw error;
  }
  await sendPendingEmailsQuietly();
  return redirect(`/admin/users/${userId}?invited`, { status: 303 });
}

export default function InviteUser() {
  const choices = useLoaderData<typeof loader>();
  const actionData = useActionData<{ errors: FieldErrors; values: Record<string, string> }>();
  const errors = actionData?.errors;
  const values = actionData?.values;
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary errors={errors} />
        <h1 className="govuk-heading-l">Invite someone</h1>
        <p className="govuk-body">
          They will get an email with a link to choose their password. The link works once, for 7 days.
        </p>
        <Form method="post" noValidate>
          <TextInput name="name" label="Full name" autoComplete="off" spellCheck={false} defaultValue={values?.name} error={errors?.name} />
          <TextInput
            name="email"
            label="Email address"
            type="email"
            autoComplete="off"
            spellCheck={false}
            defaultValue={values?.email}
            error={errors?.email}
          />
          <Radios
            name="role"
            legend="Role"
            options={ACCOUNT_ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r], hint: ROLE_HINTS[r] }))}
            defaultValue={values?.role}
            error={errors?.role}
          />
          <Select
            name="organisationId"
            label="Organisation (officers)"
            hint="The organisation whose questions and actions an officer answers"
            placeholder="Select an organisation"
            options={choices.organisations.map((o) => ({ value: o.id, label: o.name }))}
            defaultValue={values?.organisationId}
            error={errors?.organisationId}
          />
          <Select
            name="bodyId"
            label="Board or committee (members, optional)"
            hint="A member can be added to more boards later"
            placeholder="None"
            options={choices.bodies.map((b) => ({ value: b.id, label: b.name }))}
            defaultValue={values?.bodyId}
            error={errors?.bodyId}
          />
          <Button>Send invitation</Button>
        </Form>
        <p className="govuk-body">
          <Link className="govuk-link" to="/admin/users">
            Cancel
          </Link>
        </p>
      </div>
    </div>
  );
}
