import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { requireUser } from "~/auth/permissions.server";
import { getViewer } from "~/auth/viewer.server";
import type { Viewer } from "~/rules/viewer.server";
import { Button, ErrorSummary, FileUpload, HiddenFields, NotificationBanner, Textarea } from "~/components/forms";
import { StatusBasisNote } from "~/components/notes";
import { StatusTags } from "~/components/question-tables";
import { SummaryList } from "~/components/summary-list";
import { db } from "~/models/records";
import {
  actionState,
  addProgressNote,
  cancelAction,
  completeAction,
  decideCancellation,
  getAction,
  hasPendingCancellation,
  requestCancellation,
  startAction,
} from "~/models/questions";
import { readClerkForm, uploadedFile } from "~/handlers/clerk-forms.server";
import {
  checkCancelAction,
  checkCompleteAction,
  checkDecideCancellation,
  checkProgressNote,
  checkRequestCancellation,
  checkStartAction,
} from "~/rules/question-transitions.server";
import type { FieldErrors } from "~/utils/form-fields";
import { invalid } from "~/utils/forms.server";
import { idParam, invariantFound } from "~/utils/http.server";
import { pageTitle } from "~/utils/meta";
import { actorFor, attempt } from "~/handlers/question-action.server";
import { RecordTools } from "~/components/record-tools";
import { followingSubscriptionId } from "~/models/publishing";
import { actionPageSchemas as schemas, formFields, formText, parseForm } from "~/utils/page-schemas.server";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(matches, data ? `Action: ${data.action.description}` : "Action");
export const handle = {
  breadcrumbs: () => [
    { label: "Home", to: "/" },
    { label: "Actions", to: "/actions" },
  ],
};

/**
 * What the viewer may do to the action now, step by step ("x" stands for any text:
 * these only ask whether the step is theirs and possible now), with the refusal of
 * each step that is not.
 */
async function steps(viewer: Viewer, actionId: string) {
  const state = (await actionState(db(), actionId))!;
  const pending = await hasPendingCancellation(actionId);
  const refusals = {
    start: checkStartAction(viewer, state),
    note: checkProgressNote(viewer, state),
    complete: checkCompleteAction(viewer, state, "x"),
    cancel: checkCancelAction(viewer, state, "x"),
    "request-cancel": checkRequestCancellation(viewer, state, "x", pending),
    "confirm-cancel": checkDecideCancellation(viewer, state, "confirmed", "x", pending),
    "refuse-cancel": checkDecideCancellation(viewer, state, "refused", "x", pending),
  };
  return { pending, refusals };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await getViewer(request);
  const action = invariantFound(await getAction(viewer, idParam(params)));
  const { pending, refusals } = await steps(viewer, action.id);
  const can = {
    start: refusals.start === null,
    note: refusals.note === null,
    complete: refusals.complete === null,
    cancel: refusals.cancel === null,
    requestCancel: refusals["request-cancel"] === null,
    decideCancel: refusals["confirm-cancel"] === null,
  };
  return json({ action, can, pending, following: await followingSubscriptionId(viewer, "action", action.id) });
}

type Intent = keyof typeof schemas;

export async function action({ request, params, context }: ActionFunctionArgs) {
  const viewer = await requireUser(request);
  const id = idParam(params);
  invariantFound(await getAction(viewer, id));
  // Completing may carry an evidence document (a multipart form); a file over 20 MB is dropped, the text kept.
  const { form, tooLarge } = await readClerkForm(request);
  const intent = formText(form, "intent") as Intent;
  if (tooLarge) return invalid(context, { intent: "complete", values: formFields(form, ["closureEvidence"]), errors: { evidenceFile: "The selected file must be smaller than 20 MB" } });
  if (!Object.hasOwn(schemas, intent)) return invalid(context, { intent: "", values: {}, errors: { form: "Choose what to do" } });
  // A step no longer possible (the action was completed or cancelled meanwhile) has no form on the
  // page any more: it is told about the whole form, not beside a field that is not there.
  const { refusals } = await steps(viewer, id);
  const refusal = Object.hasOwn(refusals, intent) ? refusals[intent as keyof typeof refusals] : null;
  if (refusal?.kind === "conflict") return invalid(context, { intent: "", values: {}, errors: { form: refusal.message } }, 409);
  const schema = schemas[intent];
  const values = formFields(form, Object.keys(schema.shape));
  const parsed = parseForm(schema as z.AnyZodObject, form);
  if (!parsed.ok) return invalid(context, { intent, values, errors: parsed.errors });
  const d = parsed.data as Record<string, string>;
  const evidenceFile = intent === "complete" ? await uploadedFile(form, "evidenceFile") : null;
  if (intent === "complete" && !d.closureEvidence && !evidenceFile) {
    return invalid(context, { intent, values, errors: { closureEvidence: "Enter the closure evidence or upload a document: an action cannot be completed without it" } });
  }
  const actor = actorFor(request, context, viewer);
  const result = await attempt(context, { intent, values }, async () => {
    if (intent === "start") return startAction(actor, id);
    if (intent === "note") return addProgressNote(actor, id, d.note);
    if (intent === "complete") return completeAction(actor, id, d.closureEvidence ?? "", evidenceFile);
    if (intent === "request-cancel") return requestCancellation(actor, id, d.cancellationReason ?? "");
    if (intent === "confirm-cancel") return decideCancellation(actor, id, "confirmed", d.decisionNote ?? "");
    if (intent === "refuse-cancel") return decideCancellation(actor, id, "refused", d.decisionNote ?? "");
    return cancelAction(actor, id, d.cancellationReason ?? "");
  });
  if (!result.ok) return result.response;
  return redirect(`/actions/${id}?done=${intent}`, { status: 303 });
}

