import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { requirePermission } from "~/auth/permissions.server";
import { Checkbox, ConflictPanel } from "~/components/clerk";
import { Button, ErrorSummary, HiddenFields, Textarea, TextInput } from "~/components/forms";
import { db } from "~/models/records";
import { getClerkItem } from "~/models/meetings";
import { actorOf, runClerkWrite, type ClerkActionData } from "~/handlers/clerk-forms.server";
import { LOCKED_MESSAGE, saveMinute } from "~/models/meetings";
import { formFields, longTextField, parseForm, textField } from "~/utils/form-fields";
import { invalid, readForm } from "~/utils/forms.server";
import { idParam, invariantFound } from "~/utils/http.server";
import { renderMarkdown } from "~/utils/markdown.server";
import { pageTitle } from "~/utils/meta";
import { recordingProblem } from "~/rules/minutes-approval.server";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(matches, data ? `Minute: ${data.number}. ${data.title}` : "Minute");
export const handle = { breadcrumbs: () => [{ label: "Clerk", to: "/clerk" }] };

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "update:minute:any");
  const data = invariantFound(await getClerkItem(idParam(params)));
  return json({
    itemId: data.item.id,
    number: data.number,
    title: data.item.title,
    meetingId: data.meeting.id,
    locked: data.meeting.minutesApprovedAt !== null,
    published: data.meeting.minutesPublishedAt !== null,
    minute: { id: data.minute?.id ?? null, body: data.minute?.body ?? "", decisions: data.minute?.decisions ?? "", version: data.minute?.version ?? 0 },
    lockedMessage: LOCKED_MESSAGE,
    notYet: recordingProblem(data.meeting),
  });
}

const FIELDS = ["body", "decisions", "reason", "correction", "version"] as const;
const schema = z.object({
  body: longTextField({ label: "Minute", max: 100_000, required: "Enter the minute" }),
  decisions: longTextField({ label: "Resolutions and decisions", max: 20_000, optional: true }),
  reason: textField({ label: "Reason", max: 300, optional: true }),
  version: z.string().regex(/^\d{1,9}$/, "The form is out of date: reload the page").transform(Number),
});

export async function action({ request, params, context }: ActionFunctionArgs) {
  const viewer = await requirePermission(request, "update:minute:any");
  const form = await readForm(request);
  const values = formFields(form, FIELDS);
  const parsed = parseForm(schema, form);
  if (!parsed.ok) return invalid(context, { intent: "save", errors: parsed.errors, values });
  const id = idParam(params);
  if (form.get("intent") === "preview") {
    return json({ intent: "save", errors: {}, values, preview: { body: renderMarkdown(parsed.data.body), decisions: renderMarkdown(parsed.data.decisions) } });
  }
  const r = await runClerkWrite(context, "save", values, () =>
    db().transaction((tx) =>
      saveMinute(
        tx,
        actorOf(viewer, context),
        id,
        { body: parsed.data.body, decisions: parsed.data.decisions },
        { version: parsed.data.version, correction: values.correction === "yes", reason: parsed.data.reason },
      ),
    ),
  );
  if (!r.ok) return r.response;
  const meetingId = (await getClerkItem(id))?.meeting.id;
  return redirect(`/clerk/meetings/${meetingId}/minutes?done=saved`, { status: 303 });
}

export default function MinuteEditor() {
  const d = useLoaderData<typeof loader>();
  const data = useActionData<ClerkActionData>();
  const errors = data?.errors;
  const values = data?.values;
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary errors={errors} />
        <h1 className="govuk-heading-l">
          Minute: {d.number}. {d.title}
        </h1>
        {d.locked && (
          <div className="govuk-warning-text">
            <span className="govuk-warning-text__icon" aria-hidden="true">!</span>
            <strong className="govuk-warning-text__text"><span className="govuk-visually-hidden">Warning</span>{d.lockedMessage}</strong>
          </div>
        )}
        {d.notYet && <div className="govuk-inset-text">{d.notYet}.</div>}
        {data?.conflict && (
          <ConflictPanel fields={[{ name: "body", label: "Minute" }, { name: "decisions", label: "Resolutions and decisions" }]} current={data.conflict.current} typed={data.values} />
        )}
        {data?.preview && (
          <section className="portal-preview" aria-labelledby="preview-heading">
            <h2 className="govuk-heading-m" id="preview-heading">Preview (not saved yet)</h2>
            <div className="portal-prose" dangerouslySetInnerHTML={{ __html: data.preview.body }} />
            <h3 className="govuk-heading-s">Resolved</h3>
            <div className="portal-prose" dangerouslySetInnerHTML={{ __html: data.preview.decisions }} />
          </section>
        )}
        <Form method="post" noValidate>
          <HiddenFields fields={[["version", String(data?.conflict?.currentVersion ?? values?.version ?? d.minute.version)]]} />
          <Textarea name="body" label="Minute (Markdown)" rows={10} defaultValue={values?.body ?? d.minute.body} error={errors?.body} />
          <Textarea name="decisions" label="Resolutions and decisions (Markdown)" rows={5} defaultValue={values?.decisions ?? d.minute.decisions} error={errors?.decisions} />
          {d.locked && <Checkbox name="correction" label="This is a recorded correction to approved minutes" defaultChecked={values?.correction === "yes"} />}
          <TextInput
            name="reason"
            label={d.locked ? "Reason for the correction" : d.published ? "Reason for the change" : "Reason for the change (optional)"}
            hint={d.published ? 'The public page shows "Updated on ...: reason"' : undefined}
            defaultValue={values?.reason}
            error={errors?.reason}
          />
          <div className="govuk-button-group">
            <Button name="intent" value="save">Save minute</Button>
            <Button name="intent" value="preview" variant="secondary">Preview</Button>
          </div>
        </Form>
        <ul className="govuk-list">
          <li><Link className="govuk-link" to={`/clerk/meetings/${d.meetingId}/minutes`}>Back to the minutes</Link></li>
          {d.minute.id && <li><Link className="govuk-link" to={`/clerk/history/minute/${d.minute.id}`}>History of changes</Link></li>}
          {d.minute.id && <li><Link className="govuk-link" to={`/actions/new?minute=${d.minute.id}`}>Add an action from this minute</Link></li>}
        </ul>
      </div>
    </div>
  );
}
