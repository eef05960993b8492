import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { requireUser } from "~/auth/permissions.server";
import { getViewer } from "~/auth/viewer.server";
import { Button, ErrorSummary, HiddenFields, NotificationBanner, Radios, Select, TextInput, Textarea } from "~/components/forms";
import { SourceNote, Tag } from "~/components/notes";
import { SummaryList } from "~/components/summary-list";
import { db } from "~/models/records";
import { sendPendingEmailsQuietly } from "~/models/publishing";
import {
  acceptQuestion,
  addActionToQuestion,
  askSupplementary,
  changeDueDate,
  closeQuestion,
  correctResponse,
  editQuestion,
  markSatisfactory,
  QuestionError,
  rejectQuestion,
  respondToQuestion,
} from "~/models/questions";
import { getQuestion, peopleOf, questionState } from "~/models/questions";
import {
  checkAccept,
  checkAddAction,
  checkChangeDue,
  checkCorrect,
  checkEditQuestion,
  checkMarkSatisfactory,
  checkReject,
  checkRespond,
  checkSupplementary,
} from "~/rules/question-transitions.server";
import type { FieldErrors } from "~/utils/form-fields";
import { invalid, readForm } from "~/utils/forms.server";
import { idParam, invariantFound } from "~/utils/http.server";
import { pageTitle } from "~/utils/meta";
import { actorFor, attempt } from "~/handlers/question-action.server";
import { RecordTools } from "~/components/record-tools";
import { questionPageSchemas as schemas, formFields, formText, parseForm } from "~/utils/page-schemas.server";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(matches, data ? `Question: ${data.question.text}` : "Question");
export const handle = {
  breadcrumbs: () => [
    { label: "Home", to: "/" },
    { label: "Questions", to: "/questions" },
  ],
};

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await getViewer(request);
  const question = invariantFound(await getQuestion(viewer, idParam(params)));
  const state = (await questionState(db(), question.id))!;
  const ok = (r: unknown) => r === null;
  const clerk = viewer.kind === "user" && (viewer.role === "clerk" || viewer.role === "admin");
  const can = {
    edit: ok(checkEditQuestion(viewer, state)),
    accept: ok(checkAccept(viewer, state)),
    reject: ok(checkReject(viewer, state)),
    holding: ok(checkRespond(viewer, state, "holding")),
    full: ok(checkRespond(viewer, state, "full")),
    correct: ok(checkCorrect(viewer, state)),
    satisfactory: ok(checkMarkSatisfactory(viewer, state)),
    supplementary: ok(checkSupplementary(viewer, state)),
    changeDue: ok(checkChangeDue(viewer, state)),
    // Offered while open, so a refusal (open actions) can say why beside the form.
    close: clerk && ["awaiting_response", "holding_response", "answered"].includes(question.status),
    addAction: ok(checkAddAction(viewer, state)),
  };
  const owners = can.full || can.addAction ? await peopleOf(question.addressedToId) : [];
  return json({ question, can, owners });
}

type Intent = keyof typeof schemas;

