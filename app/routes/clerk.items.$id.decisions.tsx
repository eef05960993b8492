import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { requirePermission } from "~/auth/permissions.server";
import { ConflictPanel } from "~/components/clerk";
import { DateInput } from "~/components/date-input";
import { Button, ErrorSummary, HiddenFields, NotificationBanner, Textarea, TextInput } from "~/components/forms";
import { actorOf, runClerkWrite, type ClerkActionData } from "~/handlers/clerk-forms.server";
import { clerkDecisionsOfItem, createDecision, getClerkItem, removeDecision, updateDecision } from "~/models/meetings";
import { db } from "~/models/records";
import { formatDate, isoDay } from "~/rules/dates.server";
import { decisionStatus } from "~/rules/decision-status.server";
import { versionField } from "~/utils/clerk-schemas";
import { dayField } from "~/utils/day-field";
import { formFields, formText, longTextField, parseForm } from "~/utils/form-fields";
import { invalid, readForm } from "~/utils/forms.server";
import { idParam, invariantFound } from "~/utils/http.server";
import { renderMarkdown } from "~/utils/markdown.server";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(matches, data ? `Decisions: ${data.number}. ${data.title}` : "Decisions");
export const handle = { breadcrumbs: () => [{ label: "Clerk", to: "/clerk" }] };

const FIELDS = ["text", "reasons", "callInUntil", "calledInOn", "implementedOn", "version", "decisionId"] as const;
const LABELS = { text: "Decision", reasons: "Reasons", callInUntil: "Last day for call-in", calledInOn: "Called in on", implementedOn: "Implemented on" };

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "update:minute:any");
  const data = invariantFound(await getClerkItem(idParam(params)));
  const url = new URL(request.url);
  const today = isoDay(new Date());
  const decisions = (await clerkDecisionsOfItem(data.item.id)).map((d) => ({
    ...d,
    textHtml: renderMarkdown(d.text),
    statusLabel: decisionStatus(d, today).label,
    callInUntilText: d.callInUntil ? formatDate(d.callInUntil) : null,
  }));
  const editing = decisions.find((d) => d.id === url.searchParams.get("edit")) ?? null;
  const done = url.searchParams.get("done");
  return json({
    itemId: data.item.id,
    number: data.number,
    title: data.item.title,
    isExempt: data.item.isExempt,
    meeting: { id: data.meeting.id, title: data.meeting.title, minutesPublished: data.meeting.minutesPublishedAt !== null },
    minuteDecisionsHtml: data.minute?.decisions ? renderMarkdown(data.minute.decisions) : "",
    decisions,
    editing: editing && {
      id: editing.id,
      text: editing.text,
      reasons: editing.reasons,
      callInUntil: editing.callInUntil ?? "",
      calledInOn: editing.calledInOn ?? "",
      implementedOn: editing.implementedOn ?? "",
      version: editing.version,
    },
    notice: done === "saved" ? "Decision saved." : done === "removed" ? "Decision removed." : null,
  });
}

const schema = z.object({
  text: longTextField({ label: "Decision", max: 10_000, required: "Enter what was decided" }),
  reasons: longTextField({ label: "Reasons", max: 10_000, optional: true }),
  callInUntil: dayField({ label: "Last day for call-in", optional: true }),
  calledInOn: dayField({ label: "Called in on", optional: true }),
  implementedOn: dayField({ label: "Implemented on", optional: true }),
});

export async function action({ request, params, context }: ActionFunctionArgs) {
  const viewer = await requirePermission(request, "update:minute:any");
  const itemId = idParam(params);
  const actor = actorOf(viewer, context);
  const form = await readForm(request);
  const intent = formText(form, "intent");
  const values = formFields(form, FIELDS);
  const back = (done: string) => redirect(`/clerk/items/${itemId}/decisions?done=${done}#decisions`, { status: 303 });

  if (intent === "remove") {
    const r = await runClerkWrite(context, intent, values, () => db().transaction((tx) => removeDecision(tx, actor, itemId, values.decisionId)));
    return r.ok ? back("removed") : r.response;
  }
  const parsed = parseForm(schema, form);
  const version = intent === "update" ? versionField.safeParse(values.version) : null;
  if (!parsed.ok || (version && !version.success)) {
    const errors = { ...(parsed.ok ? {} : parsed.errors), ...(version && !version.success ? { form: "The form is out of date: reload the page" } : {}) };
    return invalid(context, { intent, errors, values });
  }
  const d = parsed.data;
  const input = { text: d.text, reasons: d.reasons, callInUntil: d.callInUntil, calledInOn: d.calledInOn, implementedOn: d.implementedOn };
  const r = await runClerkWrite(context, intent, values, () =>
    db().transaction((tx) =>
      intent === "update"
        ? updateDecision(tx, actor, itemId, values.decisionId, version?.success ? version.data : -1, input)
        : createDecision(tx, actor, itemId, input),
    ),
  );
  return r.ok ? back("saved") : r.response;
}

