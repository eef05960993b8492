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
  checkCorrection,
  checkResponse,
  closeQuestion,
  correctResponse,
  editQuestion,
  markSatisfactory,
  QuestionError,
  rejectQuestion,
  respondToQuestion,
} from "~/models/questions";
import { getQuestion, peopleOf, questionState, responseLabel } from "~/models/questions";
import { formatDate } from "~/rules/dates.server";
import { renderMarkdown } from "~/utils/markdown.server";
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
import { CorrectForm, CorrectPreview, RespondChoice, RespondForm, RespondPreview, type ResponseKind } from "./response-forms";
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
  // The kind of response is chosen first (?respond=holding|full); with only one possible, it is that one.
  const url = new URL(request.url);
  const asked = url.searchParams.get("respond");
  const respondKind: ResponseKind | null = can.holding && can.full ? (asked === "holding" || asked === "full" ? asked : null) : can.full ? "full" : can.holding ? "holding" : null;
  const kindError = can.holding && can.full && url.searchParams.get("step") === "kind" && !respondKind ? "Select whether this is a holding or a full response" : undefined;
  // The text a correction replaces: the current full response, else the latest.
  const current = question.responses.filter((r) => !r.superseded);
  const correctable = current.find((r) => r.kind === "full") ?? current[current.length - 1];
  return json({ question, can, owners, respondKind, kindError, correctable: correctable?.body ?? "", following: await followingSubscriptionId(viewer, "question", question.id) });
}

type Intent = keyof typeof schemas;

