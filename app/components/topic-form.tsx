/** The fields of a work programme topic (the member's proposal, the clerk's edit) and their zod schema (browser-safe). */
import { z } from "zod";
import { choiceField, longTextField, recordChoiceField, textField, type FieldErrors } from "~/utils/form-fields";
import { Radios, Select, TextInput, Textarea } from "./forms";

export const TOPIC_REASON_OPTIONS = [
  { value: "member_suggestion", label: "A member's suggestion" },
  { value: "inspection_finding", label: "An inspection finding", hint: "Select the inspection's recommendation below" },
  { value: "priority", label: "A strategic priority", hint: "Select the priority below" },
  { value: "recommendation_review", label: "A recommendation to review", hint: "Select the recommendation below" },
] as const;

export const TOPIC_KIND_OPTIONS = [
  { value: "report", label: "Report to a meeting" },
  { value: "review", label: "Review" },
  { value: "task_and_finish", label: "Task-and-finish group" },
  { value: "site_visit", label: "Site visit" },
] as const;

export const TOPIC_FIELDS = ["bodyId", "year", "title", "description", "reason", "priorityId", "recommendationId", "kind"] as const;

export const topicFormSchema = z.object({
  bodyId: recordChoiceField({ message: "Select the board or committee whose programme it is for" }),
  year: z.string().regex(/^\d{4}$/, "Select the municipal year"),
  title: textField({ label: "Title", max: 200, required: "Enter the topic's title" }),
  description: longTextField({ label: "Description", max: 20_000, optional: true }),
  reason: choiceField(["member_suggestion", "inspection_finding", "priority", "recommendation_review"] as const, "Select why it should be on the programme"),
  priorityId: recordChoiceField({ message: "Select a strategic priority from the list", optional: true }),
  recommendationId: recordChoiceField({ message: "Select a recommendation from the list", optional: true }),
  kind: choiceField(["report", "review", "task_and_finish", "site_visit"] as const, "Select the kind of scrutiny"),
});

export type TopicFormValues = Partial<Record<(typeof TOPIC_FIELDS)[number], string>>;

export interface TopicFormOptions {
  bodies: { id: string; name: string }[];
  years: { value: string; label: string }[];
  priorities: { id: string; title: string }[];
  recommendations: { id: string; label: string }[];
}

export function TopicFields({ values, errors, options, withBody = true }: { values: TopicFormValues; errors?: FieldErrors; options: TopicFormOptions; withBody?: boolean }) {
  return (
    <>
      {withBody && (
        <Select name="bodyId" label="Board or committee" error={errors?.bodyId} options={options.bodies.map((b) => ({ value: b.id, label: b.name }))} defaultValue={values.bodyId} placeholder="Select" />
      )}
      <Select name="year" label="Municipal year" hint="May to April" error={errors?.year} options={options.years} defaultValue={values.year} />
      <TextInput name="title" label="Title" defaultValue={values.title} error={errors?.title} />
      <Textarea name="description" label="Description" hint="What the board should look at, and what it wants to find out. Markdown: paragraphs, lists and links" rows={6} defaultValue={values.description} error={errors?.description} />
      <Radios name="reason" legend="Why should it be on the programme?" options={[...TOPIC_REASON_OPTIONS]} defaultValue={values.reason} error={errors?.reason} />
      <Select name="priorityId" label="Strategic priority (optional)" error={errors?.priorityId} options={options.priorities.map((p) => ({ value: p.id, label: p.title }))} defaultValue={values.priorityId} placeholder="None" />
      <Select name="recommendationId" label="Recommendation (optional)" hint="An inspection's recommendation, or one of the board's own to review" error={errors?.recommendationId} options={options.recommendations.map((r) => ({ value: r.id, label: r.label }))} defaultValue={values.recommendationId} placeholder="None" />
      <Radios name="kind" legend="Kind of scrutiny" options={[...TOPIC_KIND_OPTIONS]} defaultValue={values.kind ?? "report"} error={errors?.kind} small />
    </>
  );
}
