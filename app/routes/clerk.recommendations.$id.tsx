/**
 * A clerk's page for one of the board's own recommendations (issue 17): edit it (a changed
 * receipt date needs a reason, kept in the audit log), its implementation plan (the actions
 * from it, and a way to add one), and the board's judgement at a later meeting. The due day
 * is never a field: it follows the date received (app/rules/deadlines.server.ts).
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { requirePermission } from "~/auth/permissions.server";
import { BoardRecommendationFields } from "~/components/board-recommendation-form";
import { Button, ErrorSummary, HiddenFields, NotificationBanner, Radios, Select, Textarea } from "~/components/forms";
import { actorOf } from "~/handlers/clerk-forms.server";
import { readRecommendationForm, runRecommendationWrite, type RecommendationFormData } from "~/handlers/board-recommendation-forms.server";
import {
  clerkBoardRecommendation,
  getBoardRecommendation,
  IMPLEMENTATION_STATE_LABELS,
  type ImplementationState,
  judgementMinuteChoices,
  recommendationFormChoices,
  recordBoardJudgement,
  setRecommendationInspectionLinks,
  setRecommendationPriorities,
  updateBoardRecommendation,
} from "~/models/oversight";
import { db } from "~/models/records";
import { choiceField, formFields, formText, longTextField, parseForm, recordChoiceField } from "~/utils/form-fields";
import { invalid, readForm } from "~/utils/forms.server";
import { idParam, invariantFound } from "~/utils/http.server";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(matches, data ? `Recommendation ${data.rec.reference}` : "Recommendation");
export const handle = { breadcrumbs: () => [{ label: "Clerk", to: "/clerk" }] };

const NOTICES: Record<string, string> = { saved: "Recommendation saved.", judged: "The board's judgement is recorded." };

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requirePermission(request, "update:recommendation:any");
  const id = idParam(params);
  const c = invariantFound(await clerkBoardRecommendation(id));
  const trail = invariantFound(await getBoardRecommendation(viewer, id));
  const r = c.rec;
  return json({
    rec: {
      id: r.id,
      reference: r.reference,
      text: r.text,
      addresseeOrganisationId: r.addresseeOrganisationId ?? "",
      leadPersonId: r.leadPersonId ?? "",
      receivedOn: r.receivedOn ?? "",
      reviewOn: r.reviewOn ?? "",
      implementationState: r.implementationState ?? "",
      judgedAtMinuteId: r.judgedAtMinuteId ?? "",
      judgement: r.judgement ?? "",
    },
    bodyName: c.bodyName,
    origin: c.origin,
    report: c.report,
    priorityIds: c.priorityIds,
    inspectionRecommendationIds: c.inspectionRecommendationIds,
    trail: { clock: trail.clock, response: trail.response, actions: trail.actions, agreedOn: trail.agreed.on },
    choices: await recommendationFormChoices(),
    minutes: await judgementMinuteChoices(r.bodyId!, r.agreedOn),
    states: Object.entries(IMPLEMENTATION_STATE_LABELS).map(([value, label]) => ({ value, label })),
    notice: NOTICES[new URL(request.url).searchParams.get("done") ?? ""] ?? null,
  });
}

/** Built when the action runs: the labels come from a server module, empty in the browser bundle. */
const judgementSchema = () => z.object({
  implementationState: choiceField(Object.keys(IMPLEMENTATION_STATE_LABELS) as [ImplementationState, ...ImplementationState[]], "Select the board's judgement"),
  judgedAtMinuteId: recordChoiceField({ message: "Select the minute that records the board's judgement" }),
  judgement: longTextField({ label: "Note", max: 10_000, optional: true }),
});

export async function action({ request, params, context }: ActionFunctionArgs) {
  const viewer = await requirePermission(request, "update:recommendation:any");
  const id = idParam(params);
  const c = invariantFound(await clerkBoardRecommendation(id));
  const actor = actorOf(viewer, context);
  const form = await readForm(request);
  const intent = formText(form, "intent");
  const back = (done: string) => redirect(`/clerk/recommendations/${id}?done=${done}`, { status: 303 });

  if (intent === "judge") {
    const values = formFields(form, ["implementationState", "judgedAtMinuteId", "judgement"]);
    const parsed = parseForm(judgementSchema(), form);
    if (!parsed.ok) return invalid(context, { intent, errors: parsed.errors, values });
    const r = await runRecommendationWrite(context, { intent, values }, () => db().transaction((tx) => recordBoardJudgement(tx, actor, id, parsed.data)));
    return r.ok ? back("judged") : r.response;
  }

  const { values, priorityIds, inspectionRecommendationIds, parsed } = readRecommendationForm(form);
  const payload = { intent: "update", values, priorityIds, inspectionRecommendationIds };
  if (!parsed.ok) return invalid(context, { ...payload, errors: parsed.errors });
  const d = parsed.data;
  const rec = c.rec;
  const r = await runRecommendationWrite(context, payload, () =>
    db().transaction(async (tx) => {
      const after = await updateBoardRecommendation(
        tx,
        actor,
        id,
        {
          bodyId: rec.bodyId!,
          reference: d.reference,
          text: d.text,
          agreedAtMinuteId: rec.agreedAtMinuteId,
          agreedInDocumentId: rec.agreedInDocumentId,
          agreedOn: rec.agreedOn,
          addresseeOrganisationId: d.addresseeOrganisationId,
          leadPersonId: d.leadPersonId || null,
          receivedOn: d.receivedOn,
          reviewOn: d.reviewOn,
        },
        d.receiptChangeReason,
      );
      await setRecommendationPriorities(tx, actor, id, priorityIds);
      await setRecommendationInspectionLinks(tx, actor, id, inspectionRecommendationIds);
      return after;
    }),
  );
  return r.ok ? back("saved") : r.response;
}

