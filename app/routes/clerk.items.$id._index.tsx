import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { requirePermission } from "~/auth/permissions.server";
import { CheckboxGroup, ConflictPanel } from "~/components/clerk";
import { Button, ErrorSummary, HiddenFields, NotificationBanner, Radios, Select, Textarea, TextInput } from "~/components/forms";
import { ItemDeclarations, ItemDocuments } from "~/components/item-attachments";
import { personSummary } from "~/models/people";
import { LeadOfficerField } from "~/components/lead-officer";
import { db } from "~/models/records";
import { fileTypeLabel, formatBytes, getClerkItem, itemChoices, partOfChoices, presentAtItemMeeting, updateItem } from "~/models/meetings";
import { actorOf, readClerkForm, runClerkWrite, type ClerkActionData } from "~/handlers/clerk-forms.server";
import { attachItemDocument, moveItem, recordDeclaration, withdrawDeclaration } from "~/handlers/item-forms.server";
import { EXEMPT_PARAGRAPH_WORDING } from "~/rules/visibility.server";
import { versionField } from "~/utils/clerk-schemas";
import { choiceField, formFields, formText, longTextField, parseForm, recordChoiceField, textField } from "~/utils/form-fields";
import { invalid } from "~/utils/forms.server";
import { idParam, invariantFound } from "~/utils/http.server";
import { isUuid } from "~/utils/uuid";
import { renderMarkdown } from "~/utils/markdown.server";
import { pageTitle } from "~/utils/meta";
import { ItemOffsetForm } from "~/components/recording-forms";
import { saveItemOffset } from "~/handlers/recording-forms.server";
import { formatOffset } from "~/rules/recording.server";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(matches, data ? `Item ${data.number}: ${data.item.title}` : "Agenda item");
export const handle = { breadcrumbs: () => [{ label: "Clerk", to: "/clerk" }] };

const ITEM_FIELDS = ["title", "purpose", "body", "leadOfficerId", "isExempt", "exemptParagraph", "exemptReason", "publicTitle", "publicSummary", "reason", "version"] as const;
const LABELS: Record<string, string> = {
  title: "Title",
  purpose: "Purpose",
  body: "Body",
  leadOfficerId: "Lead officer",
  isExempt: "Exempt",
  exemptParagraph: "Exempt paragraph",
  exemptReason: "Public interest reason",
  publicTitle: "Public title",
  publicSummary: "Public summary",
};

/** What the item's page says after a change (?done=). */
const DONE_NOTICES: Record<string, (number: string) => string> = {
  saved: () => "Agenda item saved.",
  "part-of": (number) => `Agenda item moved: its number is now ${number}.`,
  document: () => "Document added.",
  declaration: () => "Declarations updated.",
  recording: () => "Start in the recording saved.",
  "lead-officer": () => "Lead officer saved.",
};

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "update:agenda-item:any");
  const data = invariantFound(await getClerkItem(idParam(params)));
  const choices = await itemChoices();
  const lead = data.item.leadOfficerId ? await personSummary(data.item.leadOfficerId) : null;
  const partOf = await partOfChoices(data.item.id, data.meeting.id);
  const done = new URL(request.url).searchParams.get("done");
  const i = data.item;
  return json({
    number: data.number,
    item: {
      id: i.id,
      title: i.title,
      purpose: i.purpose,
      body: i.body,
      leadOfficerId: i.leadOfficerId ?? "",
      isExempt: i.isExempt ? "yes" : "no",
      exemptParagraph: i.exemptParagraph ? String(i.exemptParagraph) : "",
      exemptReason: i.exemptReason ?? "",
      publicTitle: i.publicTitle ?? "",
      publicSummary: i.publicSummary ?? "",
      version: i.version,
      published: i.publishedAt !== null,
      released: i.releasedAt !== null,
      parentId: i.parentId ?? "",
    },
    partOf,
    meeting: { id: data.meeting.id, title: data.meeting.title, recordingUrl: data.meeting.recordingUrl },
    recordingOffset: i.recordingOffsetSeconds === null ? "" : formatOffset(i.recordingOffsetSeconds),
    priorityIds: data.priorityIds,
    documents: data.documents.map((d) => ({
      id: d.id,
      title: d.title,
      published: d.publishedAt !== null,
      files: d.files.filter((f) => !f.supersededAt).map((f) => ({ id: f.id, fileName: f.fileName, type: fileTypeLabel(f.mediaType), size: formatBytes(f.byteSize) })),
    })),
    hasMinute: data.minute !== null,
    declarations: data.declarations,
    // Declarations are made by people recorded as present (the attendance register).
    present: await presentAtItemMeeting(i.id),
    choices,
    leadOfficer: lead,
    // The wording comes from a .server module, which the browser bundle does not have: it travels with the data.
    exemptParagraphs: Object.entries(EXEMPT_PARAGRAPH_WORDING).map(([n, wording]) => ({ value: n, label: `Paragraph ${n}`, hint: wording })),
    notice: done ? (DONE_NOTICES[done]?.(data.number) ?? null) : null,
  });
}

