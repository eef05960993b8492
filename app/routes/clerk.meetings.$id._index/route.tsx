import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { requirePermission } from "~/auth/permissions.server";
import { useAgendaReorder } from "./agenda-reorder";
import { Button, ErrorSummary, HiddenFields, NotificationBanner, Select, Textarea, TextInput } from "~/components/forms";
import { db } from "~/models/records";
import { addItem, moveItem, moveItemTo, removeItem } from "~/models/meetings";
import { actorOf, runClerkWrite, type ClerkActionData } from "~/handlers/clerk-forms.server";
import { getClerkMeeting, publishAgenda, publishSupplementary } from "~/models/meetings";
import { sendSummons } from "~/handlers/agenda-summons.server";
import { sendPendingEmailsQuietly } from "~/models/publishing";
import { Checkbox } from "~/components/clerk";
import { formatDateTime } from "~/rules/dates.server";
import { MEETING_STATUS_LABELS } from "~/rules/meeting-status.server";
import { formFields, formText, longTextField, parseForm, recordChoiceField, textField } from "~/utils/form-fields";
import { invalid, readForm } from "~/utils/forms.server";
import { idParam, invariantFound } from "~/utils/http.server";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(matches, data ? `Agenda: ${data.meeting.title}` : "Meeting");
export const handle = { breadcrumbs: () => [{ label: "Clerk", to: "/clerk" }] };

const DONE: Record<string, string> = {
  added: "Agenda item added.",
  moved: "Agenda item moved.",
  removed: "Agenda item removed.",
  published: "Agenda published.",
  supplementary: "Supplementary agenda published.",
  "published-sent": "Agenda published. The summons has been sent to the members and officers (recorded in the meeting's history).",
  "supplementary-sent": "Supplementary agenda published. The members and officers have been told what was added (recorded in the meeting's history).",
};

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "update:meeting:any");
  const data = invariantFound(await getClerkMeeting(idParam(params)));
  const done = new URL(request.url).searchParams.get("done");
  const m = data.meeting;
  return json({
    meeting: {
      id: m.id,
      slug: m.slug,
      title: m.title,
      when: formatDateTime(m.startsAt),
      statusLabel: MEETING_STATUS_LABELS[data.status],
      statusReason: m.statusReason,
      agendaPublished: m.agendaPublishedAt ? formatDateTime(m.agendaPublishedAt) : null,
      urgencyReason: m.urgencyReason,
      minutesApproved: m.minutesApprovedAt !== null,
    },
    bodyName: data.bodyName,
    deadline: data.deadlineText,
    lateNow: data.lateNow,
    items: data.items,
    drafts: data.items.filter((i) => !i.published).length,
    notice: done && Object.hasOwn(DONE, done) ? DONE[done] : null,
  });
}

const addSchema = z.object({
  title: textField({ label: "Title", max: 200, required: "Enter the item's title" }),
  parentId: recordChoiceField({ optional: true, message: "Select an item of this meeting" }),
});

