/** The clerk's inspection form (new and edit), and its zod schema (pure, browser-safe). */
import { Form } from "@remix-run/react";
import { z } from "zod";
import { choiceField, longTextField, textField, type FieldErrors } from "~/utils/form-fields";
import { Button, ErrorSummary, Select, TextInput, Textarea } from "./forms";
import { parseIsoDay } from "~/utils/day-field";

export const INSPECTION_KIND_OPTIONS = [
  { value: "full_inspection", label: "Full inspection" },
  { value: "monitoring_visit", label: "Monitoring visit" },
  { value: "focused_visit", label: "Focused visit" },
  { value: "assurance_visit", label: "Assurance visit" },
  { value: "regulatory_inspection", label: "Regulatory inspection" },
] as const;

export const INSPECTION_FIELDS = [
  "title",
  "kind",
  "organisationId",
  "inspectorateId",
  "visitStartOn",
  "visitEndOn",
  "publishedOn",
  "overallJudgement",
  "areaJudgements",
  "summary",
  "documentId",
  "sourceNote",
] as const;

const safeDay = (v: string) => parseIsoDay(v) !== null;
const day = (label: string, optional: boolean) =>
  z
    .string()
    .trim()
    .superRefine((v, ctx) => {
      if (!v && !optional) ctx.addIssue({ code: "custom", message: `Enter the ${label.toLowerCase()}` });
      else if (v && !safeDay(v)) ctx.addIssue({ code: "custom", message: `${label} must be a real date, for example 2024-11-29` });
    });

export const inspectionFormSchema = z
  .object({
    title: textField({ label: "Title", max: 300, required: "Enter the inspection's title" }),
    kind: choiceField(
      ["full_inspection", "monitoring_visit", "focused_visit", "assurance_visit", "regulatory_inspection"] as const,
      "Select the kind of inspection or visit",
    ),
    organisationId: z.string(),
    inspectorateId: z.string(),
    visitStartOn: day("First day of the visit", false),
    visitEndOn: day("Last day of the visit", true),
    publishedOn: day("Publication date", true),
    overallJudgement: textField({ label: "Overall judgement", max: 200, optional: true }),
    areaJudgements: longTextField({ label: "Area judgements", max: 5000, optional: true }).superRefine((v, ctx) => {
      for (const line of v.split("\n").filter((l) => l.trim())) {
        if (!/^[^:]+:\s*\S/.test(line)) {
          ctx.addIssue({ code: "custom", message: `Write each area judgement as "Area: judgement" on its own line ("${line.trim().slice(0, 40)}" has no colon)` });
          return;
        }
      }
    }),
    summary: longTextField({ label: "Findings", max: 50_000, optional: true }),
    documentId: z.string(),
    sourceNote: longTextField({ label: "About this record", max: 5000, optional: true }),
  });

/** An end date before the start is refused, beside the end date. */
export function inspectionDateErrors(v: { visitStartOn: string; visitEndOn: string }): FieldErrors | null {
  if (v.visitStartOn && v.visitEndOn && v.visitEndOn < v.visitStartOn) {
    return { visitEndOn: "The last day of the visit must be the same as or after the first day" };
  }
  return null;
}

export function parseAreaJudgements(text: string) {
  return text
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l) => {
      const at = l.indexOf(":");
      return { area: l.slice(0, at).trim(), judgement: l.slice(at + 1).trim() };
    });
}

export function InspectionForm({
  values,
  errors,
  organisations,
  documents,
  submit,
}: {
  values: Partial<Record<(typeof INSPECTION_FIELDS)[number], string>>;
  errors?: FieldErrors;
  organisations: { id: string; name: string }[];
  documents: { id: string; title: string }[];
  submit: string;
}) {
  const orgOptions = organisations.map((o) => ({ value: o.id, label: o.name }));
  return (
    <>
      <ErrorSummary errors={errors} />
      <Form method="post" noValidate>
        <input type="hidden" name="intent" value="inspection" />
        <TextInput name="title" label="Title" defaultValue={values.title} error={errors?.title} />
        <Select name="kind" label="Kind" placeholder="Select a kind" options={[...INSPECTION_KIND_OPTIONS]} defaultValue={values.kind} error={errors?.kind} />
        <Select name="organisationId" label="Organisation inspected" placeholder="Not recorded" options={orgOptions} defaultValue={values.organisationId} error={errors?.organisationId} />
        <Select name="inspectorateId" label="Inspectorate" placeholder="Not recorded" options={orgOptions} defaultValue={values.inspectorateId} error={errors?.inspectorateId} />
        <TextInput name="visitStartOn" label="First day of the visit" hint="For example, 2024-11-05" width="10" defaultValue={values.visitStartOn} error={errors?.visitStartOn} />
        <TextInput name="visitEndOn" label="Last day of the visit (optional)" hint="For example, 2024-11-06" width="10" defaultValue={values.visitEndOn} error={errors?.visitEndOn} />
        <TextInput name="publishedOn" label="Publication date (optional)" hint="The date of the report or letter" width="10" defaultValue={values.publishedOn} error={errors?.publishedOn} />
        <TextInput name="overallJudgement" label="Overall judgement (optional)" hint="Leave empty for a visit that is not graded" defaultValue={values.overallJudgement} error={errors?.overallJudgement} />
        <Textarea name="areaJudgements" label="Area judgements (optional)" hint='One per line, as "Area: judgement"' defaultValue={values.areaJudgements} error={errors?.areaJudgements} />
        <Textarea name="summary" label="Findings (optional)" hint="Markdown" rows={8} defaultValue={values.summary} error={errors?.summary} />
        <Select name="documentId" label="Report or letter (optional)" placeholder="None" options={documents.map((d) => ({ value: d.id, label: d.title }))} defaultValue={values.documentId} error={errors?.documentId} />
        <Textarea name="sourceNote" label="About this record (optional)" hint="What the sources leave out" defaultValue={values.sourceNote} error={errors?.sourceNote} />
        <Button>{submit}</Button>
      </Form>
    </>
  );
}