export default function ClerkDecisions() {
  const d = useLoaderData<typeof loader>();
  const data = useActionData<ClerkActionData>();
  const errors = data?.errors;
  const editing = d.editing;
  // What was typed comes back after a refusal; otherwise the decision being edited, or nothing.
  const typed = data && data.intent !== "remove" ? data.values : undefined;
  const v = (name: keyof typeof LABELS) => typed?.[name] ?? (editing ? String(editing[name] ?? "") : "");
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary errors={errors} />
        {d.notice && <NotificationBanner success>{d.notice}</NotificationBanner>}
        <span className="govuk-caption-l">{d.meeting.title}</span>
        <h1 className="govuk-heading-l">
          Decisions: {d.number}. {d.title}
        </h1>
        <p className="govuk-body">
          Record each resolution the minute states as a decision. Only what the minute resolves is a decision: "Members to comment
          on and note" is not. The public sees decisions once the minutes are published
          {d.isExempt ? ", and never while the item is exempt" : ""}.
          {!d.meeting.minutesPublished && " These minutes are not published yet."}
        </p>
        {d.minuteDecisionsHtml && (
          <div className="govuk-inset-text">
            <h2 className="govuk-heading-s">Resolved, in the minute</h2>
            <div className="portal-prose" dangerouslySetInnerHTML={{ __html: d.minuteDecisionsHtml }} />
          </div>
        )}
        <h2 className="govuk-heading-m" id="decisions">Decisions recorded</h2>
        {d.decisions.length === 0 ? (
          <p className="govuk-body">None yet.</p>
        ) : (
          <ol className="govuk-list govuk-list--number">
            {d.decisions.map((x, i) => (
              <li key={x.id} className="govuk-!-margin-bottom-4">
                <div className="portal-prose" dangerouslySetInnerHTML={{ __html: x.textHtml }} />
                <p className="govuk-body-s">Status: {x.statusLabel}</p>
                <div className="govuk-button-group">
                  <Link className="govuk-link" to={`/clerk/items/${d.itemId}/decisions?edit=${x.id}#decision-form`}>
                    Edit<span className="govuk-visually-hidden"> decision {i + 1}</span>
                  </Link>
                  <Form method="post" className="portal-inline-form">
                    <HiddenFields fields={[["intent", "remove"], ["decisionId", x.id]]} />
                    <button type="submit" className="govuk-button govuk-button--warning" data-module="govuk-button">
                      Remove<span className="govuk-visually-hidden"> decision {i + 1}</span>
                    </button>
                  </Form>
                </div>
              </li>
            ))}
          </ol>
        )}
        {data?.conflict && <ConflictPanel fields={Object.entries(LABELS).map(([name, label]) => ({ name, label }))} current={data.conflict.current} typed={data.values} />}
        <Form method="post" noValidate id="decision-form">
          <h2 className="govuk-heading-m">{editing ? "Edit the decision" : "Record a decision"}</h2>
          <HiddenFields
            fields={
              editing
                ? [["intent", "update"], ["decisionId", editing.id], ["version", String(data?.conflict?.currentVersion ?? typed?.version ?? editing.version)]]
                : [["intent", "create"]]
            }
          />
          <Textarea name="text" label="Decision (Markdown)" hint="What was resolved, in the minute's words" rows={4} defaultValue={v("text")} error={errors?.text} />
          <Textarea name="reasons" label="Reasons (Markdown, optional)" hint="Only where the minute gives them" rows={3} defaultValue={v("reasons")} error={errors?.reasons} />
          <DateInput name="callInUntil" legend="Last day for call-in (executive decisions only)" hint="Leave empty where call-in does not apply. For example, 12 3 2026" defaultValue={v("callInUntil")} error={errors?.callInUntil} />
          <DateInput name="calledInOn" legend="Called in on (optional)" hint="For example, 5 3 2026" defaultValue={v("calledInOn")} error={errors?.calledInOn} />
          <DateInput name="implementedOn" legend="Implemented on (optional)" hint="For example, 20 3 2026" defaultValue={v("implementedOn")} error={errors?.implementedOn} />
          <div className="govuk-button-group">
            <Button>{editing ? "Save decision" : "Record decision"}</Button>
            {editing && <Link className="govuk-link" to={`/clerk/items/${d.itemId}/decisions`}>Cancel</Link>}
          </div>
        </Form>
        <ul className="govuk-list">
          <li><Link className="govuk-link" to={`/clerk/items/${d.itemId}`}>Back to the item</Link></li>
          <li><Link className="govuk-link" to={`/clerk/items/${d.itemId}/minute`}>The minute</Link></li>
        </ul>
      </div>
    </div>
  );
}
