import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { requireUser } from "~/auth/permissions.server";
import { getViewer } from "~/auth/viewer.server";
import { ErrorSummary, NotificationBanner } from "~/components/forms";
import { SourceNote } from "~/components/notes";
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
import { followingSubscriptionId } from "~/models/publishing";
import { questionPageSchemas as schemas, formFields, formText, parseForm } from "~/utils/page-schemas.server";
import { AcceptForm, AddActionForm, ChangeDueForm, CloseForm, RejectForm } from "./clerk-forms";
import { EditQuestionForm, SatisfactoryForm, SupplementaryForm } from "./member-forms";
import { QuestionSummary } from "./question-summary";
import { CorrectForm, RespondForm } from "./response-forms";
import { FollowUpActions, SupplementaryQuestions, Timeline } from "./timeline";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(matches, data ? `Question: ${data.question.text}` : "Question", { description: data ? `A question to the board: ${data.question.text}` : null });
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
    close: clerk && ["awaiting_response", "holding_response", "answered", "answered_at_meeting"].includes(question.status),
    addAction: ok(checkAddAction(viewer, state)),
  };
  const owners = can.full || can.addAction ? await peopleOf(question.addressedToId) : [];
  return json({ question, can, owners, following: await followingSubscriptionId(viewer, "question", question.id) });
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

/** Whether the page shows the form that posts this intent. */
function formShown(intent: string, can: Record<string, boolean>): boolean {
  const key = ({ respond: "full", due: "changeDue", action: "addAction" } as Record<string, string>)[intent] ?? intent;
  return intent === "respond" ? can.holding || can.full : can[key] === true;
}

export default function QuestionPage() {
  const { question: q, can, owners, following } = useLoaderData<typeof loader>();
  const actionData = useActionData<ActionData>();
  const [searchParams] = useSearchParams();
  const done = searchParams.get("done");
  const errorsFor = (intent: string) => (actionData?.intent === intent ? actionData.errors : undefined);
  const valuesFor = (intent: string) => (actionData?.intent === intent ? actionData.values : undefined);
  const ownerOptions = owners.map((o) => ({ value: o.id, label: o.name }));
  const anyForm = Object.values(can).some(Boolean);
  // A form the question's state no longer offers (closed meanwhile, in another tab): its
  // messages are text in the summary, not links to a field that is not on the page.
  const unlinked = actionData && !formShown(actionData.intent, can) ? Object.keys(actionData.errors) : [];
  return (
    <>
      <ErrorSummary errors={actionData?.errors} unlinked={unlinked} />
      {done && Object.hasOwn(DONE, done) && !actionData && (
        <NotificationBanner success>
          <p className="govuk-notification-banner__heading">{DONE[done]}</p>
        </NotificationBanner>
      )}
      <span className="govuk-caption-l">Question to {q.addressedTo}</span>
      <h1 className="govuk-heading-l">{q.text}</h1>
      <RecordTools follow="question" following={following} linkAs="question" id={q.id} />
      {q.isSummarised && (
        <div className="govuk-inset-text">
          Summarised from the minutes: the minutes record the response but not the question's wording, so this
          question is a short neutral summary written from them.
        </div>
      )}
      <QuestionSummary q={q} />
      <SourceNote note={q.sourceNote} />
      {q.parentQuestionId && (
        <p className="govuk-body">
          This is a supplementary question to <Link className="govuk-link" to={`/questions/${q.parentQuestionId}`}>an earlier question</Link>.
        </p>
      )}

      <Timeline timeline={q.timeline} />

      {q.actions.length > 0 && <FollowUpActions actions={q.actions} />}
      {q.supplementaries.length > 0 && <SupplementaryQuestions supplementaries={q.supplementaries} />}

      {anyForm && <h2 className="govuk-heading-l">What you can do</h2>}

      {can.edit && <EditQuestionForm values={valuesFor("edit")} errors={errorsFor("edit")} text={q.text} />}

      {can.accept && <AcceptForm addressedTo={q.addressedTo} due={q.due} />}
      {can.reject && <RejectForm values={valuesFor("reject")} errors={errorsFor("reject")} />}

      {(can.holding || can.full) && (
        <RespondForm values={valuesFor("respond")} errors={errorsFor("respond")} addressedTo={q.addressedTo} offerHolding={can.holding} ownerOptions={ownerOptions} />
      )}
      {can.correct && <CorrectForm values={valuesFor("correct")} errors={errorsFor("correct")} />}

      {can.satisfactory && <SatisfactoryForm errors={errorsFor("satisfactory")} />}
      {can.supplementary && <SupplementaryForm values={valuesFor("supplementary")} errors={errorsFor("supplementary")} />}

      {can.changeDue && <ChangeDueForm values={valuesFor("due")} errors={errorsFor("due")} due={q.due} />}
      {can.addAction && <AddActionForm values={valuesFor("action")} errors={errorsFor("action")} ownerOptions={ownerOptions} />}
      {can.close && <CloseForm values={valuesFor("close")} errors={errorsFor("close")} />}
    </>
  );
}