export default function ClerkRecommendation() {
  const d = useLoaderData<typeof loader>();
  const data = useActionData<RecommendationFormData>();
  const editErrors = data?.intent === "update" ? data.errors : undefined;
  const judgeErrors = data?.intent === "judge" ? data.errors : undefined;
  const typed = data?.intent === "update" ? data.values : undefined;
  const judged = data?.intent === "judge" ? data.values : undefined;
  const t = d.trail;
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary errors={data?.errors} />
        {d.notice && <NotificationBanner success>{d.notice}</NotificationBanner>}
        <span className="govuk-caption-l">Recommendation of {d.bodyName}</span>
        <h1 className="govuk-heading-l">Recommendation {d.rec.reference}</h1>
        <p className="govuk-body">
          Agreed {t.agreedOn ?? ""}
          {d.origin && (
            <>
              {" at "}
              <Link className="govuk-link" to={`/clerk/items/${d.origin.itemId}/recommendations`}>{d.origin.meetingTitle}: {d.origin.itemTitle}</Link>
            </>
          )}
          {d.report && (
            <>
              {" in "}
              <Link className="govuk-link" to={`/clerk/documents/${d.report.id}/recommendations`}>{d.report.title}</Link>
            </>
          )}
          . <Link className="govuk-link" to={`/recommendations/${d.rec.id}`}>The public trail page</Link>
        </p>
        <h2 className="govuk-heading-m">The response</h2>
        <p className="govuk-body">
          <strong>{t.clock.label}</strong>. {t.clock.summary}.
        </p>
        {t.response ? (
          <p className="govuk-body">
            {t.response.outcomeLabel} by {t.response.givenBy} on {t.response.given}.
          </p>
        ) : (
          d.rec.receivedOn && (
            <p className="govuk-body">
              <Link className="govuk-link" to={`/officer/recommendations/${d.rec.id}/respond`}>Record the response on the addressee's behalf</Link>
            </p>
          )
        )}

        <h2 className="govuk-heading-m" id="plan">Implementation plan</h2>
        {t.actions.length === 0 ? (
          <p className="govuk-body">No actions yet.</p>
        ) : (
          <ul className="govuk-list govuk-list--bullet">
            {t.actions.map((a) => (
              <li key={a.id}>
                <Link className="govuk-link" to={`/actions/${a.id}`}>{a.description}</Link> ({a.lead}, due {a.due}): {a.status}
              </li>
            ))}
          </ul>
        )}
        <p className="govuk-body">
          <Link className="govuk-link" to={`/actions/new?recommendation=${d.rec.id}`}>Add an action to the plan</Link>
        </p>

        <Form method="post" noValidate id="edit">
          <h2 className="govuk-heading-m">Edit the recommendation</h2>
          <HiddenFields fields={[["intent", "update"]]} />
          <BoardRecommendationFields
            values={{
              reference: typed?.reference ?? d.rec.reference,
              text: typed?.text ?? d.rec.text,
              addresseeOrganisationId: typed?.addresseeOrganisationId ?? d.rec.addresseeOrganisationId,
              leadPersonId: typed?.leadPersonId ?? d.rec.leadPersonId,
              receivedOn: typed?.receivedOn ?? d.rec.receivedOn,
              reviewOn: typed?.reviewOn ?? d.rec.reviewOn,
              receiptChangeReason: typed?.receiptChangeReason ?? "",
            }}
            priorityIds={data?.intent === "update" ? data.priorityIds ?? [] : d.priorityIds}
            inspectionRecommendationIds={data?.intent === "update" ? data.inspectionRecommendationIds ?? [] : d.inspectionRecommendationIds}
            errors={editErrors}
            choices={d.choices}
            editing
          />
          <Button>Save the recommendation</Button>
        </Form>

        <Form method="post" noValidate id="judgement-form">
          <h2 className="govuk-heading-m">The board's judgement</h2>
          <p className="govuk-body">Recorded at a later meeting of {d.bodyName} that has been held, with the minute that records it.</p>
          <HiddenFields fields={[["intent", "judge"]]} />
          <Radios
            name="implementationState"
            legend="Was it implemented?"
            options={d.states}
            defaultValue={judged?.implementationState ?? d.rec.implementationState}
            error={judgeErrors?.implementationState}
          />
          <Select
            name="judgedAtMinuteId"
            label="Minute recording the judgement"
            hint={d.minutes.length === 0 ? "No meeting of the board has been held since it agreed the recommendation" : "Minutes of the board's held meetings after the one that agreed it"}
            placeholder="Select a minute"
            options={d.minutes}
            defaultValue={judged?.judgedAtMinuteId ?? d.rec.judgedAtMinuteId}
            error={judgeErrors?.judgedAtMinuteId}
          />
          <Textarea name="judgement" label="Note (Markdown, optional)" rows={3} defaultValue={judged?.judgement ?? d.rec.judgement} error={judgeErrors?.judgement} />
          <Button>Record the judgement</Button>
        </Form>
      </div>
    </div>
  );
}