export async function action({ request, params, context }: ActionFunctionArgs) {
  const viewer = await requireUser(request);
  const id = idParam(params);
  invariantFound(await getQuestion(viewer, id));
  const form = await readForm(request);
  // A response and a correction go through steps: preview (nothing saved), change (back to the form), then save.
  const step = /^(preview|change)-(respond|correct)$/.exec(formText(form, "intent"));
  const intent = (step ? step[2] : formText(form, "intent")) as Intent;
  if (!Object.hasOwn(schemas, intent)) return invalid(context, { intent: "", values: {}, errors: { form: "Choose what to do" } });
  const schema = schemas[intent];
  const values = formFields(form, Object.keys(schema.shape));
  const payload = { intent, values };
  if (step?.[1] === "change") return json({ ...payload, errors: {} });
  const parsed = parseForm(schema as z.AnyZodObject, form);
  if (!parsed.ok) return invalid(context, { ...payload, errors: parsed.errors });
  const d = parsed.data as Record<string, string | null>;
  const actor = actorFor(request, context, viewer);
  if (step?.[1] === "preview") {
    const previewed = await attempt(context, payload, async () => {
      if (intent === "correct") {
        const old = await checkCorrection(actor, id, { body: d.correctionBody! });
        return { oldHtml: renderMarkdown(old.body), newHtml: renderMarkdown(d.correctionBody!) };
      }
      const input = responseInput(d);
      await checkResponse(actor, id, input);
      const q = (await getQuestion(viewer, id))!;
      const now = new Date();
      const who = [viewer.name, q.addressedTo].join(", ");
      return { step: { at: now.toISOString(), date: formatDate(now), approximate: false, label: responseLabel({ kind: input.kind, expectedOn: input.expectedOn ?? null, supersedesId: null }), who, html: renderMarkdown(input.body) } };
    });
    if (!previewed.ok) return previewed.response;
    return json({ ...payload, errors: {}, preview: previewed.value });
  }
  let to = `/questions/${id}?done=${intent}`;
  const result = await attempt(context, payload, async () => {
    switch (intent) {
      case "edit":
        return editQuestion(actor, id, d.text!);
      case "accept":
        return acceptQuestion(actor, id);
      case "reject":
        return rejectQuestion(actor, id, d.rejectionReason!);
      case "respond":
        return respondToQuestion(actor, id, responseInput(d));
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

/** A response as posted: its kind, text, expected date (holding) or follow-up action (full). */
function responseInput(d: Record<string, string | null>) {
  const kind = d.kind as "holding" | "full";
  const wantsAction = kind === "full" && Boolean(d.actionDescription || d.actionDueOn || d.actionOwnerId);
  if (wantsAction && !d.actionDescription) throw fieldError("Describe the action, or leave the action fields empty", "actionDescription");
  if (wantsAction && !d.actionDueOn) throw fieldError("Enter the action's due date", "actionDueOn");
  return {
    kind,
    body: d.body!,
    expectedOn: kind === "holding" ? d.expectedOn : null,
    action: wantsAction ? { description: d.actionDescription!, dueOn: d.actionDueOn!, ownerId: d.actionOwnerId || null } : null,
  };
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

type Preview = { step?: Parameters<typeof RespondPreview>[0]["step"]; oldHtml?: string; newHtml?: string };
type ActionData = { intent: string; errors: FieldErrors; values: Record<string, string>; preview?: Preview };

/** Whether the page shows the form that posts this intent. */
function formShown(intent: string, can: Record<string, boolean>): boolean {
  const key = ({ respond: "full", due: "changeDue", action: "addAction" } as Record<string, string>)[intent] ?? intent;
  return intent === "respond" ? can.holding || can.full : can[key] === true;
}

export default function QuestionPage() {
  const { question: q, can, owners, following, respondKind, kindError, correctable } = useLoaderData<typeof loader>();
  const actionData = useActionData<ActionData>();
  const [searchParams] = useSearchParams();
  const done = searchParams.get("done");
  const errorsFor = (intent: string) => (actionData?.intent === intent ? actionData.errors : undefined);
  const valuesFor = (intent: string) => (actionData?.intent === intent ? actionData.values : undefined);
  const ownerOptions = owners.map((o) => ({ value: o.id, label: o.name }));
  const anyForm = Object.values(can).some(Boolean);
  const preview = (intent: string) => (actionData?.intent === intent ? actionData.preview : undefined);
  function respond() {
    const step = preview("respond")?.step;
    if (step) return <RespondPreview step={step} values={valuesFor("respond")!} />;
    const kind = (valuesFor("respond")?.kind as ResponseKind | undefined) || respondKind;
    if (!kind) return <RespondChoice addressedTo={q.addressedTo} error={kindError} />;
    return <RespondForm kind={kind} values={valuesFor("respond")} errors={errorsFor("respond")} addressedTo={q.addressedTo} canChooseKind={can.holding && can.full} ownerOptions={ownerOptions} />;
  }
  // A form the question's state no longer offers (closed meanwhile, in another tab): its
  // messages are text in the summary, not links to a field that is not on the page.
  const unlinked = actionData && !formShown(actionData.intent, can) ? Object.keys(actionData.errors) : [];
  return (
    <>
      <ErrorSummary errors={actionData?.errors ?? (kindError ? { respond: kindError } : undefined)} unlinked={unlinked} />
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

      {(can.holding || can.full) && respond()}
      {can.correct &&
        (preview("correct")?.newHtml ? (
          <CorrectPreview oldHtml={preview("correct")!.oldHtml!} newHtml={preview("correct")!.newHtml!} body={valuesFor("correct")!.correctionBody} />
        ) : (
          <CorrectForm values={valuesFor("correct")} errors={errorsFor("correct")} current={correctable} />
        ))}

      {can.satisfactory && <SatisfactoryForm errors={errorsFor("satisfactory")} />}
      {can.supplementary && <SupplementaryForm values={valuesFor("supplementary")} errors={errorsFor("supplementary")} />}

      {can.changeDue && <ChangeDueForm values={valuesFor("due")} errors={errorsFor("due")} due={q.due} />}
      {can.addAction && <AddActionForm values={valuesFor("action")} errors={errorsFor("action")} ownerOptions={ownerOptions} />}
      {can.close && <CloseForm values={valuesFor("close")} errors={errorsFor("close")} />}
    </>
  );
}