const DONE: Record<string, string> = {
  create: "The action is added.",
  start: "The action is in progress.",
  note: "Your progress note is added.",
  complete: "The action is completed.",
  cancel: "The action is cancelled.",
  "request-cancel": "Your request to cancel the action has been sent to the clerk. The action stays open until the clerk confirms it.",
  "confirm-cancel": "The cancellation is confirmed: the action is cancelled.",
  "refuse-cancel": "The cancellation is refused: the action stays open.",
};

export default function ActionPage() {
  const { action: a, can, pending, following } = useLoaderData<typeof loader>();
  const actionData = useActionData<{ intent: string; errors: FieldErrors; values: Record<string, string> }>();
  const [searchParams] = useSearchParams();
  const done = searchParams.get("done");
  const errorsFor = (intent: string) => (actionData?.intent === intent ? actionData.errors : undefined);
  const valuesFor = (intent: string) => (actionData?.intent === intent ? actionData.values : undefined);
  return (
    <>
      <ErrorSummary errors={actionData?.errors} />
      {done && Object.hasOwn(DONE, done) && !actionData && (
        <NotificationBanner success>
          <p className="govuk-notification-banner__heading">{DONE[done]}</p>
        </NotificationBanner>
      )}
      <span className="govuk-caption-l">Action for {a.organisation}</span>
      <h1 className="govuk-heading-l">{a.description}</h1>
      <RecordTools follow="action" following={following} linkAs="action" id={a.id} />
      <SummaryList
        rows={[
          [
            "Status",
            <span key="s">
              <StatusTags status={a.status} label={a.statusLabel} overdue={a.overdue} daysLate={a.daysLate} />
              <StatusBasisNote basis={a.statusBasis} />
            </span>,
          ],
          ["Owner", [a.owner, a.organisation].filter(Boolean).join(", ")],
          ["Due", a.due],
          ["Days open", String(a.daysOpen)],
          ...(a.question ? ([["From the question", <Link key="q" className="govuk-link" to={`/questions/${a.question.id}`}>{a.question.text}</Link>]] as [string, JSX.Element][]) : []),
          ...(a.question?.agendaItemTitle
            ? ([["Raised on", <><Link key="i" className="govuk-link" to={`/agenda-items/${a.question.agendaItemId}`}>{a.question.agendaItemTitle}</Link>, <Link className="govuk-link" to={`/meetings/${a.question.meetingSlug}`}>{a.question.meetingTitle}</Link></>]] as [string, JSX.Element][])
            : []),
          ...(a.minute
            ? ([[a.origin?.kind === "minute" ? "From the minute of" : "Minute", <><Link key="m" className="govuk-link" to={`/agenda-items/${a.minute.agendaItemId}#minutes-heading`}>{a.minute.title}</Link>, <Link className="govuk-link" to={`/meetings/${a.minute.meetingSlug}`}>{a.minute.meeting}</Link> ({a.minute.body})</>]] as [string, JSX.Element][])
            : []),
          ...(a.recommendation
            ? ([[a.origin?.kind === "recommendation" ? "From the recommendation" : "Answers the recommendation", <><Link key="r" className="govuk-link" to={`/recommendations/${a.recommendation.id}`}>{a.recommendation.reference}: {a.recommendation.text}</Link> (<Link className="govuk-link" to={`/inspections/${a.recommendation.inspectionSlug}`}>{a.recommendation.inspection}</Link>)</>]] as [string, JSX.Element][])
            : []),
        ]}
      />
      {(a.closureEvidenceHtml || a.evidenceFile) && (
        <>
          <h2 className="govuk-heading-m">Closure evidence</h2>
          {a.closureEvidenceHtml && <div className="portal-prose" dangerouslySetInnerHTML={{ __html: a.closureEvidenceHtml }} />}
          {a.evidenceFile && (
            <p className="govuk-body">
              <a className="govuk-link" href={`/files/${a.evidenceFile.id}`}>{a.evidenceFile.fileName}</a>{" "}
              <span className="portal-meta">({a.evidenceFile.type}, {a.evidenceFile.size})</span>
            </p>
          )}
        </>
      )}
      <h2 className="govuk-heading-l">Progress</h2>
      <ol className="govuk-list">
        {a.timeline.map((e, i) => (
          <li key={`${e.at}-${i}`} className="govuk-!-margin-bottom-6">
            <h3 className="govuk-heading-s govuk-!-margin-bottom-1">{e.label}</h3>
            <p className="govuk-body-s portal-meta govuk-!-margin-bottom-2">
              {e.date}
              {e.who ? ` · ${e.who}` : ""}
            </p>
            {e.html && <div className="portal-prose" dangerouslySetInnerHTML={{ __html: e.html }} />}
          </li>
        ))}
      </ol>
      {(can.start || can.note || can.complete || can.cancel || can.requestCancel || can.decideCancel) && <h2 className="govuk-heading-l">Update the action</h2>}
      {can.start && (
        <Form method="post" noValidate className="portal-question-form">
          <HiddenFields fields={[["intent", "start"]]} />
          <Button variant="secondary">Mark as in progress</Button>
        </Form>
      )}
      {can.note && (
        <Form method="post" noValidate className="portal-question-form">
          <HiddenFields fields={[["intent", "note"]]} />
          <Textarea name="note" label={<strong>Add a progress note</strong>} defaultValue={valuesFor("note")?.note} error={errorsFor("note")?.note} rows={3} />
          <Button variant="secondary">Add the note</Button>
        </Form>
      )}
      {can.complete && (
        <Form method="post" encType="multipart/form-data" noValidate className="portal-question-form">
          <HiddenFields fields={[["intent", "complete"]]} />
          <Textarea name="closureEvidence" label={<strong>Complete the action</strong>} hint="Closure evidence: what was done and where it can be seen. Write it here, upload a document, or both: one of them is required." defaultValue={valuesFor("complete")?.closureEvidence} error={errorsFor("complete")?.closureEvidence} rows={4} />
          <FileUpload name="evidenceFile" label="Evidence document (optional)" hint="PDF, DOCX, XLSX, ODT, PNG, JPEG or GIF, smaller than 20 MB. Seen by whoever may see this action." error={errorsFor("complete")?.evidenceFile} />
          <Button>Complete the action</Button>
        </Form>
      )}
      {can.cancel && (
        <Form method="post" noValidate className="portal-question-form">
          <HiddenFields fields={[["intent", "cancel"]]} />
          <Textarea name="cancellationReason" label={<strong>Cancel the action</strong>} hint="Say why it is no longer needed." defaultValue={valuesFor("cancel")?.cancellationReason} error={errorsFor("cancel")?.cancellationReason} rows={3} />
          <Button variant="warning">Cancel the action</Button>
        </Form>
      )}
      {can.requestCancel && (
        <Form method="post" noValidate className="portal-question-form">
          <HiddenFields fields={[["intent", "request-cancel"]]} />
          <Textarea
            name="cancellationReason"
            label={<strong>Ask the clerk to cancel the action</strong>}
            hint="The board agreed this action in a minute, so the clerk confirms a cancellation. Say why it is no longer needed."
            defaultValue={valuesFor("request-cancel")?.cancellationReason}
            error={errorsFor("request-cancel")?.cancellationReason}
            rows={3}
          />
          <Button variant="warning">Ask the clerk to cancel it</Button>
        </Form>
      )}
      {pending && !can.decideCancel && (
        <p className="govuk-body">A request to cancel this action is waiting for the clerk.</p>
      )}
      {can.decideCancel && (
        <>
          <h3 className="govuk-heading-m">A request to cancel this action is waiting</h3>
          <Form method="post" noValidate className="portal-question-form">
            <HiddenFields fields={[["intent", "confirm-cancel"]]} />
            <Textarea name="decisionNote" label={<strong>Confirm the cancellation</strong>} hint="Optional: a note added to the reason." defaultValue={valuesFor("confirm-cancel")?.decisionNote} error={errorsFor("confirm-cancel")?.decisionNote} rows={2} />
            <Button variant="warning">Confirm: cancel the action</Button>
          </Form>
          <Form method="post" noValidate className="portal-question-form">
            <HiddenFields fields={[["intent", "refuse-cancel"]]} />
            <Textarea name="decisionNote" label={<strong>Refuse the cancellation</strong>} hint="Say why the action is still needed." defaultValue={valuesFor("refuse-cancel")?.decisionNote} error={errorsFor("refuse-cancel")?.decisionNote} rows={2} />
            <Button variant="secondary">Refuse: the action stays open</Button>
          </Form>
        </>
      )}
    </>
  );
}