export async function action({ request, params, context }: ActionFunctionArgs) {
  const viewer = await requirePermission(request, "update:agenda-item:any");
  const form = await readForm(request);
  const intent = formText(form, "intent");
  const meetingId = idParam(params);
  const actor = actorOf(viewer, context);
  const back = (done: string) => redirect(`/clerk/meetings/${meetingId}?done=${done}`, { status: 303 });
  const itemId = formText(form, "itemId");

  if (intent === "add") {
    const values = formFields(form, ["title", "parentId"]);
    const parsed = parseForm(addSchema, form);
    if (!parsed.ok) return invalid(context, { intent, errors: parsed.errors, values });
    const r = await runClerkWrite(context, intent, values, () =>
      db().transaction((tx) => addItem(tx, actor, meetingId, { title: parsed.data.title, parentId: parsed.data.parentId || null })),
    );
    return r.ok ? back("added") : r.response;
  }
  if (intent === "move-up" || intent === "move-down") {
    const r = await runClerkWrite(context, intent, {}, () =>
      db().transaction((tx) => moveItem(tx, actor, itemId, intent === "move-up" ? "up" : "down")),
    );
    return r.ok ? back("moved") : r.response;
  }
  if (intent === "reorder") {
    const position = formText(form, "position");
    if (!/^\d{1,4}$/.test(position)) return invalid(context, { intent, errors: { form: "Choose the position to move the item to" }, values: {} });
    const r = await runClerkWrite(context, intent, {}, () => db().transaction((tx) => moveItemTo(tx, actor, itemId, Number(position))));
    return r.ok ? back("moved") : r.response;
  }
  if (intent === "remove") {
    await requirePermission(request, "delete:agenda-item:any");
    const r = await runClerkWrite(context, intent, {}, () => db().transaction((tx) => removeItem(tx, actor, itemId)));
    return r.ok ? back("removed") : r.response;
  }
  if (intent === "publish" || intent === "publish-supplementary") {
    await requirePermission(request, "publish:agenda:any");
    const field = intent === "publish" ? "urgencyReason" : "supplementaryReason";
    const values = formFields(form, [field]);
    const parsed = parseForm(z.object({ [field]: longTextField({ label: "Reason", max: 2000, optional: true }) }), form);
    if (!parsed.ok) return invalid(context, { intent, errors: parsed.errors, values });
    const reason = String(parsed.data[field] ?? "");
    const send = formText(form, "sendSummons") === "yes";
    const current = invariantFound(await getClerkMeeting(meetingId));
    const r = await runClerkWrite(context, intent, values, () =>
      db().transaction(async (tx) => {
        const published = intent === "publish" ? await publishAgenda(tx, actor, meetingId, reason) : await publishSupplementary(tx, actor, meetingId, reason);
        // The summons (or the supplement) goes out in the same transaction, once per person.
        if (send) await sendSummons(tx, actor, current.meeting, current.bodyName, intent === "publish" ? undefined : published);
      }),
    );
    if (r.ok && send) await sendPendingEmailsQuietly();
    return r.ok ? back(`${intent === "publish" ? "published" : "supplementary"}${send ? "-sent" : ""}`) : r.response;
  }
  return invalid(context, { intent, errors: { form: "Choose what to do" }, values: {} });
}

