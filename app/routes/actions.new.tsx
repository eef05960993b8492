/**
 * Adding a follow-up action from a minute (`?minute=<id>`, clerks) or an
 * inspection recommendation (`?recommendation=<id>`, clerks and officers of the
 * inspected organisation for their own organisation): docs/decisions/009-action-origins-and-evidence.md.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { forbidden, requireUser } from "~/auth/permissions.server";
import { CheckboxGroup } from "~/components/clerk";
import { Button, ErrorSummary, HiddenFields, Select, Textarea, TextInput } from "~/components/forms";
import { db } from "~/models/records";
import { createAction, newActionChoices, newActionOrigin, parseNewActionOrigin } from "~/models/questions";
import { sendPendingEmailsQuietly } from "~/models/publishing";
import { checkCreateAction } from "~/rules/question-transitions.server";
import { DateInput } from "~/components/date-input";
import { dayField } from "~/utils/day-field";
import { formFields, longTextField, parseForm, type FieldErrors } from "~/utils/form-fields";
import { invalid, readForm } from "~/utils/forms.server";
import { invariantFound } from "~/utils/http.server";
import { pageTitle } from "~/utils/meta";
import { actorFor, attempt } from "~/handlers/question-action.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "Add an action");
export const handle = {
  breadcrumbs: () => [
    { label: "Home", to: "/" },
    { label: "Actions", to: "/actions" },
  ],
};

/** Who is asking, and the minute or recommendation (404 when there is none or they may not see it; 403 when not theirs). */
async function guard(request: Request) {
  const viewer = await requireUser(request);
  const ref = invariantFound(parseNewActionOrigin(new URL(request.url).searchParams), "Say which minute or recommendation the action comes from");
  const origin = invariantFound(await newActionOrigin(db(), viewer, ref), "The minute or recommendation was not found");
  const refusal = checkCreateAction(viewer, origin.check, null);
  if (refusal) forbidden(refusal.message);
  return { viewer, origin };
}

export async function loader({ request }: LoaderFunctionArgs) {
  const { viewer, origin } = await guard(request);
  return json({
    origin: { kind: origin.kind, id: origin.id, label: origin.label, href: origin.href, defaultOrganisationId: origin.defaultOrganisationId },
    choices: await newActionChoices(viewer),
  });
}

const schema = z.object({
  description: longTextField({ label: "Action", max: 2000, required: "Describe the action" }),
  owningOrganisationId: z.string().min(1, "Select the owning organisation"),
  ownerId: z.string(),
  dueOn: dayField({ label: "Due date" }),
});

type Values = Record<"description" | "owningOrganisationId" | "ownerId" | "dueOn", string> & { priorityIds: string[] };

export async function action({ request, context }: ActionFunctionArgs) {
  const { viewer, origin } = await guard(request);
  const form = await readForm(request);
  const values: Values = { ...formFields(form, ["description", "owningOrganisationId", "ownerId", "dueOn"]), priorityIds: form.getAll("priorityIds").map(String) };
  const parsed = parseForm(schema, form);
  if (!parsed.ok) return invalid(context, { intent: "create", errors: parsed.errors, values });
  const result = await attempt(context, { intent: "create", values }, () =>
    createAction(actorFor(request, context, viewer), {
      origin: { kind: origin.kind, id: origin.id },
      description: parsed.data.description,
      dueOn: parsed.data.dueOn ?? "",
      owningOrganisationId: parsed.data.owningOrganisationId,
      ownerId: parsed.data.ownerId || null,
      priorityIds: values.priorityIds,
    }),
  );
  if (!result.ok) return result.response;
  await sendPendingEmailsQuietly();
  return redirect(`/actions/${result.value.id}?done=create`, { status: 303 });
}

export default function NewAction() {
  const { origin, choices } = useLoaderData<typeof loader>();
  const data = useActionData<{ errors: FieldErrors; values: Values }>();
  const errors = data?.errors;
  const values = data?.values;
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary errors={errors} />
        <h1 className="govuk-heading-l">Add an action</h1>
        <p className="govuk-body">
          From <Link className="govuk-link" to={origin.href}>{origin.label}</Link>.
          {origin.kind === "minute"
            ? " The action is public once the meeting's minutes are published (never, if the item is exempt)."
            : " The action is public at once, like the recommendation."}
        </p>
        <Form method="post" action={`/actions/new?${origin.kind}=${origin.id}`} noValidate>
          <HiddenFields fields={[["intent", "create"]]} />
          <Textarea name="description" label="Action" hint="What is to be done, by whom, and how the board will know it is done." defaultValue={values?.description} error={errors?.description} rows={4} />
          <Select name="owningOrganisationId" label="Owning organisation" placeholder="Select an organisation" options={choices.organisations} defaultValue={values?.owningOrganisationId ?? origin.defaultOrganisationId ?? ""} error={errors?.owningOrganisationId} />
          <Select name="ownerId" label="Owner" hint="Someone who works for the owning organisation." placeholder="No named owner" options={choices.people} defaultValue={values?.ownerId} error={errors?.ownerId} />
          <DateInput name="dueOn" legend="Due date" hint="Today or later. For example, 30 6 2026" defaultValue={values?.dueOn} error={errors?.dueOn} />
          <CheckboxGroup name="priorityIds" legend="Strategic priorities it serves (optional)" options={choices.priorities} checked={values?.priorityIds ?? []} error={errors?.priorityIds} />
          <Button>Add the action</Button>
        </Form>
      </div>
    </div>
  );
}
