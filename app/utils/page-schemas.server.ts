/**
 * Form schemas of pages the public can open (a question, an action, a
 * recommendation, follow, sign in, forgot password). They live in a .server
 * module so zod never reaches the browser bundle of a public page: a
 * schema built at the top of a route module stays in its browser build
 * (docs/decisions/010-speed-at-scale.md).
 */
import { z } from "zod";
import { dayField } from "./day-field";
import { choiceField, emailField, longTextField, textField } from "./form-fields";

/** app/routes/questions.$id.tsx */
export const questionPageSchemas = {
  edit: z.object({ text: longTextField({ label: "Your question", max: 4000, required: "Enter your question" }) }),
  accept: z.object({}),
  reject: z.object({ rejectionReason: longTextField({ label: "Reason", max: 2000, required: "Enter the reason the member will see" }) }),
  respond: z.object({
    kind: choiceField(["holding", "full"] as const, "Select whether this is a holding or a full response"),
    body: longTextField({ label: "Response", max: 20000, required: "Enter the response" }),
    expectedOn: dayField({ label: "Date the full response is expected", optional: true }),
    actionDescription: longTextField({ label: "Action", max: 2000, optional: true }),
    actionDueOn: dayField({ label: "Action due date", optional: true }),
    actionOwnerId: z.string(),
  }),
  correct: z.object({ correctionBody: longTextField({ label: "Corrected response", max: 20000, required: "Enter the corrected response" }) }),
  satisfactory: z.object({}),
  supplementary: z.object({
    supplementaryText: longTextField({ label: "Supplementary question", max: 4000, required: "Enter your supplementary question" }),
  }),
  due: z.object({
    dueOn: dayField({ label: "New due date" }),
    dueChangeReason: textField({ label: "Reason", max: 500, required: "Enter the reason for changing the due date" }),
  }),
  close: z.object({ closureReason: longTextField({ label: "Reason", max: 2000, required: "Enter the reason for closing the question" }) }),
  action: z.object({
    newActionDescription: longTextField({ label: "Action", max: 2000, required: "Describe the action" }),
    newActionDueOn: dayField({ label: "Due date" }),
    newActionOwnerId: z.string(),
  }),
};

/** app/routes/actions.$id.tsx */
export const actionPageSchemas = {
  start: z.object({}),
  note: z.object({ note: longTextField({ label: "Progress note", max: 4000, required: "Enter the progress note" }) }),
  complete: z.object({
    closureEvidence: longTextField({ label: "Closure evidence", max: 8000, optional: true }),
  }),
  cancel: z.object({ cancellationReason: longTextField({ label: "Reason", max: 2000, required: "Enter why the action is cancelled" }) }),
  // A board-agreed action (docs/decisions/014): the owning organisation asks, the clerk decides.
  "request-cancel": z.object({ cancellationReason: longTextField({ label: "Reason", max: 2000, required: "Enter why the action should be cancelled" }) }),
  "confirm-cancel": z.object({ decisionNote: longTextField({ label: "Note", max: 2000, optional: true }) }),
  "refuse-cancel": z.object({ decisionNote: longTextField({ label: "Reason", max: 2000, required: "Say why the cancellation is refused" }) }),
};

/** app/routes/recommendations.$id.tsx */
const recommendationDueOn = dayField({ label: "Due date", optional: true });

export const recommendationSchema = z.object({
  status: choiceField(["open", "closed", "met"] as const, "Select whether the recommendation is open, closed with evidence or found met by a later visit"),
  lead: textField({ label: "Lead", max: 200, optional: true }),
  dueOn: recommendationDueOn,
  evidence: longTextField({ label: "Evidence", max: 20_000, optional: true }),
  metByInspectionId: z.string(),
  finding: longTextField({ label: "What the later visit found", max: 20_000, optional: true }),
});

/** app/routes/follow._index.tsx */
export const followSchema = z.object({ email: emailField() });

/** app/routes/sign-in.tsx */
export const signInSchema = z.object({
  email: emailField(),
  password: z
    .string()
    .min(1, "Enter your password")
    .max(1024, "Email or password is incorrect"),
});

/** app/routes/forgot-password.tsx */
export const forgotPasswordSchema = z.object({ email: emailField() });

// The public pages' actions read their forms with these; importing them from
// here (not from form-fields.ts) keeps the route modules' browser builds free
// of the module that pulls zod in.
export { formFields, formText, parseForm } from "./form-fields";
