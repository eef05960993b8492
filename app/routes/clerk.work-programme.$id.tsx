/**
 * A clerk's work on one topic: accept it onto the programme (planned for a meeting of its
 * body, or to be scheduled) and edit it; defer or drop it with a reason; add it to an agenda
 * (the agenda item's page then links to it). Three forms, told apart by `intent`.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { requirePermission } from "~/auth/permissions.server";
import { Button, ErrorSummary, HiddenFields, NotificationBanner, Radios, Select, Textarea, FORM_ERROR } from "~/components/forms";
import { TOPIC_FIELDS, TopicFields, topicFormSchema } from "~/components/topic-form";
import { TopicDetails, TopicStatusTag } from "~/components/work-programme";
import { db } from "~/models/records";
import { getTopic, linkTopicToAgendaItem, planTopic, setTopicAside, topicFormOptions, topicPlanOptions, WorkProgrammeError } from "~/models/oversight";
import { formatDateTime } from "~/rules/dates.server";
import { municipalYearChoices, municipalYearLabel } from "~/rules/municipal-year.server";
import { choiceField, formFields, longTextField, parseForm, recordChoiceField, type FieldErrors } from "~/utils/form-fields";
import { invalid, readForm } from "~/utils/forms.server";
import { idParam, invariantFound } from "~/utils/http.server";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(matches, data ? `Work programme topic: ${data.topic.title}` : "Work programme topic");
export const handle = {
  breadcrumbs: () => [
    { label: "Home", to: "/" },
    { label: "Clerk's dashboard", to: "/clerk" },
    { label: "Work programme", to: "/clerk/work-programme" },
  ],
};

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requirePermission(request, "update:topic:any");
  const topic = invariantFound(await getTopic(viewer, idParam(params)));
  const [options, plan] = await Promise.all([topicFormOptions(viewer), topicPlanOptions(db(), topic.body.id, topic.year)]);
  const years = municipalYearChoices();
  if (!years.some((y) => y.value === String(topic.year))) years.unshift({ value: String(topic.year), label: municipalYearLabel(topic.year) });
  const saved = new URL(request.url).searchParams.get("saved");
  return json(
    {
      saved: saved && SAVED[saved] ? SAVED[saved] : null,
      topic,
      options: { ...options, years },
      meetings: plan.meetings.map((m) => ({ value: m.id, label: `${m.title}, ${formatDateTime(m.startsAt)}` })),
      items: plan.items.map((i) => ({ value: i.id, label: `${i.meetingTitle}, ${formatDateTime(i.startsAt)}: ${i.title}` })),
      people: plan.people.map((p) => ({ value: p.id, label: p.jobTitle ? `${p.name}, ${p.jobTitle}` : p.name })),
      current: {
        year: String(topic.year),
        title: topic.title,
        description: topic.description,
        reason: topic.reason,
        priorityId: topic.priority?.id ?? "",
        recommendationId: topic.recommendation?.id ?? "",
        kind: topic.kind,
        plannedMeetingId: topic.plannedMeeting?.id ?? "",
        leadOfficerId: topic.leadOfficerId ?? "",
        agendaItemId: topic.agendaItem?.id ?? "",
      },
    },
    { headers: { "Cache-Control": "private, no-store" } },
  );
}

const PLAN_FIELDS = [...TOPIC_FIELDS.filter((f) => f !== "bodyId"), "plannedMeetingId", "leadOfficerId"] as const;
const planSchema = topicFormSchema.omit({ bodyId: true }).extend({
  plannedMeetingId: recordChoiceField({ message: "Select a meeting from the list, or “To be scheduled”", optional: true }),
  leadOfficerId: recordChoiceField({ message: "Select the lead officer from the list", optional: true }),
});
const asideSchema = z.object({
  decision: choiceField(["deferred", "dropped"] as const, "Select whether the topic is deferred or dropped"),
  decisionReason: longTextField({ label: "Reason", max: 5000, required: "Enter the reason: it is published with the topic" }),
});
const agendaSchema = z.object({ agendaItemId: recordChoiceField({ message: "Select an agenda item from the list", optional: true }) });

type ActionData = { intent: string; errors: FieldErrors; values: Record<string, string> };

export async function action({ request, params, context }: ActionFunctionArgs) {
  const viewer = await requirePermission(request, "update:topic:any");
  const id = idParam(params);
  const topic = invariantFound(await getTopic(viewer, id));
  const actor = { userId: viewer.userId, ipAddress: context?.clientIp ?? null };
  const form = await readForm(request);
  const intent = String(form.get("intent") ?? "");
  const fail = (errors: FieldErrors, values: Record<string, string>) => invalid(context, { intent, errors, values } satisfies ActionData);
  try {
    if (intent === "plan") {
      const values = formFields(form, PLAN_FIELDS);
      const parsed = parseForm(planSchema, form);
      if (!parsed.ok) return fail(parsed.errors, values);
      const d = parsed.data;
      const done = await db().transaction((tx) =>
        planTopic(
          tx,
          actor,
          id,
          { ...d, bodyId: topic.body.id, year: Number(d.year), priorityId: d.priorityId || null, recommendationId: d.recommendationId || null },
          { plannedMeetingId: d.plannedMeetingId || null, leadOfficerId: d.leadOfficerId || null },
        ),
      );
      invariantFound(done);
      return redirect(`/clerk/work-programme/${id}?saved=plan`, { status: 303 });
    }
    if (intent === "aside") {
      const values = formFields(form, ["decision", "decisionReason"] as const);
      const parsed = parseForm(asideSchema, form);
      if (!parsed.ok) return fail(parsed.errors, values);
      invariantFound(await db().transaction((tx) => setTopicAside(tx, actor, id, parsed.data.decision, parsed.data.decisionReason)));
      return redirect(`/clerk/work-programme/${id}?saved=${parsed.data.decision}`, { status: 303 });
    }
    if (intent === "agenda") {
      const values = formFields(form, ["agendaItemId"] as const);
      const parsed = parseForm(agendaSchema, form);
      if (!parsed.ok) return fail(parsed.errors, values);
      invariantFound(await db().transaction((tx) => linkTopicToAgendaItem(tx, actor, id, parsed.data.agendaItemId || null)));
      return redirect(`/clerk/work-programme/${id}?saved=agenda`, { status: 303 });
    }
    return fail({ [FORM_ERROR]: "The form could not be read: use one of the buttons on this page" }, {});
  } catch (error) {
    if (error instanceof WorkProgrammeError) return fail({ [error.field]: error.message }, formFields(form, [...PLAN_FIELDS, "decision", "decisionReason", "agendaItemId"]));
    throw error;
  }
}

const SAVED: Record<string, string> = {
  plan: "The topic is on the programme.",
  deferred: "The topic is deferred.",
  dropped: "The topic is dropped.",
  agenda: "The topic's agenda item is saved.",
};

export default function ClerkTopic() {
  const d = useLoaderData<typeof loader>();
  const a = useActionData<ActionData>();
  const t = d.topic;
  const errorsOf = (intent: string) => (a?.intent === intent ? a.errors : undefined);
  const valuesOf = (intent: string) => (a?.intent === intent ? { ...d.current, ...a.values } : d.current);
  const plan = valuesOf("plan");
  const aside = a?.intent === "aside" ? a.values : { decision: "", decisionReason: t.decisionReason ?? "" };
  const agenda = valuesOf("agenda");
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary errors={a?.errors} />
        {d.saved && !a && (
          <NotificationBanner success>
            <p className="govuk-notification-banner__heading">{d.saved}</p>
          </NotificationBanner>
        )}
        <span className="govuk-caption-l">{t.body.name}: work programme {t.yearLabel}</span>
        <h1 className="govuk-heading-l">{t.title}</h1>
        <p className="govuk-body">
          <TopicStatusTag status={t.status} label={t.statusLabel} />{" "}
          {t.status !== "proposed" && <Link className="govuk-link" to={t.href}>The topic's public page</Link>}
        </p>
        <TopicDetails t={t} />

        <h2 className="govuk-heading-m" id="plan">{t.status === "proposed" ? "Accept onto the programme" : "Plan and edit"}</h2>
        <Form method="post" noValidate>
          <HiddenFields fields={[["intent", "plan"]]} />
          <TopicFields values={plan} errors={errorsOf("plan")} options={d.options} withBody={false} />
          <Select name="plannedMeetingId" label="Meeting it is planned for" hint="A meeting of this board not yet held" options={d.meetings} defaultValue={plan.plannedMeetingId} placeholder="To be scheduled" error={errorsOf("plan")?.plannedMeetingId} />
          <Select name="leadOfficerId" label="Lead officer (optional)" options={d.people} defaultValue={plan.leadOfficerId} placeholder="None" error={errorsOf("plan")?.leadOfficerId} />
          <Button>{t.status === "proposed" ? "Accept onto the programme" : "Save the topic"}</Button>
        </Form>

        {t.status !== "proposed" && t.status !== "dropped" && (
          <>
            <h2 className="govuk-heading-m" id="agenda">Add to an agenda</h2>
            <Form method="post" noValidate>
              <HiddenFields fields={[["intent", "agenda"]]} />
              <Select name="agendaItemId" label="Agenda item where the topic is taken" hint="The item's page will link to this topic" options={d.items} defaultValue={agenda.agendaItemId} placeholder="None" error={errorsOf("agenda")?.agendaItemId} />
              <Button variant="secondary">Save the agenda item</Button>
            </Form>
          </>
        )}

        <h2 className="govuk-heading-m" id="aside">Defer or drop</h2>
        <Form method="post" noValidate>
          <HiddenFields fields={[["intent", "aside"]]} />
          <Radios
            name="decision"
            legend="What happens to the topic?"
            options={[
              { value: "deferred", label: "Deferred", hint: "To a later meeting or year" },
              { value: "dropped", label: "Dropped", hint: "Taken off the programme" },
            ]}
            defaultValue={aside.decision}
            error={errorsOf("aside")?.decision}
            small
          />
          <Textarea name="decisionReason" label="Reason" hint="Published with the topic" rows={3} defaultValue={aside.decisionReason} error={errorsOf("aside")?.decisionReason} />
          <Button variant="warning">Save</Button>
        </Form>
      </div>
    </div>
  );
}
