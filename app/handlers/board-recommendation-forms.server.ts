/**
 * How a form about the board's own recommendations (issue 17) answers a refused write:
 * the rule's message beside its field, what was typed kept, a 400, never a 500.
 */
import type { AppLoadContext } from "@remix-run/node";
import { BoardRecommendationError, recordBoardRecommendation, setRecommendationInspectionLinks, setRecommendationPriorities } from "../models/oversight";
import { db } from "../models/records";
import type { Actor } from "../utils/clerk-errors.server";
import { z } from "zod";
import { dayField } from "../utils/day-field";
import { formFields, longTextField, parseForm, recordChoiceField, textField } from "../utils/form-fields";
import { invalid } from "../utils/forms.server";

export type RecommendationFormData = { intent?: string; errors: Record<string, string>; values: Record<string, string>; priorityIds?: string[]; inspectionRecommendationIds?: string[] };

export async function runRecommendationWrite<T>(
  context: AppLoadContext | undefined,
  payload: Omit<RecommendationFormData, "errors">,
  write: () => Promise<T>,
): Promise<{ ok: true; value: T } | { ok: false; response: Response }> {
  try {
    return { ok: true, value: await write() };
  } catch (error) {
    if (error instanceof BoardRecommendationError) {
      return { ok: false, response: invalid(context, { ...payload, errors: { [error.field]: error.message } }) };
    }
    throw error;
  }
}

/** The fields of the clerk's form for a board recommendation, as typed. */
export const RECOMMENDATION_FIELDS = ["reference", "text", "addresseeOrganisationId", "leadPersonId", "receivedOn", "reviewOn", "receiptChangeReason"] as const;

export const recommendationSchema = z.object({
  reference: textField({ label: "Reference", max: 40, required: "Enter the recommendation's reference, for example SB/2026/04" }),
  text: longTextField({ label: "Recommendation", max: 10_000, required: "Enter the recommendation in the board's words" }),
  addresseeOrganisationId: recordChoiceField({ message: "Select who the recommendation is addressed to" }),
  leadPersonId: recordChoiceField({ message: "Select a lead person from the list", optional: true }),
  receivedOn: dayField({ label: "Date received", optional: true }),
  reviewOn: dayField({ label: "Review date", optional: true }),
  receiptChangeReason: longTextField({ label: "Reason for changing the date received", max: 2000, optional: true }),
});

/** The form read: what was typed (kept on a refusal), the checked priorities and inspection recommendations, and the parsed fields or their errors. */
export function readRecommendationForm(form: FormData) {
  const values = formFields(form, RECOMMENDATION_FIELDS);
  const priorityIds = form.getAll("priorityIds").map(String);
  const inspectionRecommendationIds = form.getAll("inspectionRecommendationIds").map(String);
  return { values, priorityIds, inspectionRecommendationIds, parsed: parseForm(recommendationSchema, form) };
}

/** Where the board agreed a recommendation being recorded: a minute, or a review report on a day. */
export interface RecommendationOrigin {
  bodyId: string;
  agreedAtMinuteId: string | null;
  agreedInDocumentId: string | null;
  agreedOn: string | null;
}

/**
 * Records a recommendation from the clerk's form, with its priorities and the inspection
 * recommendations it follows up, in one transaction. `origin` is where the board agreed it, or
 * the errors of the page's own fields (and what was typed in them), shown with the form's.
 */
export async function recordRecommendationFromForm(
  context: AppLoadContext | undefined,
  actor: Actor,
  form: FormData,
  origin: { ok: true; origin: RecommendationOrigin; values?: Record<string, string> } | { ok: false; errors: Record<string, string>; values?: Record<string, string> },
): Promise<{ ok: true } | { ok: false; response: Response }> {
  const read = readRecommendationForm(form);
  const { priorityIds, inspectionRecommendationIds, parsed } = read;
  const payload = { intent: "create", values: { ...read.values, ...origin.values }, priorityIds, inspectionRecommendationIds };
  const errors = { ...(origin.ok ? {} : origin.errors), ...(parsed.ok ? {} : parsed.errors) };
  if (!origin.ok || !parsed.ok) return { ok: false, response: invalid(context, { ...payload, errors }) };
  const d = parsed.data;
  const where = origin.origin;
  const r = await runRecommendationWrite(context, payload, () =>
    db().transaction(async (tx) => {
      const rec = await recordBoardRecommendation(tx, actor, {
        ...where,
        reference: d.reference,
        text: d.text,
        addresseeOrganisationId: d.addresseeOrganisationId,
        leadPersonId: d.leadPersonId || null,
        receivedOn: d.receivedOn,
        reviewOn: d.reviewOn,
      });
      await setRecommendationPriorities(tx, actor, rec.id, priorityIds);
      await setRecommendationInspectionLinks(tx, actor, rec.id, inspectionRecommendationIds);
      return rec;
    }),
  );
  return r.ok ? { ok: true } : r;
}