const itemSchema = z.object({
  title: textField({ label: "Title", max: 200, required: "Enter the item's title" }),
  purpose: longTextField({ label: "Purpose", max: 2000, optional: true }),
  body: longTextField({ label: "Body", max: 100_000, optional: true }),
  leadOfficerId: recordChoiceField({ optional: true, message: "Select a lead officer from the list" }),
  isExempt: choiceField(["yes", "no"] as const, "Say whether the item is exempt"),
  exemptParagraph: z.string(),
  exemptReason: longTextField({ label: "Public interest reason", max: 2000, optional: true }),
  publicTitle: textField({ label: "Public title", max: 200, optional: true }),
  publicSummary: longTextField({ label: "Public summary", max: 5000, optional: true }),
  reason: textField({ label: "Reason for the change", max: 300, optional: true }),
  version: versionField,
});

export async function action({ request, params, context }: ActionFunctionArgs) {
  const viewer = await requirePermission(request, "update:agenda-item:any");
  const id = idParam(params);
  const actor = actorOf(viewer, context);
  const { form, tooLarge } = await readClerkForm(request);
  if (tooLarge) return invalid(context, { intent: "document", errors: { file: "The selected file must be smaller than 20 MB" }, values: {} });
  const intent = formText(form, "intent");

  if (intent === "document") {
    await requirePermission(request, "create:document:any");
    return attachItemDocument(context, form, actor, id);
  }
  if (intent === "declaration") return recordDeclaration(context, form, actor, id);
  if (intent === "remove-declaration") return withdrawDeclaration(context, form, actor, id);
  if (intent === "recording-offset") return saveItemOffset(context, form, actor, id, `/clerk/items/${id}?done=recording#recording`);
  if (intent === "part-of") return moveItem(context, form, actor, id);

  // "save" and "preview" share the item form.
  const values = formFields(form, ITEM_FIELDS);
  const priorityIds = form.getAll("priorityIds").filter((v): v is string => typeof v === "string");
  const parsed = parseForm(itemSchema, form);
  // A priority that is not one of the boxes offered (a forged value) is refused beside the boxes.
  const badPriority: Record<string, string> = priorityIds.some((p) => !isUuid(p)) ? { priorityIds: "Select strategic priorities from the list" } : {};
  if (!parsed.ok || badPriority.priorityIds) {
    const errors = { ...(parsed.ok ? {} : parsed.errors), ...badPriority };
    return invalid(context, { intent: "save", errors, values, priorityIds: priorityIds.filter(isUuid) });
  }
  if (intent === "preview") {
    return json({
      intent: "save",
      errors: {},
      values,
      priorityIds,
      preview: {
        purpose: renderMarkdown(parsed.data.purpose),
        body: renderMarkdown(parsed.data.body),
        publicSummary: renderMarkdown(parsed.data.publicSummary),
      },
    });
  }
  const d = parsed.data;
  const paragraph = /^[1-7]$/.test(d.exemptParagraph) ? Number(d.exemptParagraph) : null;
  const r = await runClerkWrite(context, "save", values, () =>
    db().transaction((tx) =>
      updateItem(
        tx,
        actor,
        id,
        d.version,
        {
          title: d.title,
          purpose: d.purpose,
          body: d.body,
          leadOfficerId: d.leadOfficerId || null,
          isExempt: d.isExempt === "yes",
          exemptParagraph: paragraph,
          exemptReason: d.exemptReason,
          publicTitle: d.publicTitle,
          publicSummary: d.publicSummary,
          priorityIds,
        },
        d.reason,
      ),
    ),
  );
  return r.ok ? redirect(`/clerk/items/${id}?done=saved`, { status: 303 }) : r.response;
}

