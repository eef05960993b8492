import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { requireUser, forbidden } from "~/auth/permissions.server";
import { CheckboxGroup } from "~/components/clerk";
import { DateInput } from "~/components/date-input";
import { Button, ErrorSummary, HiddenFields, Select, Textarea } from "~/components/forms";
import { organisationChoices } from "~/models/people";
import { db } from "~/models/records";
import { sendPendingEmailsQuietly } from "~/models/publishing";
import { raiseQuestion } from "~/models/questions";
import { memberChoices, questionLinkChoices, raisableAgendaItem } from "~/models/questions";
import { checkRaise } from "~/rules/question-transitions.server";
import { addWorkingDays } from "~/rules/deadlines.server";
import { formatDate, isoDay } from "~/rules/dates.server";
import { closedBusinessRefusal } from "~/rules/raising.server";
import { dayField } from "~/utils/day-field";
import { formFields, formText, longTextField, parseForm, type FieldErrors } from "~/utils/form-fields";
import { invalid, readForm } from "~/utils/forms.server";
import { invariantFound } from "~/utils/http.server";
import { pageTitle } from "~/utils/meta";
import { actorFor, attempt } from "~/handlers/question-action.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "Raise a question");
export const handle = {
  breadcrumbs: () => [
    { label: "Home", to: "/" },
    { label: "Questions", to: "/questions" },
  ],
};

/** Members raise their own; clerks record one raised at the meeting for a member. */
async function guard(request: Request) {
  const viewer = await requireUser(request);
  const onBehalf = viewer.role === "clerk" || viewer.role === "admin";
  const refusal = checkRaise(viewer, { onBehalf });
  if (refusal) forbidden(refusal.message);
  return { viewer, onBehalf };
}

async function itemFor(request: Request, viewer: Awaited<ReturnType<typeof guard>>["viewer"], itemId: string) {
  const item = invariantFound(await raisableAgendaItem(viewer, itemId), "Agenda item not found");
  if (!item.published || item.isExempt) {
    throw new Response("Questions can be raised only on a published item in the public part of the agenda", { status: 404 });
  }
  return item;
}

export async function loader({ request }: LoaderFunctionArgs) {
  const { viewer, onBehalf } = await guard(request);
  const itemId = new URL(request.url).searchParams.get("item") ?? "";
  const item = await itemFor(request, viewer, itemId);
  // An inspectorate inspects the organisations the board scrutinises: questions are not put to it.
  const orgs = (await organisationChoices()).filter((o) => o.kind !== "inspectorate");
  // The scrutinised organisation: the item's lead officer's, else the only trust.
  const trusts = orgs.filter((o) => o.kind === "trust");
  const tabledOn = onBehalf ? isoDay(item.startsAt) : isoDay(new Date());
  return json({
    item: { id: item.id, title: item.title, meetingTitle: item.meetingTitle, meetingSlug: item.meetingSlug },
    onBehalf,
    defaultOrganisationId: item.leadOrganisationId ?? (trusts.length === 1 ? trusts[0].id : ""),
    organisations: orgs,
    members: onBehalf ? await memberChoices() : [],
    due: formatDate(addWorkingDays(tabledOn, item.responseWorkingDays)),
    workingDays: item.responseWorkingDays,
    closedBusiness: closedBusinessRefusal({ meetingDay: isoDay(item.startsAt), windowDays: item.questionWindowDays, now: new Date(), byClerk: onBehalf }),
    meetingDay: isoDay(item.startsAt),
    ...(await questionLinkChoices()),
  });
}

const schema = z.object({
  askedById: z.string(),
  addressedToId: z.string().min(1, "Select the organisation the question is addressed to"),
  text: longTextField({ label: "Your question", max: 4000, required: "Enter the question" }),
  tabledOn: dayField({ label: "Date it was tabled", optional: true }),
  dueOn: dayField({ label: "Date the response was due", optional: true }),
});

const FIELDS = ["askedById", "addressedToId", "text", "tabledOn", "dueOn", "enteredAfterTheFact"] as const;

export async function action({ request, context }: ActionFunctionArgs) {
  const { viewer, onBehalf } = await guard(request);
  const form = await readForm(request);
  const itemId = formText(form, "item");
  await itemFor(request, viewer, itemId);
  const values = { ...formFields(form, FIELDS), priorityIds: form.getAll("priorityIds").map(String), recommendationIds: form.getAll("recommendationIds").map(String) };
  const parsed = parseForm(schema, form);
  const errors: FieldErrors = parsed.ok ? {} : parsed.errors;
  if (onBehalf && !values.askedById) errors.askedById = "Select the member who asked";
  // Entered after the fact (a clerk): both dates, every missing one reported with the rest.
  const afterTheFact = onBehalf && values.enteredAfterTheFact === "yes";
  if (afterTheFact && !errors.tabledOn && !(parsed.ok && parsed.data.tabledOn)) errors.tabledOn = "Enter the date it was tabled";
  if (afterTheFact && !errors.dueOn && !(parsed.ok && parsed.data.dueOn)) errors.dueOn = "Enter the date the response was due";
  if (!parsed.ok || Object.keys(errors).length) return invalid(context, { intent: "raise", errors: { ...errors }, values });
  const result = await attempt(context, { intent: "raise", values }, () =>
    raiseQuestion(actorFor(request, context, viewer), {
      agendaItemId: itemId,
      text: parsed.data.text,
      addressedToId: parsed.data.addressedToId,
      priorityIds: values.priorityIds,
      recommendationIds: values.recommendationIds,
      onBehalfOfId: onBehalf ? parsed.data.askedById : null,
      afterTheFact: afterTheFact ? { tabledOn: parsed.data.tabledOn!, dueOn: parsed.data.dueOn! } : null,
    }),
  );
  if (!result.ok) return result.response;
  await sendPendingEmailsQuietly();
  return redirect(`/questions/${result.value.id}?done=${onBehalf ? "accept" : "raised"}`, { status: 303 });
}

