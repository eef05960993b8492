/**
 * Removing an agenda item (issue 16, item 5): the confirmation page says what goes with
 * the item (its minute, its documents) or, while questions, actions or sub-items hang
 * on it, why it cannot be removed and which they are. Removal is audit-logged
 * (app/models/meetings/agenda-structure.server.ts).
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/permissions.server";
import { Button, ErrorSummary, HiddenFields } from "~/components/forms";
import { actorOf, runClerkWrite, type ClerkActionData } from "~/handlers/clerk-forms.server";
import { itemRemoval, removalRefusal, removeItem } from "~/models/meetings";
import { db } from "~/models/records";
import { readForm } from "~/utils/forms.server";
import { idParam, invariantFound } from "~/utils/http.server";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  pageTitle(matches, data ? `Remove item ${data.removal.item.number}: ${data.removal.item.title}` : "Remove an agenda item");
export const handle = { breadcrumbs: () => [{ label: "Clerk", to: "/clerk" }] };

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "delete:agenda-item:any");
  const removal = invariantFound(await itemRemoval(idParam(params)));
  return json({ removal, refusal: removalRefusal(removal) });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const viewer = await requirePermission(request, "delete:agenda-item:any");
  const id = idParam(params);
  const removal = invariantFound(await itemRemoval(id));
  await readForm(request);
  const r = await runClerkWrite(context, "remove", {}, () => db().transaction((tx) => removeItem(tx, actorOf(viewer, context), id)));
  return r.ok ? redirect(`/clerk/meetings/${removal.meeting.id}?done=removed`, { status: 303 }) : r.response;
}

const count = (n: number, one: string, many: string) => (n === 1 ? `1 ${one}` : `${n} ${many}`);

export default function RemoveItem() {
  const { removal: r, refusal } = useLoaderData<typeof loader>();
  const data = useActionData<ClerkActionData>();
  const goes = [
    r.hasMinute ? "its minute" : null,
    r.documentsDeleted > 0 ? count(r.documentsDeleted, "document attached only to it", "documents attached only to it") : null,
  ].filter((x): x is string => x !== null);
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary errors={data?.errors} />
        <span className="govuk-caption-l">{r.meeting.title}</span>
        <h1 className="govuk-heading-l">{`Remove item ${r.item.number}: ${r.item.title}`}</h1>
        {refusal ? (
          <>
            <div className="govuk-inset-text">{refusal}.</div>
            {r.questions.length > 0 && (
              <>
                <h2 className="govuk-heading-m">{count(r.questions.length, "question", "questions")} on this item</h2>
                <ul className="govuk-list govuk-list--bullet">
                  {r.questions.map((q) => (
                    <li key={q.id}><Link className="govuk-link" to={`/questions/${q.id}`}>{q.text.length > 120 ? `${q.text.slice(0, 117)}...` : q.text}</Link></li>
                  ))}
                </ul>
              </>
            )}
            {r.actions.length > 0 && (
              <>
                <h2 className="govuk-heading-m">{count(r.actions.length, "action", "actions")} from its minute</h2>
                <ul className="govuk-list govuk-list--bullet">
                  {r.actions.map((a) => (
                    <li key={a.id}><Link className="govuk-link" to={`/actions/${a.id}`}>{a.description.length > 120 ? `${a.description.slice(0, 117)}...` : a.description}</Link></li>
                  ))}
                </ul>
              </>
            )}
            {r.recommendations.length > 0 && (
              <>
                <h2 className="govuk-heading-m">{count(r.recommendations.length, "recommendation", "recommendations")} of the board from its minute</h2>
                <ul className="govuk-list govuk-list--bullet">
                  {r.recommendations.map((x) => (
                    <li key={x.id}><Link className="govuk-link" to={`/clerk/recommendations/${x.id}`}>{x.reference}</Link></li>
                  ))}
                </ul>
              </>
            )}
            {r.subItems.length > 0 && (
              <>
                <h2 className="govuk-heading-m">{count(r.subItems.length, "sub-item", "sub-items")}</h2>
                <ul className="govuk-list govuk-list--bullet">
                  {r.subItems.map((s) => (
                    <li key={s.id}><Link className="govuk-link" to={`/clerk/items/${s.id}`}>{`${s.number}. ${s.title}`}</Link></li>
                  ))}
                </ul>
              </>
            )}
            <p className="govuk-body"><Link className="govuk-link" to={`/clerk/meetings/${r.meeting.id}`}>Back to the agenda</Link></p>
          </>
        ) : (
          <>
            <p className="govuk-body">The item will be taken off the agenda and the items after it renumbered.</p>
            <h2 className="govuk-heading-m">What goes with it</h2>
            {goes.length === 0 ? (
              <p className="govuk-body">Nothing else: it has no minute and no documents.</p>
            ) : (
              <ul className="govuk-list govuk-list--bullet">
                {goes.map((g) => <li key={g}>{g}</li>)}
              </ul>
            )}
            {r.documentsDetached > 0 && (
              <p className="govuk-body">
                {`${count(r.documentsDetached, "document is", "documents are")} also used elsewhere or published: ${r.documentsDetached === 1 ? "it is" : "they are"} detached from the item and kept.`}
              </p>
            )}
            <p className="govuk-body">No questions are recorded on it. This cannot be undone.</p>
            <Form method="post" noValidate>
              <HiddenFields fields={[["intent", "remove"]]} />
              <div className="govuk-button-group">
                <Button variant="warning">Remove the item</Button>
                <Link className="govuk-link" to={`/clerk/items/${r.item.id}`}>Cancel</Link>
              </div>
            </Form>
          </>
        )}
      </div>
    </div>
  );
}
