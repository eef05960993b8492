/**
 * Form field schemas and parsing, shared by server and browser bundles (pure zod,
 * no server code), so a route can keep its zod schema beside its action at
 * module level. Reading the request and answering live in forms.server.ts.
 * - the field schemas refuse NUL bytes, invalid UTF-8 (which arrives as U+FFFD)
 *   and control characters, with a message for the field;
 * - `parseForm` reads only the schema's fields, so an extra field (`role=admin`)
 *   is ignored, and returns the first message per field in form order.
 */
import { z } from "zod";
import { joinedDateParts } from "./day-field";
import { isUuid } from "./uuid";

export type FieldErrors = Record<string, string>;

/**
 * One field's text: "" when missing or a file. A GOV.UK date input's three boxes
 * (`<name>-day`, `-month`, `-year`) are read as one value "day/month/year".
 */
export function formText(form: FormData | URLSearchParams, name: string): string {
  const value = form.get(name);
  if (typeof value === "string") return value;
  return joinedDateParts((key) => form.get(key), name) ?? "";
}

/** The named fields only, as text. */
export function formFields<const N extends string>(form: FormData | URLSearchParams, names: readonly N[]): Record<N, string> {
  const out = {} as Record<N, string>;
  for (const name of names) out[name] = formText(form, name);
  return out;
}

const UNREADABLE = /[\u0000\uFFFD]/;
// C0 controls except tab, line feed and carriage return; DEL; C1 controls.
const CONTROL = /[\u0001-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
const LINE_BREAK = /[\r\n]/;

/** A one-line text field: trimmed, required unless `optional`, at most `max` characters. */
export function textField(options: { label: string; max: number; required?: string; optional?: boolean }) {
  const { label, max } = options;
  const base = z
    .string()
    .transform((v) => v.trim())
    .superRefine((v, ctx) => {
      if (UNREADABLE.test(v)) {
        ctx.addIssue({ code: "custom", message: `${label} contains characters that could not be read: type it again` });
      } else if (CONTROL.test(v) || LINE_BREAK.test(v)) {
        ctx.addIssue({ code: "custom", message: `${label} must not contain control characters or line breaks` });
      } else if (!options.optional && v.length === 0) {
        ctx.addIssue({ code: "custom", message: options.required ?? `Enter ${label.toLowerCase()}` });
      } else if ([...v].length > max) {
        ctx.addIssue({ code: "custom", message: `${label} must be ${max} characters or fewer` });
      }
    });
  return base;
}

/** Multi-line text (Markdown bodies, questions): line breaks allowed. */
export function longTextField(options: { label: string; max: number; required?: string; optional?: boolean }) {
  const { label, max } = options;
  return z
    .string()
    .transform((v) => v.replace(/\r\n/g, "\n").trim())
    .superRefine((v, ctx) => {
      if (UNREADABLE.test(v)) {
        ctx.addIssue({ code: "custom", message: `${label} contains characters that could not be read: type it again` });
      } else if (CONTROL.test(v)) {
        ctx.addIssue({ code: "custom", message: `${label} must not contain control characters` });
      } else if (!options.optional && v.length === 0) {
        ctx.addIssue({ code: "custom", message: options.required ?? `Enter ${label.toLowerCase()}` });
      } else if ([...v].length > max) {
        ctx.addIssue({ code: "custom", message: `${label} must be ${max} characters or fewer` });
      }
    });
}

/** An e-mail address: trimmed, lower-cased, at most 254 characters. */
export function emailField(label = "Email address") {
  return textField({ label, max: 254, required: "Enter an email address" }).pipe(
    z
      .string()
      .toLowerCase()
      .refine(
        (v) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v) && z.string().email().safeParse(v).success,
        "Enter an email address in the correct format, like name@example.com",
      ),
  );
}

/** One of a fixed set of values (radios, selects). */
export function choiceField<const T extends readonly [string, ...string[]]>(values: T, message: string) {
  return z.string().refine((v): v is T[number] => (values as readonly string[]).includes(v), message) as unknown as z.ZodType<
    T[number],
    z.ZodTypeDef,
    string
  >;
}

/**
 * A record chosen from a list (a select of ids): a UUID, or "" when nothing is
 * chosen and the field is optional. Anything else (a forged or mangled id) gets
 * the message beside the field before any query sees it.
 */
export function recordChoiceField(options: { message: string; optional?: boolean }) {
  return z
    .string()
    .trim()
    .refine((v) => (options.optional === true && v === "") || isUuid(v), options.message);
}

export type ParseResult<T> = { ok: true; data: T } | { ok: false; errors: FieldErrors };

/**
 * Parses the named fields with a zod object schema. Only the schema's keys are
 * read, in the schema's order, so errors come out in form order.
 */
export function parseForm<S extends z.ZodObject<z.ZodRawShape>>(
  schema: S,
  form: FormData,
): ParseResult<z.output<S>> {
  const names = Object.keys(schema.shape);
  const input = formFields(form, names);
  const result = schema.safeParse(input);
  if (result.success) return { ok: true, data: result.data };
  const errors: FieldErrors = {};
  for (const name of names) {
    const issue = result.error.issues.find((i) => i.path[0] === name);
    if (issue) errors[name] = issue.message;
  }
  for (const issue of result.error.issues) {
    const key = String(issue.path[0] ?? "form");
    errors[key] ??= issue.message;
  }
  return { ok: false, errors };
}
