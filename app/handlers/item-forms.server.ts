/**
 * The smaller forms of the clerk's agenda item page: where the item sits (part of
 * another item), a document attached to it, and the declarations of interest made
 * on it. Each parses, writes in one transaction and redirects back to its part of
 * the page; bad input is a message beside the field with what was typed kept.
 */
import type { AppLoadContext } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { z } from "zod";
import type { Actor } from "../utils/clerk-errors.server";
import { addDeclaration, createItemDocument, removeDeclaration, setItemParent } from "../models/meetings";
import { db } from "../models/records";
import { choiceField, formFields, formText, longTextField, parseForm, recordChoiceField, textField } from "../utils/form-fields";
import { invalid } from "../utils/forms.server";
import { runClerkWrite, uploadedFile } from "./clerk-forms.server";
import { saveForm } from "./form-actions.server";

const documentSchema = z.object({
  docTitle: textField({ label: "Document title", max: 200, required: "Enter the document's title" }),
  docBody: longTextField({ label: "Report", max: 200_000, optional: true }),
});

const partOfSchema = z.object({ parentId: recordChoiceField({ optional: true, message: "Select an item of this meeting, or \"Not part of another item\"" }) });

const declarationSchema = z.object({
  declarationPersonId: z.string().min(1, "Select the member who declared the interest"),
  kind: choiceField(["pecuniary", "other"] as const, "Select the kind of interest"),
  nature: longTextField({ label: "Nature of the interest", max: 1000, required: "Enter the nature of the interest" }),
  leftRoom: z.string(),
});

const itemPage = (itemId: string) => `/clerk/items/${itemId}`;

/** A document attached to the item: a report written here, an uploaded file, or both. */
export async function attachItemDocument(context: AppLoadContext | undefined, form: FormData, actor: Actor, itemId: string): Promise<Response> {
  const intent = "document";
  const values = formFields(form, ["docTitle", "docBody"]);
  const parsed = parseForm(documentSchema, form);
  if (!parsed.ok) return invalid(context, { intent, errors: parsed.errors, values });
  const file = await uploadedFile(form, "file");
  const r = await runClerkWrite(context, intent, values, () =>
    db().transaction((tx) => createItemDocument(tx, actor, itemId, { title: parsed.data.docTitle, body: parsed.data.docBody, file })),
  );
  return r.ok ? redirect(`${itemPage(itemId)}?done=document#documents`, { status: 303 }) : r.response;
}

/** Moves the item under a main item of its meeting, or makes it a main item; its number follows. */
export function moveItem(context: AppLoadContext | undefined, form: FormData, actor: Actor, itemId: string) {
  return saveForm(context, form, {
    intent: "part-of",
    fields: ["parentId"],
    schema: partOfSchema,
    write: (tx, input) => setItemParent(tx, actor, itemId, input.parentId || null),
    redirectTo: `${itemPage(itemId)}?done=part-of`,
  });
}

export function recordDeclaration(context: AppLoadContext | undefined, form: FormData, actor: Actor, itemId: string) {
  return saveForm(context, form, {
    intent: "declaration",
    fields: ["declarationPersonId", "kind", "nature", "leftRoom"],
    schema: declarationSchema,
    write: (tx, input) =>
      addDeclaration(tx, actor, itemId, { personId: input.declarationPersonId, kind: input.kind, nature: input.nature, leftRoom: input.leftRoom === "yes" }),
    redirectTo: `${itemPage(itemId)}?done=declaration#declarations`,
  });
}

export async function withdrawDeclaration(context: AppLoadContext | undefined, form: FormData, actor: Actor, itemId: string): Promise<Response> {
  const r = await runClerkWrite(context, "remove-declaration", {}, () =>
    db().transaction((tx) => removeDeclaration(tx, actor, itemId, formText(form, "declarationId"))),
  );
  return r.ok ? redirect(`${itemPage(itemId)}?done=declaration#declarations`, { status: 303 }) : r.response;
}
