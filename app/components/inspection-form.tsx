/** The clerk's inspection form (new and edit), and its zod schema (pure, browser-safe). */
import { Form } from "@remix-run/react";
import { z } from "zod";
import { choiceField, longTextField, textField, type FieldErrors } from "~/utils/form-fields";
import { Button, ErrorSummary, Select, TextInput, Textarea } from "./forms";
import { partialDayField } from "~/utils/partial-day";
import { DateInput } from "./date-input";

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

export const inspectionFormSchema = z
  .object({
    title: textField({ label: "Title", max: 300, required: "Enter the inspection's title" }),
    kind: choiceField(
      ["full_inspection", "monitoring_visit", "focused_visit", "assurance_visit", "regulatory_inspection"] as const,
      "Select the kind of inspection or visit",
    ),
    organisationId: z.string(),
    inspectorateId: z.string(),
    // Day optional where the sources give only the month, day and month where only the year (ADR 039).
    visitStartOn: partialDayField({ label: "First day of the visit" }),
    visitEndOn: partialDayField({ label: "Last day of the visit", optional: true }),
    publishedOn: partialDayField({ label: "Publication date", optional: true }),
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
export function inspectionDateErrors(v: { visitStartOn: { day: string } | null; visitEndOn: { day: string } | null }): FieldErrors | null {
  if (v.visitStartOn && v.visitEndOn && v.visitEndOn.day < v.visitStartOn.day) {
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

const PARTIAL_HINT = "If the sources give only the month, leave the day empty; if only the year, leave the day and month empty.";

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
        <DateInput name="visitStartOn" legend="First day of the visit" hint={`For example, 5 11 2024. ${PARTIAL_HINT}`} defaultValue={values.visitStartOn} error={errors?.visitStartOn} />
        <DateInput name="visitEndOn" legend="Last day of the visit (optional)" hint="For example, 6 11 2024" defaultValue={values.visitEndOn} error={errors?.visitEndOn} />
        <DateInput name="publishedOn" legend="Publication date (optional)" hint="The date of the report or letter, for example 20 12 2024" defaultValue={values.publishedOn} error={errors?.publishedOn} />
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
