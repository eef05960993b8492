/** A member proposes a topic for the work programme; a clerk decides whether it goes on (issue 17 item 6). */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/permissions.server";
import { Button, ErrorSummary } from "~/components/forms";
import { TOPIC_FIELDS, TopicFields, topicFormSchema } from "~/components/topic-form";
import { db } from "~/models/records";
import { proposeTopic, topicFormOptions, WorkProgrammeError } from "~/models/oversight";
import { municipalYearChoices, municipalYearOf } from "~/rules/municipal-year.server";
import { formFields, parseForm, type FieldErrors } from "~/utils/form-fields";
import { invalid, readForm } from "~/utils/forms.server";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "Propose a topic for the work programme");
export const handle = {
  breadcrumbs: () => [
    { label: "Home", to: "/" },
    { label: "Work programme", to: "/work-programme" },
  ],
};

async function options(viewer: Awaited<ReturnType<typeof requirePermission>>) {
  return { ...(await topicFormOptions(viewer)), years: municipalYearChoices() };
}

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requirePermission(request, "create:topic:own");
  const opts = await options(viewer);
  return json({ options: opts, defaults: { year: String(municipalYearOf(new Date())), bodyId: opts.bodies.length === 1 ? opts.bodies[0].id : "", kind: "report" } });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const viewer = await requirePermission(request, "create:topic:own");
  const form = await readForm(request);
  const values = formFields(form, TOPIC_FIELDS);
  const parsed = parseForm(topicFormSchema, form);
  if (!parsed.ok) return invalid(context, { errors: parsed.errors, values });
  const d = parsed.data;
  try {
    const row = await db().transaction((tx) =>
      proposeTopic(tx, { userId: viewer.userId, personId: viewer.personId, ipAddress: context?.clientIp ?? null }, {
        ...d,
        year: Number(d.year),
        priorityId: d.priorityId || null,
        recommendationId: d.recommendationId || null,
      }),
    );
    return redirect(`/work-programme/topics/${row.id}?proposed`, { status: 303 });
  } catch (error) {
    if (error instanceof WorkProgrammeError) return invalid(context, { errors: { [error.field]: error.message } as FieldErrors, values });
    throw error;
  }
}

export default function ProposeTopic() {
  const { options, defaults } = useLoaderData<typeof loader>();
  const actionData = useActionData<{ errors: FieldErrors; values: Record<string, string> }>();
  const errors = actionData?.errors;
  const values = actionData?.values ?? defaults;
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary errors={errors} />
        <h1 className="govuk-heading-l">Propose a topic for the work programme</h1>
        <p className="govuk-body">A clerk will consider it: until it is accepted onto the programme it is seen only by members and clerks.</p>
        <Form method="post" noValidate>
          <TopicFields values={values} errors={errors} options={options} />
          <Button>Propose the topic</Button>
        </Form>
      </div>
    </div>
  );
}
