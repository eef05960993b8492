import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/permissions.server";
import { Button, ErrorSummary, HiddenFields, NotificationBanner, Radios, Textarea } from "~/components/forms";
import { db } from "~/models/records";
import { actorOf, runClerkWrite, type ClerkActionData } from "~/handlers/clerk-forms.server";
import { approveMinutes, getClerkMeeting, minutesAwaitingApproval, minutesOfMeeting, publishMinutes } from "~/models/meetings";
import { formatDate, formatDateTime } from "~/rules/dates.server";
import { approvingMeetingProblem, minutesItemGuess, recordingProblem } from "~/rules/minutes-approval.server";
import { formText } from "~/utils/form-fields";
import { invalid, readForm } from "~/utils/forms.server";
import { idParam, invariantFound } from "~/utils/http.server";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(matches, data ? `Minutes: ${data.meeting.title}` : "Minutes");
export const handle = { breadcrumbs: () => [{ label: "Clerk", to: "/clerk" }] };

const DONE: Record<string, string> = { saved: "Minute saved.", published: "Draft minutes published.", approved: "Minutes approved as a correct record." };

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "update:minute:any");
  const data = invariantFound(await getClerkMeeting(idParam(params)));
  const m = data.meeting;
  // Minutes are approved only at a held meeting of the same body (app/rules/minutes-approval.server.ts).
  const cannotApprove = approvingMeetingProblem(m);
  const earlier = cannotApprove ? [] : await minutesAwaitingApproval(db(), m);
  const url = new URL(request.url);
  const approveId = url.searchParams.get("approve");
  const toApprove = earlier.find((e) => e.id === approveId) ?? null;
  const done = url.searchParams.get("done");
  const minuted = data.items.filter((i) => i.hasMinute).length;
  return json({
    meeting: {
      id: m.id,
      title: m.title,
      date: formatDate(m.startsAt),
      minutesPublished: m.minutesPublishedAt ? formatDateTime(m.minutesPublishedAt) : null,
      minutesApproved: m.minutesApprovedAt ? formatDate(m.minutesApprovedAt) : null,
    },
    notYet: recordingProblem(m),
    cannotApprove,
    progress: `${minuted} of ${data.items.length} ${data.items.length === 1 ? "item" : "items"} minuted`,
    items: data.items.map((i) => ({ id: i.id, number: i.number, title: i.title, hasMinute: i.hasMinute, depth: i.depth, exempt: i.isExempt ? `Exempt, paragraph ${i.exemptParagraph ?? "not given"}` : null })),
    itemOptions: data.items.map((i) => ({ value: i.id, label: `${i.number}. ${i.title}` })),
    minutesItem: minutesItemGuess(data.items)?.id ?? null,
    earlier: earlier.map((e) => ({ id: e.id, title: e.title, date: formatDate(e.startsAt) })),
    toApprove: toApprove
      ? {
          id: toApprove.id,
          title: toApprove.title,
          date: formatDate(toApprove.startsAt),
          minutes: (await minutesOfMeeting(db(), toApprove.id)).map((x) => ({ minuteId: x.minuteId, number: x.number, title: x.title, body: x.body, decisions: x.decisions })),
        }
      : null,
    notice: done && Object.hasOwn(DONE, done) ? DONE[done] : null,
  });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const viewer = await requirePermission(request, "publish:minute:any");
  const form = await readForm(request);
  const intent = formText(form, "intent");
  const id = idParam(params);
  const actor = actorOf(viewer, context);
  if (intent === "publish") {
    const r = await runClerkWrite(context, intent, {}, () => db().transaction((tx) => publishMinutes(tx, actor, id)));
    return r.ok ? redirect(`/clerk/meetings/${id}/minutes?done=published`, { status: 303 }) : r.response;
  }
  if (intent === "approve") {
    await requirePermission(request, "approve:minute:any");
    const approvedId = formText(form, "approvedMeetingId");
    const atItemId = formText(form, "atItemId");
    const ids = form.getAll("minuteId").filter((x): x is string => typeof x === "string");
    const amendments = ids.map((minuteId) => ({
      minuteId,
      body: formText(form, `body-${minuteId}`).replace(/\r\n/g, "\n").trim(),
      decisions: formText(form, `decisions-${minuteId}`).replace(/\r\n/g, "\n").trim(),
    }));
    const values: Record<string, string> = { approvedMeetingId: approvedId, atItemId };
    const errors: Record<string, string> = {};
    for (const a of amendments) {
      values[`body-${a.minuteId}`] = a.body;
      values[`decisions-${a.minuteId}`] = a.decisions;
      if (!a.body) errors[`body-${a.minuteId}`] = "A minute cannot be empty";
    }
    if (!atItemId) errors.atItemId = "Select the item of this meeting's agenda at which the minutes are approved";
    if (Object.keys(errors).length) return invalid(context, { intent, errors, values });
    const r = await runClerkWrite(context, intent, values, () =>
      db().transaction((tx) => approveMinutes(tx, actor, id, approvedId, atItemId, amendments)),
    );
    return r.ok ? redirect(`/clerk/meetings/${id}/minutes?done=approved`, { status: 303 }) : r.response;
  }
  return invalid(context, { intent, errors: { form: "Choose what to do" }, values: {} });
}

