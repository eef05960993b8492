/**
 * The action of a clerk's or administrator's form, in one call: read the named
 * fields, check them with the zod schema (400 with the messages and what was
 * typed), run the write in one transaction (a refusal becomes a message, a stale
 * save a 409: `runClerkWrite`), then redirect with 303.
 */
import type { AppLoadContext } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import type { z } from "zod";
import { db, type Executor } from "../models/records";
import { formFields, parseForm } from "../utils/form-fields";
import { invalid } from "../utils/forms.server";
import { runClerkWrite } from "./clerk-forms.server";

export async function saveForm<S extends z.ZodObject<z.ZodRawShape>, T>(
  context: AppLoadContext | undefined,
  form: FormData,
  options: {
    /** Tells the forms of one page apart (kept in the answer, so the page knows which form to refill). */
    intent?: string;
    fields: readonly string[];
    schema: S;
    write: (tx: Executor, data: z.output<S>) => Promise<T>;
    redirectTo: string | ((saved: T) => string);
  },
): Promise<Response> {
  const intent = options.intent ?? "save";
  const values = formFields(form, options.fields);
  const parsed = parseForm(options.schema, form);
  if (!parsed.ok) return invalid(context, { intent, errors: parsed.errors, values });
  const result = await runClerkWrite(context, intent, values, () => db().transaction((tx) => options.write(tx, parsed.data)));
  if (!result.ok) return result.response;
  const to = typeof options.redirectTo === "function" ? options.redirectTo(result.value) : options.redirectTo;
  return redirect(to, { status: 303 });
}