export default function RaiseQuestion() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<{ errors: FieldErrors; values: Partial<Record<(typeof FIELDS)[number], string>> & { priorityIds?: string[]; recommendationIds?: string[] } }>();
  const errors = actionData?.errors;
  const values = actionData?.values;
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary errors={errors} />
        <span className="govuk-caption-l">{data.item.meetingTitle}</span>
        <h1 className="govuk-heading-l">{data.onBehalf ? "Record a question raised at the meeting" : "Raise a question"}</h1>
        <p className="govuk-body">
          On the agenda item <Link className="govuk-link" to={`/agenda-items/${data.item.id}`}>{data.item.title}</Link>.
          {data.onBehalf
            ? " The question is recorded as raised at the meeting, linked to this item's minute, and accepted at once."
            : " The clerk checks it first; once accepted it is public."}{" "}
          The organisation has {data.workingDays} working days to respond: by {data.due}.
        </p>
        {data.closedBusiness && (
          <div className="govuk-warning-text">
            <span className="govuk-warning-text__icon" aria-hidden="true">!</span>
            <strong className="govuk-warning-text__text">
              <span className="govuk-visually-hidden">Warning</span>
              {data.closedBusiness}.
            </strong>
          </div>
        )}
        <Form method="post" noValidate>
          <HiddenFields fields={[["item", data.item.id]]} />
          {data.onBehalf && (
            <Select name="askedById" label="Member who asked" placeholder="Select a member" options={data.members.map((m) => ({ value: m.id, label: m.name }))} defaultValue={values?.askedById} error={errors?.askedById} />
          )}
          <Select name="addressedToId" label="Addressed to" placeholder="Select an organisation" options={data.organisations.map((o) => ({ value: o.id, label: o.name }))} defaultValue={values?.addressedToId ?? data.defaultOrganisationId} error={errors?.addressedToId} />
          <Textarea name="text" label={data.onBehalf ? "The question" : "Your question"} defaultValue={values?.text} error={errors?.text} rows={6} />
          {data.onBehalf && <AfterTheFact values={values} errors={errors} meetingDay={data.meetingDay} />}
          <CheckboxGroup name="priorityIds" legend="Strategic priorities it concerns (optional)" options={data.priorities.map((p) => ({ value: p.id, label: p.title }))} checked={values?.priorityIds ?? []} error={errors?.priorityIds} />
          {data.recommendations.length > 0 && (
            <CheckboxGroup name="recommendationIds" legend="Inspection recommendations it concerns (optional)" options={data.recommendations.map((r) => ({ value: r.id, label: r.label }))} checked={values?.recommendationIds ?? []} error={errors?.recommendationIds} />
          )}
          <Button>{data.onBehalf ? "Record the question" : "Send the question"}</Button>
        </Form>
      </div>
    </div>
  );
}

/** A clerk entering a question of a past meeting after the fact: its true tabled and due dates (docs/decisions/037). */
function AfterTheFact({ values, errors, meetingDay }: { values?: Partial<Record<string, string>>; errors?: FieldErrors; meetingDay: string }) {
  return (
    <div className="govuk-form-group">
      <fieldset className="govuk-fieldset">
        <legend className="govuk-fieldset__legend govuk-fieldset__legend--m">Entered after the fact</legend>
        <div className="govuk-checkboxes" data-module="govuk-checkboxes">
          <div className="govuk-checkboxes__item">
            <input className="govuk-checkboxes__input" id="enteredAfterTheFact" name="enteredAfterTheFact" type="checkbox" value="yes" defaultChecked={values?.enteredAfterTheFact === "yes"} aria-describedby="enteredAfterTheFact-hint" />
            <label className="govuk-label govuk-checkboxes__label" htmlFor="enteredAfterTheFact">This question was raised earlier and is being entered now</label>
            <div id="enteredAfterTheFact-hint" className="govuk-hint govuk-checkboxes__hint">
              The question is marked as entered after the fact, with the dates below; its due date may be in the past. Otherwise it is tabled on the meeting's day and due the set number of working days later.
            </div>
          </div>
        </div>
        <DateInput name="tabledOn" legend="Date it was tabled" hint="For example, 27 3 2025" defaultValue={values?.tabledOn ?? meetingDay} error={errors?.tabledOn} />
        <DateInput name="dueOn" legend="Date the response was due" hint="Not before the date it was tabled. For example, 24 4 2025" defaultValue={values?.dueOn} error={errors?.dueOn} />
      </fieldset>
    </div>
  );
}