export async function action({ request, params, context }: ActionFunctionArgs) {
  const viewer = await requireUser(request);
  const id = idParam(params);
  invariantFound(await getQuestion(viewer, id));
  const form = await readForm(request);
  const intent = formText(form, "intent") as Intent;
  if (!Object.hasOwn(schemas, intent)) return invalid(context, { intent: "", values: {}, errors: { form: "Choose what to do" } });
  const schema = schemas[intent];
  const values = formFields(form, Object.keys(schema.shape));
  const payload = { intent, values };
  const parsed = parseForm(schema as z.AnyZodObject, form);
  if (!parsed.ok) return invalid(context, { ...payload, errors: parsed.errors });
  const d = parsed.data as Record<string, string | null>;
  const actor = actorFor(request, context, viewer);
  let to = `/questions/${id}?done=${intent}`;
  const result = await attempt(context, payload, async () => {
    switch (intent) {
      case "edit":
        return editQuestion(actor, id, d.text!);
      case "accept":
        return acceptQuestion(actor, id);
      case "reject":
        return rejectQuestion(actor, id, d.rejectionReason!);
      case "respond": {
        const kind = d.kind as "holding" | "full";
        const wantsAction = kind === "full" && Boolean(d.actionDescription || d.actionDueOn || d.actionOwnerId);
        if (wantsAction && !d.actionDescription) throw fieldError("Describe the action, or leave the action fields empty", "actionDescription");
        if (wantsAction && !d.actionDueOn) throw fieldError("Enter the action's due date", "actionDueOn");
        return respondToQuestion(actor, id, {
          kind,
          body: d.body!,
          expectedOn: d.expectedOn,
          action: wantsAction ? { description: d.actionDescription!, dueOn: d.actionDueOn!, ownerId: d.actionOwnerId || null } : null,
        });
      }
      case "correct":
        return correctResponse(actor, id, { body: d.correctionBody! });
      case "satisfactory":
        return markSatisfactory(actor, id);
      case "supplementary": {
        const q = await askSupplementary(actor, id, d.supplementaryText!);
        to = `/questions/${q.id}?done=raised`;
        return q;
      }
      case "due":
        return changeDueDate(actor, id, { dueOn: d.dueOn!, reason: d.dueChangeReason! });
      case "close":
        return closeQuestion(actor, id, d.closureReason!);
      case "action":
        return addActionToQuestion(actor, id, {
          description: d.newActionDescription!,
          dueOn: d.newActionDueOn!,
          ownerId: d.newActionOwnerId || null,
        });
    }
  });
  if (!result.ok) return result.response;
  await sendPendingEmailsQuietly();
  return redirect(to, { status: 303 });
}

function fieldError(message: string, field: string) {
  return new QuestionError(message, field, 400);
}

const DONE: Record<string, string> = {
  raised: "Your question has been sent to the clerk. It will appear publicly once accepted.",
  edit: "Your question has been updated.",
  accept: "The question is accepted: it is now public and the organisation has been told.",
  reject: "The question is rejected. The member can see the reason.",
  respond: "The response is published and the member has been told.",
  correct: "The correction is published. The earlier text stays visible, marked as superseded.",
  satisfactory: "You marked the answer satisfactory.",
  due: "The due date is changed.",
  close: "The question is closed.",
  action: "The action is added.",
};

type ActionData = { intent: string; errors: FieldErrors; values: Record<string, string> };