export default function ClerkMeeting() {
  const { meeting, bodyName, deadline, lateNow, items, drafts, notice } = useLoaderData<typeof loader>();
  const data = useActionData<ClerkActionData>();
  const errors = data?.errors;
  const values = data?.intent === "add" ? data.values : undefined;
  const topLevel = items.filter((i) => i.depth === 0);
  const reorder = useAgendaReorder(items);
  return (
    <>
      <ErrorSummary errors={errors} />
      {notice && <NotificationBanner success>{notice}</NotificationBanner>}
      <span className="govuk-caption-l">{bodyName}</span>
      <h1 className="govuk-heading-xl">{meeting.title}</h1>
      <p className="govuk-body">
        {meeting.when}. Status: {meeting.statusLabel}
        {meeting.statusReason ? ` (${meeting.statusReason})` : ""}.
      </p>
      <ul className="govuk-list">
        <li><Link className="govuk-link" to={`/clerk/meetings/${meeting.id}/edit`}>Edit details, postpone or cancel</Link></li>
        <li><Link className="govuk-link" to={`/clerk/meetings/${meeting.id}/attendance`}>Attendance</Link></li>
        <li><Link className="govuk-link" to={`/clerk/meetings/${meeting.id}/minutes`}>Minutes</Link></li>
        <li><Link className="govuk-link" to={`/clerk/history/meeting/${meeting.id}`}>History of changes</Link></li>
        {meeting.agendaPublished && <li><Link className="govuk-link" to={`/meetings/${meeting.slug}`}>Public page</Link></li>}
      </ul>

      <h2 className="govuk-heading-l">Agenda</h2>
      {items.length === 0 ? (
        <p className="govuk-body">No items yet.</p>
      ) : (
        <>
          {reorder.hint}
          <table className="govuk-table">
            <caption className="govuk-table__caption govuk-visually-hidden">Agenda items in order</caption>
            <thead className="govuk-table__head">
              <tr className="govuk-table__row">
                <th scope="col" className="govuk-table__header">Item</th>
                <th scope="col" className="govuk-table__header">State</th>
                <th scope="col" className="govuk-table__header">Order</th>
              </tr>
            </thead>
            <tbody className="govuk-table__body">
              {items.map((item) => (
                <tr key={item.id} {...reorder.rowProps(item, "govuk-table__row")}>
                  <td className={`govuk-table__cell portal-agenda__item--depth-${Math.min(item.depth, 3)}`}>
                    {item.number}.{" "}
                    <Link className="govuk-link" to={`/clerk/items/${item.id}`}>{item.title}</Link>
                    {item.isExempt && (
                      <span className="portal-meta"> (exempt, paragraph {item.exemptParagraph})</span>
                    )}
                  </td>
                  <td className="govuk-table__cell">
                    {item.published ? (item.supplementary ? "Published (supplementary)" : "Published") : "Draft"}
                  </td>
                  <td className="govuk-table__cell">
                    {reorder.moveControl(item)}
                    {item.canMoveUp && <ItemButton intent="move-up" item={item}>Move up</ItemButton>}
                    {item.canMoveDown && <ItemButton intent="move-down" item={item}>Move down</ItemButton>}
                    {!item.published && (
                      <Link className="govuk-link" to={`/clerk/items/${item.id}/remove`}>
                        Remove<span className="govuk-visually-hidden">: {item.number} {item.title}</span>
                      </Link>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      {reorder.announcer}

      {!meeting.minutesApproved && (
        <Form method="post" noValidate>
          <h3 className="govuk-heading-m">Add an agenda item</h3>
          <HiddenFields fields={[["intent", "add"]]} />
          <TextInput name="title" label="Title" defaultValue={values?.title} error={data?.intent === "add" ? errors?.title : undefined} />
          <Select
            name="parentId"
            label="Where"
            placeholder="A main item, at the end"
            options={topLevel.map((i) => ({ value: i.id, label: `A sub-item of ${i.number}. ${i.title}` }))}
            defaultValue={values?.parentId}
            error={data?.intent === "add" ? errors?.parentId : undefined}
          />
          <Button variant="secondary">Add item</Button>
        </Form>
      )}

      <h2 className="govuk-heading-l">Publishing</h2>
      {meeting.agendaPublished ? (
        <>
          <p className="govuk-body">The agenda was published {meeting.agendaPublished}.</p>
          {meeting.urgencyReason && <p className="govuk-body">Reason given for late publication: {meeting.urgencyReason}</p>}
          {drafts > 0 && (
            <Form method="post" noValidate>
              <HiddenFields fields={[["intent", "publish-supplementary"]]} />
              <p className="govuk-body">{drafts} item(s) added since are drafts: publish them as a supplementary agenda.</p>
              {lateNow && (
                <Textarea
                  name="supplementaryReason"
                  label="Reason for publishing after the statutory deadline"
                  hint="Shown on the public agenda (Local Government Act 1972 s100B(4)(b))"
                  defaultValue={data?.values?.supplementaryReason}
                  error={errors?.supplementaryReason}
                />
              )}
              <Checkbox name="sendSummons" label="Tell the members and officers what was added (an e-mail to each)" />
              <Button>Publish supplementary agenda</Button>
            </Form>
          )}
        </>
      ) : (
        <Form method="post" noValidate>
          <HiddenFields fields={[["intent", "publish"]]} />
          <p className="govuk-body">
            The agenda is a draft: the public sees nothing of it. Latest publication date: <strong>{deadline ?? "not known"}</strong>
            {lateNow ? " (passed)." : "."}
          </p>
          {lateNow && (
            <Textarea
              name="urgencyReason"
              label="Reason for publishing after the statutory deadline"
              hint="Shown on the public agenda (Local Government Act 1972 s100B(4)(b))"
              defaultValue={data?.values?.urgencyReason}
              error={errors?.urgencyReason}
            />
          )}
          <Checkbox
            name="sendSummons"
            label="Send the summons: an e-mail to every member and officer with the meeting's details, the agenda and the link to the pack"
          />
          <Button>Publish agenda</Button>
        </Form>
      )}
    </>
  );
}

/** A one-button form acting on an agenda item; the button names the item for screen reader users. */
function ItemButton({ intent, item, warning, children }: { intent: string; item: { id: string; number: string; title: string }; warning?: boolean; children: string }) {
  return (
    <Form method="post" className="portal-inline-form">
      <HiddenFields fields={[["intent", intent], ["itemId", item.id]]} />
      <button type="submit" className={`govuk-button ${warning ? "govuk-button--warning" : "govuk-button--secondary"}`} data-module="govuk-button">
        {children}<span className="govuk-visually-hidden">: {item.number} {item.title}</span>
      </button>
    </Form>
  );
}
