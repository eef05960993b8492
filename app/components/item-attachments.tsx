/**
 * The lower parts of the clerk's agenda item page: the documents attached to the
 * item with the form that attaches one, and the declarations of interest made on
 * it with the form that records one. `values` refill the form that was sent when
 * it comes back with a message beside a field.
 */
import { Form, Link } from "@remix-run/react";
import { Checkbox } from "./clerk";
import { Button, FileUpload, HiddenFields, Radios, Select, Textarea, TextInput, type FieldErrors } from "./forms";

type Typed = Partial<Record<string, string>> | undefined;

export function ItemDocuments({
  documents,
  values,
  errors,
}: {
  documents: { id: string; title: string; published: boolean; files: { id: string; fileName: string; type: string; size: string }[] }[];
  values: Typed;
  errors?: FieldErrors;
}) {
  return (
    <>
      <h2 className="govuk-heading-l" id="documents">Documents</h2>
      {documents.length === 0 ? (
        <p className="govuk-body">No documents attached.</p>
      ) : (
        <ul className="govuk-list">
          {documents.map((d) => (
            <li key={d.id}>
              <Link className="govuk-link" to={`/clerk/documents/${d.id}`}>{d.title}</Link> ({d.published ? "published" : "draft"})
              {d.files.map((f) => (
                <span key={f.id} className="portal-meta">
                  {" "}
                  {f.fileName}, {f.type}, {f.size}
                </span>
              ))}
            </li>
          ))}
        </ul>
      )}
      <Form method="post" encType="multipart/form-data" noValidate>
        <h3 className="govuk-heading-m">Attach a document</h3>
        <HiddenFields fields={[["intent", "document"]]} />
        <TextInput name="docTitle" label="Document title" defaultValue={values?.docTitle} error={errors?.docTitle} />
        <Textarea name="docBody" label="Write the report (Markdown)" hint="Or upload a file below, or both" rows={6} defaultValue={values?.docBody} error={errors?.docBody} />
        <FileUpload name="file" label="Upload a file (optional)" error={errors?.file} />
        <Button variant="secondary">Attach document</Button>
      </Form>
    </>
  );
}

export function ItemDeclarations({
  declarations,
  present,
  values,
  errors,
}: {
  declarations: { id: string; person: string; kind: string; nature: string; leftRoom: boolean }[];
  present: { id: string; name: string }[];
  values: Typed;
  errors?: FieldErrors;
}) {
  return (
    <>
      <h2 className="govuk-heading-l" id="declarations">Declarations of interest</h2>
      {declarations.length === 0 ? (
        <p className="govuk-body">None recorded.</p>
      ) : (
        <ul className="govuk-list">
          {declarations.map((d) => (
            <li key={d.id}>
              {d.person}: {d.kind === "pecuniary" ? "pecuniary interest" : "other interest"}, {d.nature}
              {d.leftRoom ? " (left the room)" : ""}{" "}
              <Form method="post" className="portal-inline-form">
                <HiddenFields fields={[["intent", "remove-declaration"], ["declarationId", d.id]]} />
                <button type="submit" className="govuk-button govuk-button--secondary" data-module="govuk-button">
                  Remove<span className="govuk-visually-hidden"> the declaration by {d.person}</span>
                </button>
              </Form>
            </li>
          ))}
        </ul>
      )}
      <Form method="post" noValidate>
        <h3 className="govuk-heading-m">Record a declaration</h3>
        <HiddenFields fields={[["intent", "declaration"]]} />
        <Select
          name="declarationPersonId"
          label="Who declared it"
          hint={present.length === 0 ? "Nobody is recorded as present yet: record the attendance first." : "The people recorded as present at the meeting."}
          placeholder="Select"
          options={present.map((p) => ({ value: p.id, label: p.name }))}
          defaultValue={values?.declarationPersonId}
          error={errors?.declarationPersonId}
        />
        <Radios
          name="kind"
          legend="Kind of interest"
          small
          options={[
            { value: "pecuniary", label: "Disclosable pecuniary interest" },
            { value: "other", label: "Other interest" },
          ]}
          defaultValue={values?.kind}
          error={errors?.kind}
        />
        <Textarea name="nature" label="Nature of the interest" rows={2} defaultValue={values?.nature} error={errors?.nature} />
        <Checkbox name="leftRoom" label="Left the room for the item" defaultChecked={values?.leftRoom === "yes"} />
        <Button variant="secondary">Record declaration</Button>
      </Form>
    </>
  );
}