export default function ClerkMinutes() {
  const { meeting, notYet, cannotApprove, progress, items, itemOptions, minutesItem, earlier, toApprove, notice } = useLoaderData<typeof loader>();
  const data = useActionData<ClerkActionData>();
  const errors = data?.errors;
  return (
    <>
      <ErrorSummary errors={errors} unlinked={["approvedMeetingId"]} />
      {notice && <NotificationBanner success>{notice}</NotificationBanner>}
      <h1 className="govuk-heading-xl">Minutes: {meeting.title}</h1>
      <p className="govuk-body">
        {meeting.minutesApproved
          ? `Approved as a correct record on ${meeting.minutesApproved}: locked.`
          : meeting.minutesPublished
            ? `Published as draft minutes ${meeting.minutesPublished}, not yet approved.`
            : "Not published: the public cannot see them."}
      </p>
      {notYet && <div className="govuk-inset-text">{notYet}.</div>}
      <h2 className="govuk-heading-m" id="progress">{progress}</h2>
      <ul className="govuk-task-list" aria-labelledby="progress">
        {items.map((i) => (
          <li key={i.id} className={`govuk-task-list__item govuk-task-list__item--with-link portal-agenda__item--depth-${Math.min(i.depth, 3)}`}>
            <div className="govuk-task-list__name-and-hint">
              <Link className="govuk-link govuk-task-list__link" to={`/clerk/items/${i.id}/minute`} aria-describedby={`minute-status-${i.id}`}>
                {i.number}. {i.title}
              </Link>
              {i.exempt && <div className="govuk-task-list__hint">{i.exempt}: its minute is not published</div>}
            </div>
            <div className="govuk-task-list__status" id={`minute-status-${i.id}`}>
              {i.hasMinute ? "Minute written" : <strong className="govuk-tag govuk-tag--blue">Empty</strong>}
            </div>
          </li>
        ))}
      </ul>
      {!meeting.minutesPublished && !notYet && (
        <Form method="post">
          <HiddenFields fields={[["intent", "publish"]]} />
          <Button>Publish draft minutes</Button>
        </Form>
      )}
      <p className="govuk-body">
        <Link className="govuk-link" to={`/clerk/meetings/${meeting.id}`}>Back to the agenda</Link>
      </p>

      <h2 className="govuk-heading-l">Approve the minutes of an earlier meeting</h2>
      {cannotApprove ? (
        <p className="govuk-body">{cannotApprove}.</p>
      ) : earlier.length === 0 ? (
        <p className="govuk-body">No earlier meeting of this board has draft minutes awaiting approval.</p>
      ) : (
        <ul className="govuk-list">
          {earlier.map((e) => (
            <li key={e.id}>
              <Link className="govuk-link" to={`?approve=${e.id}#approve`}>
                Approve the minutes of {e.title}, {e.date}
              </Link>
            </li>
          ))}
        </ul>
      )}
      {toApprove && (
        <Form method="post" noValidate id="approve">
          <h3 className="govuk-heading-m">
            Minutes of {toApprove.title}, {toApprove.date}
          </h3>
          <p className="govuk-body">
            They are approved at this meeting, {meeting.title}, on {meeting.date}: the approval is dated to it. Change any text the meeting amended: each amendment is recorded with its text before and after.
          </p>
          <HiddenFields fields={[["intent", "approve"], ["approvedMeetingId", toApprove.id], ...toApprove.minutes.map((x) => ["minuteId", x.minuteId] as [string, string])]} />
          <Radios
            name="atItemId"
            legend="At which item of this meeting's agenda?"
            hint="The item for the minutes of the previous meeting."
            small
            options={itemOptions}
            defaultValue={data?.values?.atItemId ?? minutesItem ?? undefined}
            error={errors?.atItemId}
          />
          {toApprove.minutes.map((x) => (
            <fieldset className="govuk-fieldset" key={x.minuteId}>
              <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">
                {x.number}. {x.title}
              </legend>
              <Textarea name={`body-${x.minuteId}`} label="Minute" defaultValue={data?.values?.[`body-${x.minuteId}`] ?? x.body} error={errors?.[`body-${x.minuteId}`]} />
              <Textarea name={`decisions-${x.minuteId}`} label="Resolutions and decisions" rows={3} defaultValue={data?.values?.[`decisions-${x.minuteId}`] ?? x.decisions} />
            </fieldset>
          ))}
          <Button>Approve as a correct record</Button>
        </Form>
      )}
    </>
  );
}
