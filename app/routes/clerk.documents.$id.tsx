import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { requirePermission } from "~/auth/permissions.server";
import { ConflictPanel } from "~/components/clerk";
import { Button, ErrorSummary, FileUpload, HiddenFields, Textarea, TextInput, UPLOAD_HINT } from "~/components/forms";
import { db } from "~/models/records";
import { actorOf, readClerkForm, runClerkWrite, uploadedFile, type ClerkActionData } from "~/handlers/clerk-forms.server";
import { fileTypeLabel, formatBytes, getClerkDocument, replaceFile, updateDocument } from "~/models/meetings";
import { formatDateTime } from "~/rules/dates.server";
import { accessibilityProblems, ACCESSIBILITY_REGULATIONS } from "~/rules/document-accessibility.server";
import { versionField } from "~/utils/clerk-schemas";
import { formFields, formText, longTextField, parseForm, textField } from "~/utils/form-fields";
import { invalid } from "~/utils/forms.server";
import { idParam, invariantFound } from "~/utils/http.server";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(matches, data ? `Document: ${data.document.title}` : "Document");
export const handle = { breadcrumbs: () => [{ label: "Clerk", to: "/clerk" }] };

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "update:document:any");
  const data = invariantFound(await getClerkDocument(idParam(params)));
  const d = data.document;
  return json({
    document: { id: d.id, slug: d.slug, title: d.title, summary: d.summary, body: d.body, version: d.version, published: d.publishedAt !== null },
    files: data.files
      .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())
      .map((f) => ({
        id: f.id,
        fileName: f.fileName,
        type: fileTypeLabel(f.mediaType),
        size: formatBytes(f.byteSize),
        superseded: f.supersededAt ? formatDateTime(f.supersededAt) : null,
        text: FILE_TEXT_LABELS[f.textStatus ?? ""] ?? null,
        textNote: f.textNote,
        // A replaced file's warning is gone: only the current file is judged.
        problems: f.supersededAt ? [] : accessibilityProblems(f),
      })),
    items: data.items,
    // A server module's value reaches the page through the loader (the browser's bundle has none).
    regulations: ACCESSIBILITY_REGULATIONS,
  });
}

const FILE_TEXT_LABELS: Record<string, string> = {
  pending: "Its text is waiting to be read.",
  extracted: "Its text has been read: the document's page shows it and search finds it (once the document is published).",
  no_text: "It has no text to read.",
  failed: "Its text could not be read.",
};

const FIELDS = ["title", "summary", "body", "reason", "version"] as const;
const schema = z.object({
  title: textField({ label: "Title", max: 200, required: "Enter the document's title" }),
  summary: longTextField({ label: "Summary", max: 2000, optional: true }),
  body: longTextField({ label: "Report", max: 200_000, optional: true }),
  reason: textField({ label: "Reason for the change", max: 300, optional: true }),
  version: versionField,
});

export async function action({ request, params, context }: ActionFunctionArgs) {
  const viewer = await requirePermission(request, "update:document:any");
  const id = idParam(params);
  const actor = actorOf(viewer, context);
  const { form, tooLarge } = await readClerkForm(request);
  if (tooLarge) return invalid(context, { intent: "file", errors: { file: "The selected file must be smaller than 20 MB" }, values: {} });
  if (formText(form, "intent") === "file") {
    const file = await uploadedFile(form, "file");
    if (!file) return invalid(context, { intent: "file", errors: { file: "Choose a file to upload" }, values: {} });
    const r = await runClerkWrite(context, "file", {}, () => db().transaction((tx) => replaceFile(tx, actor, id, file)));
    return r.ok ? redirect(`/clerk/documents/${id}`, { status: 303 }) : r.response;
  }
  const values = formFields(form, FIELDS);
  const parsed = parseForm(schema, form);
  if (!parsed.ok) return invalid(context, { intent: "save", errors: parsed.errors, values });
  const { version, reason, ...input } = parsed.data;
  const r = await runClerkWrite(context, "save", values, () => db().transaction((tx) => updateDocument(tx, actor, id, version, input, reason)));
  return r.ok ? redirect(`/clerk/documents/${id}`, { status: 303 }) : r.response;
}

export default function ClerkDocument() {
  const { document: d, files, items, regulations } = useLoaderData<typeof loader>();
  const data = useActionData<ClerkActionData>();
  const errors = data?.errors;
  const values = data?.intent === "save" ? data.values : undefined;
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary errors={errors} />
        <h1 className="govuk-heading-l">{d.title}</h1>
        <ul className="govuk-list">
          {items.map((i) => (
            <li key={i.id}>
              <Link className="govuk-link" to={`/clerk/items/${i.id}`}>Back to {i.title} ({i.meetingTitle})</Link>
            </li>
          ))}
          <li><Link className="govuk-link" to={`/clerk/history/document/${d.id}`}>History of changes</Link></li>
          <li><Link className="govuk-link" to={`/clerk/documents/${d.id}/recommendations`}>Recommendations the board agreed in this report</Link></li>
        </ul>
        {data?.conflict && (
          <ConflictPanel fields={[{ name: "title", label: "Title" }, { name: "summary", label: "Summary" }, { name: "body", label: "Report" }]} current={data.conflict.current} typed={data.values} />
        )}
        <Form method="post" noValidate>
          <HiddenFields fields={[["intent", "save"], ["version", String(data?.conflict?.currentVersion ?? values?.version ?? d.version)]]} />
          <TextInput name="title" label="Title" defaultValue={values?.title ?? d.title} error={errors?.title} />
          <Textarea name="summary" label="Summary" rows={3} defaultValue={values?.summary ?? d.summary} error={errors?.summary} />
          <Textarea name="body" label="Report (Markdown)" rows={12} defaultValue={values?.body ?? d.body} error={errors?.body} />
          <TextInput name="reason" label={d.published ? "Reason for the change" : "Reason for the change (optional)"} defaultValue={values?.reason} error={errors?.reason} />
          <Button>Save document</Button>
        </Form>
        <h2 className="govuk-heading-m">Files</h2>
        {files.length === 0 ? (
          <p className="govuk-body">No file uploaded.</p>
        ) : (
          <ul className="govuk-list">
            {files.map((f) => (
              <li key={f.id}>
                <a className="govuk-link" href={`/files/${f.id}`}>{f.fileName}</a> ({f.type}, {f.size})
                {f.superseded ? `: superseded ${f.superseded}` : ": current"}
                {!f.superseded && f.text && (
                  <p className="govuk-body-s">
                    {f.text} {f.textNote}
                  </p>
                )}
                {f.problems.length > 0 && (
                  <div className="govuk-warning-text">
                    <span className="govuk-warning-text__icon" aria-hidden="true">!</span>
                    <div className="govuk-warning-text__text">
                      <span className="govuk-visually-hidden">Warning</span>
                      This PDF is not an accessible document, as the {regulations} require:
                      <ul className="govuk-list govuk-list--bullet">
                        {f.problems.map((p) => (
                          <li key={p}>{p}</li>
                        ))}
                      </ul>
                      Replace it with an accessible version (a PDF with a text layer, a document title and a language set).
                    </div>
                  </div>
                )}
              </li>
            ))}
          </ul>
        )}
        <Form method="post" encType="multipart/form-data" noValidate>
          <HiddenFields fields={[["intent", "file"]]} />
          <FileUpload name="file" label={files.length ? "Replace the file" : "Upload a file"} hint={`${UPLOAD_HINT}. The old file is kept.`} error={errors?.file} />
          <Button variant="secondary">Upload</Button>
        </Form>
      </div>
    </div>
  );
}