export default function QuestionPage() {
  const { question: q, can, owners } = useLoaderData<typeof loader>();
  const actionData = useActionData<ActionData>();
  const [searchParams] = useSearchParams();
  const done = searchParams.get("done");
  const errorsFor = (intent: string) => (actionData?.intent === intent ? actionData.errors : undefined);
  const valuesFor = (intent: string) => (actionData?.intent === intent ? actionData.values : undefined);
  const ownerOptions = owners.map((o) => ({ value: o.id, label: o.name }));
  const anyForm = Object.values(can).some(Boolean);
  return (
    <>
      <ErrorSummary errors={actionData?.errors} />
      {done && Object.hasOwn(DONE, done) && !actionData && (
        <NotificationBanner success>
          <p className="govuk-notification-banner__heading">{DONE[done]}</p>
        </NotificationBanner>
      )}
      <span className="govuk-caption-l">Question to {q.addressedTo}</span>
      <h1 className="govuk-heading-l">{q.text}</h1>
      <RecordTools follow="question" linkAs="question" id={q.id} />
      {q.isSummarised && (
        <div className="govuk-inset-text">
          Summarised from the minutes: the minutes record the response but not the question's wording, so this
          question is a short neutral summary written from them.
        </div>
      )}
      <SummaryList
        rows={[
          [
            "Status",
            <span key="s">
              <Tag className={q.status === "closed" ? "govuk-tag--grey" : q.status === "rejected" ? "govuk-tag--red" : "govuk-tag--blue"}>{q.statusLabel}</Tag>
              {q.overdue && (
                <>
                  {" "}
                  <Tag className="govuk-tag--red">Overdue</Tag> {q.daysLate} {q.daysLate === 1 ? "day" : "days"} late
                </>
              )}
            </span>,
          ],
          ["Asked by", q.askedBy ?? "Not named in the minutes"],
          ["Addressed to", q.addressedTo],
          ["Agenda item", <Link key="i" className="govuk-link" to={`/agenda-items/${q.agendaItem.id}`}>{q.agendaItem.title}</Link>],
          ["Meeting", <Link key="m" className="govuk-link" to={`/meetings/${q.meeting.slug}`}>{q.meeting.title}</Link>],
          ["Tabled", `${q.tabled.date}${q.tabled.approximate ? " (approximate)" : ""}${q.raisedAtMeeting ? ", raised at the meeting" : ""}`],
          ["Response due", q.due ? `${q.due}${q.dueChangeReason ? ` (changed: ${q.dueChangeReason})` : ""}` : "No due date recorded"],
          ["Days open", q.daysOpen === null ? "Not yet accepted" : String(q.daysOpen)],
          ...(q.rejectionReason ? ([["Reason for rejection", q.rejectionReason]] as [string, string][]) : []),
          ...(q.closureReason ? ([["Reason for closing", q.closureReason]] as [string, string][]) : []),
          ...(q.priorities.length
            ? ([
                [
                  "Strategic priorities",
                  <ul key="p" className="govuk-list">
                    {q.priorities.map((p) => (
                      <li key={p.slug}><Link className="govuk-link" to={`/priorities/${p.slug}`}>{p.title}</Link></li>
                    ))}
                  </ul>,
                ],
              ] as [string, JSX.Element][])
            : []),
          ...(q.recommendations.length
            ? ([
                [
                  "Inspection recommendations",
                  <ul key="r" className="govuk-list">
                    {q.recommendations.map((r) => (
                      <li key={`${r.inspectionSlug}-${r.reference}`}>
                        <Link className="govuk-link" to={`/inspections/${r.inspectionSlug}`}>{r.reference}</Link>: {r.text}
                      </li>
                    ))}
                  </ul>,
                ],
              ] as [string, JSX.Element][])
            : []),
        ]}
      />
      <SourceNote note={q.sourceNote} />
      {q.parentQuestionId && (
        <p className="govuk-body">
          This is a supplementary question to <Link className="govuk-link" to={`/questions/${q.parentQuestionId}`}>an earlier question</Link>.
        </p>
      )}

      <h2 className="govuk-heading-l">Timeline</h2>
      <ol className="govuk-list portal-timeline">
        {q.timeline.map((e, index) => (
          <li key={`${e.at}-${index}`} className="govuk-!-margin-bottom-6">
            <h3 className="govuk-heading-s govuk-!-margin-bottom-1">{e.label}</h3>
            <p className="govuk-body-s portal-meta govuk-!-margin-bottom-2">
              {e.date}
              {e.approximate ? " (approximate)" : ""}
              {e.who ? ` · ${e.who}` : ""}
            </p>
            {e.link && (
              <p className="govuk-body govuk-!-margin-bottom-2">
                <Link className="govuk-link" to={e.link.to}>{e.link.label}</Link>
              </p>
            )}
            {e.html && (
              <div className={`portal-prose${e.superseded ? " portal-superseded" : ""}`} dangerouslySetInnerHTML={{ __html: e.html }} />
            )}
          </li>
        ))}
      </ol>

      {q.actions.length > 0 && (
        <>
          <h2 className="govuk-heading-l">Actions</h2>
          <table className="govuk-table">
            <caption className="govuk-table__caption govuk-visually-hidden">Follow-up actions</caption>
            <thead className="govuk-table__head">
              <tr className="govuk-table__row">
                <th scope="col" className="govuk-table__header">Action</th>
                <th scope="col" className="govuk-table__header">Owner</th>
                <th scope="col" className="govuk-table__header">Due</th>
                <th scope="col" className="govuk-table__header">Status</th>
              </tr>
            </thead>
            <tbody className="govuk-table__body">
              {q.actions.map((a) => (
                <tr key={a.id} className="govuk-table__row">
                  <td className="govuk-table__cell"><Link className="govuk-link" to={`/actions/${a.id}`}>{a.description}</Link></td>
                  <td className="govuk-table__cell">{[a.owner, a.organisation].filter(Boolean).join(", ")}</td>
                  <td className="govuk-table__cell">{a.due}</td>
                  <td className="govuk-table__cell">
                    {a.statusLabel}
                    {a.overdue && <> <Tag className="govuk-tag--red">Overdue</Tag> {a.daysLate} days late</>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      {q.supplementaries.length > 0 && (
        <>
          <h2 className="govuk-heading-l">Supplementary questions</h2>
          <ul className="govuk-list">
            {q.supplementaries.map((s) => (
              <li key={s.id}><Link className="govuk-link" to={`/questions/${s.id}`}>{s.text}</Link></li>
            ))}
          </ul>
        </>
      )}

      {anyForm && <h2 className="govuk-heading-l">What you can do</h2>}

      {can.edit && (
        <Form method="post" noValidate className="portal-question-form">
          <HiddenFields fields={[["intent", "edit"]]} />
          <Textarea name="text" label={<strong>Change your question</strong>} hint="You can change it until the clerk accepts it." defaultValue={valuesFor("edit")?.text ?? q.text} error={errorsFor("edit")?.text} />
          <Button variant="secondary">Save the question</Button>
        </Form>
      )}

      {can.accept && (
        <Form method="post" noValidate className="portal-question-form">
          <HiddenFields fields={[["intent", "accept"]]} />
          <h3 className="govuk-heading-m">Accept the question</h3>
          <p className="govuk-body">Once accepted it is public, and {q.addressedTo} is told it has until {q.due} to respond.</p>
          <Button>Accept the question</Button>
        </Form>
      )}
      {can.reject && (
        <Form method="post" noValidate className="portal-question-form">
          <HiddenFields fields={[["intent", "reject"]]} />
          <Textarea name="rejectionReason" label={<strong>Reject the question</strong>} hint="The member sees this reason. A rejected question is never public." defaultValue={valuesFor("reject")?.rejectionReason} error={errorsFor("reject")?.rejectionReason} rows={3} />
          <Button variant="warning">Reject the question</Button>
        </Form>
      )}

      {(can.holding || can.full) && (
        <Form method="post" noValidate className="portal-question-form">
          <HiddenFields fields={[["intent", "respond"]]} />
          <h3 className="govuk-heading-m">Respond for {q.addressedTo}</h3>
          <Radios
            name="kind"
            legend="Kind of response"
            options={[
              ...(can.holding ? [{ value: "holding", label: "Holding response", hint: "Not the full answer yet: give the date it is expected" }] : []),
              { value: "full", label: "Full response", hint: "Answers the question" },
            ]}
            defaultValue={valuesFor("respond")?.kind}
            error={errorsFor("respond")?.kind}
          />
          <Textarea name="body" label="Response" hint="You can use Markdown: a blank line starts a new paragraph." defaultValue={valuesFor("respond")?.body} error={errorsFor("respond")?.body} rows={8} />
          <TextInput name="expectedOn" label="For a holding response: date the full response is expected" hint="For example, 31/3/2026" width="10" defaultValue={valuesFor("respond")?.expectedOn} error={errorsFor("respond")?.expectedOn} />
          <fieldset className="govuk-fieldset">
            <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">For a full response: a follow-up action (optional)</legend>
            <Textarea name="actionDescription" label="Action" defaultValue={valuesFor("respond")?.actionDescription} error={errorsFor("respond")?.actionDescription} rows={2} />
            <TextInput name="actionDueOn" label="Action due date" hint="For example, 30/6/2026" width="10" defaultValue={valuesFor("respond")?.actionDueOn} error={errorsFor("respond")?.actionDueOn} />
            <Select name="actionOwnerId" label="Action owner" placeholder="No named owner" options={ownerOptions} defaultValue={valuesFor("respond")?.actionOwnerId} error={errorsFor("respond")?.actionOwnerId} />
          </fieldset>
          <Button>Publish the response</Button>
        </Form>
      )}
      {can.correct && (
        <Form method="post" noValidate className="portal-question-form">
          <HiddenFields fields={[["intent", "correct"]]} />
          <Textarea name="correctionBody" label={<strong>Correct the response</strong>} hint="The correction becomes a new version; the earlier text stays visible, marked as superseded." defaultValue={valuesFor("correct")?.correctionBody} error={errorsFor("correct")?.correctionBody} rows={6} />
          <Button variant="secondary">Publish the correction</Button>
        </Form>
      )}

      {can.satisfactory && (
        <Form method="post" noValidate className="portal-question-form">
          <HiddenFields fields={[["intent", "satisfactory"]]} />
          <h3 className="govuk-heading-m">Is the answer satisfactory?</h3>
          {errorsFor("satisfactory")?.satisfactory && <p className="govuk-error-message" id="satisfactory">{errorsFor("satisfactory")?.satisfactory}</p>}
          <Button>Mark the answer satisfactory</Button>
        </Form>
      )}
      {can.supplementary && (
        <Form method="post" noValidate className="portal-question-form">
          <HiddenFields fields={[["intent", "supplementary"]]} />
          <Textarea name="supplementaryText" label={<strong>Ask a supplementary question</strong>} hint="It is linked to this question and goes to the clerk to accept." defaultValue={valuesFor("supplementary")?.supplementaryText} error={errorsFor("supplementary")?.supplementaryText} rows={3} />
          <Button variant="secondary">Ask the supplementary question</Button>
        </Form>
      )}

      {can.changeDue && (
        <Form method="post" noValidate className="portal-question-form">
          <HiddenFields fields={[["intent", "due"]]} />
          <h3 className="govuk-heading-m">Change the due date</h3>
          <TextInput name="dueOn" label="New due date" hint={`Currently ${q.due ?? "none"}. For example, 31/3/2026`} width="10" defaultValue={valuesFor("due")?.dueOn} error={errorsFor("due")?.dueOn} />
          <TextInput name="dueChangeReason" label="Reason" defaultValue={valuesFor("due")?.dueChangeReason} error={errorsFor("due")?.dueChangeReason} />
          <Button variant="secondary">Change the due date</Button>
        </Form>
      )}
      {can.addAction && (
        <Form method="post" noValidate className="portal-question-form">
          <HiddenFields fields={[["intent", "action"]]} />
          <h3 className="govuk-heading-m">Add a follow-up action</h3>
          <Textarea name="newActionDescription" label="Action" defaultValue={valuesFor("action")?.newActionDescription} error={errorsFor("action")?.newActionDescription} rows={2} />
          <TextInput name="newActionDueOn" label="Due date" hint="For example, 30/6/2026" width="10" defaultValue={valuesFor("action")?.newActionDueOn} error={errorsFor("action")?.newActionDueOn} />
          <Select name="newActionOwnerId" label="Owner" placeholder="No named owner" options={ownerOptions} defaultValue={valuesFor("action")?.newActionOwnerId} error={errorsFor("action")?.newActionOwnerId} />
          <Button variant="secondary">Add the action</Button>
        </Form>
      )}
      {can.close && (
        <Form method="post" noValidate className="portal-question-form">
          <HiddenFields fields={[["intent", "close"]]} />
          <Textarea name="closureReason" label={<strong>Close the question</strong>} hint="A question closes by itself once answered and all its actions are done. Close it here only for another reason." defaultValue={valuesFor("close")?.closureReason} error={errorsFor("close")?.closureReason} rows={3} />
          <Button variant="warning">Close the question</Button>
        </Form>
      )}
    </>
  );
}