export default function ClerkItem() {
  const { number, item, partOf, meeting, recordingOffset, priorityIds, documents, hasMinute, declarations, present, choices, leadOfficer, exemptParagraphs, notice } = useLoaderData<typeof loader>();
  const data = useActionData<ClerkActionData & { priorityIds?: string[] }>();
  const errors = data?.errors;
  const saved = data?.intent === "save" ? data.values : undefined;
  const v = (name: keyof typeof item) => saved?.[name] ?? String(item[name] ?? "");
  const other = data && data.intent !== "save" ? data.values : undefined;
  const preview = data?.preview;
  return (
    <>
      <ErrorSummary errors={errors} />
      {notice && <NotificationBanner success>{notice}</NotificationBanner>}
      <span className="govuk-caption-l">{meeting.title}</span>
      <h1 className="govuk-heading-xl">
        Item {number}: {item.title}
      </h1>
      <ul className="govuk-list">
        <li><Link className="govuk-link" to={`/clerk/meetings/${meeting.id}`}>Back to the agenda</Link></li>
        <li><Link className="govuk-link" to={`/clerk/items/${item.id}/minute`}>{hasMinute ? "Edit the minute" : "Write the minute"}</Link></li>
        <li><Link className="govuk-link" to={`/clerk/items/${item.id}/decisions`}>Decisions recorded from the minute</Link></li>
        <li><Link className="govuk-link" to={`/clerk/items/${item.id}/recommendations`}>The board's recommendations agreed in the minute</Link></li>
        {(item.isExempt === "yes" || item.released) && (
          <li><Link className="govuk-link" to={`/clerk/items/${item.id}/exemption`}>Exemption: review date and release</Link></li>
        )}
        <li><Link className="govuk-link" to={`/clerk/history/agenda_item/${item.id}`}>History of changes</Link></li>
        {!item.published && <li><Link className="govuk-link" to={`/clerk/items/${item.id}/remove`}>Remove this item</Link></li>}
      </ul>
      <Form method="post" noValidate>
        <HiddenFields fields={[["intent", "part-of"]]} />
        <Select
          name="parentId"
          label="Part of"
          hint="Make this a sub-item of a main item, or a main item of its own. Its number follows from where it goes."
          placeholder="Not part of another item"
          options={partOf}
          defaultValue={data?.intent === "part-of" ? data.values.parentId : item.parentId}
          error={data?.intent === "part-of" ? errors?.parentId : undefined}
        />
        <Button variant="secondary">Move the item</Button>
      </Form>
      {data?.conflict && (
        <ConflictPanel fields={Object.entries(LABELS).map(([name, label]) => ({ name, label }))} current={data.conflict.current} typed={data.values} />
      )}
      {preview && (
        <section className="portal-preview" aria-labelledby="preview-heading">
          <h2 className="govuk-heading-m" id="preview-heading">Preview (not saved yet)</h2>
          {preview.purpose && <div className="portal-prose" dangerouslySetInnerHTML={{ __html: preview.purpose }} />}
          <div className="portal-prose" dangerouslySetInnerHTML={{ __html: preview.body }} />
          {preview.publicSummary && (
            <>
              <h3 className="govuk-heading-s">Public summary</h3>
              <div className="portal-prose" dangerouslySetInnerHTML={{ __html: preview.publicSummary }} />
            </>
          )}
        </section>
      )}
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <Form method="post" noValidate>
            <HiddenFields fields={[["version", String(data?.conflict?.currentVersion ?? saved?.version ?? item.version)]]} />
            <TextInput name="title" label="Title" defaultValue={v("title")} error={errors?.title} />
            <Textarea name="purpose" label="Purpose (Markdown)" hint='For example "Members to comment on and note the report"' rows={3} defaultValue={v("purpose")} error={errors?.purpose} />
            <Textarea name="body" label="Body (Markdown)" rows={10} defaultValue={v("body")} error={errors?.body} />
            <LeadOfficerField itemId={item.id} value={v("leadOfficerId")} lead={leadOfficer} error={errors?.leadOfficerId} />
            {choices.priorities.length > 0 && (
              <CheckboxGroup
                name="priorityIds"
                legend="Strategic priorities"
                options={choices.priorities.map((p) => ({ value: p.id, label: p.title }))}
                checked={data?.priorityIds ?? priorityIds}
                error={errors?.priorityIds}
              />
            )}
            <Radios
              name="isExempt"
              legend="Is the item exempt (Local Government Act 1972, Schedule 12A)?"
              options={[
                { value: "no", label: "No, it is public" },
                { value: "yes", label: "Yes, it is exempt" },
              ]}
              defaultValue={v("isExempt")}
              error={errors?.isExempt}
            />
            <Radios
              name="exemptParagraph"
              legend="Schedule 12A paragraph (exempt items)"
              small
              options={exemptParagraphs}
              defaultValue={v("exemptParagraph")}
              error={errors?.exemptParagraph}
            />
            <Textarea name="exemptReason" label="Public interest reason (exempt items)" hint="Why the public interest in keeping it exempt outweighs the public interest in disclosing it" rows={3} defaultValue={v("exemptReason")} error={errors?.exemptReason} />
            <TextInput name="publicTitle" label="Public title (exempt items)" hint="The only title the public sees" defaultValue={v("publicTitle")} error={errors?.publicTitle} />
            <Textarea name="publicSummary" label="Public summary (exempt items, after the meeting)" hint="Local Government Act 1972 s100C(2): shown to the public after the meeting" rows={3} defaultValue={v("publicSummary")} error={errors?.publicSummary} />
            <TextInput
              name="reason"
              label={item.published ? "Reason for the change" : "Reason for the change (optional)"}
              hint={item.published ? 'The item is published: the public page shows "Updated on ...: reason"' : "Kept in the history of changes"}
              defaultValue={saved?.reason}
              error={errors?.reason}
            />
            <div className="govuk-button-group">
              <Button name="intent" value="save">Save item</Button>
              <Button name="intent" value="preview" variant="secondary">Preview</Button>
            </div>
          </Form>

          <ItemOffsetForm
            value={data?.intent === "recording-offset" ? data.values.recordingOffset ?? "" : recordingOffset}
            error={data?.intent === "recording-offset" ? errors?.recordingOffset : undefined}
            recording={meeting.recordingUrl}
          />

          <ItemDocuments documents={documents} values={other} errors={errors} />
          <ItemDeclarations declarations={declarations} present={present} values={other} errors={errors} />
        </div>
      </div>
    </>
  );
}
