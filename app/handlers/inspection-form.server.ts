/** Reading the inspection form (new and edit pages): fields, dates and the choices offered. */
import { inspectionDateErrors, inspectionFormSchema, parseAreaJudgements } from "../components/inspection-form";
import type { Viewer } from "../rules/viewer.server";
import { parseForm, type FieldErrors } from "../utils/form-fields";
import { coarsest } from "../utils/partial-day";
import { inspectionChoices, type InspectionInput } from "../models/oversight";

/** The form's input for createInspection/updateInspection, or the messages to show beside the fields. */
export async function readInspectionForm(
  form: FormData,
  viewer: Viewer,
): Promise<{ ok: true; input: InspectionInput } | { ok: false; errors: FieldErrors }> {
  const parsed = parseForm(inspectionFormSchema, form);
  if (!parsed.ok) return parsed;
  const d = parsed.data;
  const dateErrors = inspectionDateErrors(d);
  if (dateErrors) return { ok: false, errors: dateErrors };
  const choices = await inspectionChoices(viewer);
  const orgOk = (id: string) => !id || choices.organisations.some((o) => o.id === id);
  if (!orgOk(d.organisationId)) return { ok: false, errors: { organisationId: "Select an organisation from the list" } };
  if (!orgOk(d.inspectorateId)) return { ok: false, errors: { inspectorateId: "Select an inspectorate from the list" } };
  if (d.documentId && !choices.documents.some((x) => x.id === d.documentId)) {
    return { ok: false, errors: { documentId: "Select a document from the list" } };
  }
  return {
    ok: true,
    input: {
      title: d.title,
      kind: d.kind,
      organisationId: d.organisationId || null,
      inspectorateId: d.inspectorateId || null,
      visitStartOn: d.visitStartOn!.day,
      visitEndOn: d.visitEndOn?.day ?? null,
      publishedOn: d.publishedOn?.day ?? null,
      // One precision for the record's dates: the coarsest typed (ADR 039).
      datePrecision: coarsest([d.visitStartOn, d.visitEndOn, d.publishedOn].flatMap((x) => (x ? [x.precision] : []))),
      overallJudgement: d.overallJudgement || null,
      areaJudgements: parseAreaJudgements(d.areaJudgements),
      summary: d.summary,
      documentId: d.documentId || null,
      sourceNote: d.sourceNote || null,
    },
  };
}
