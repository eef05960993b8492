/**
 * The addressee's response to one of the board's recommendations (issue 17): given by an
 * officer of the organisation it is addressed to, or recorded by a clerk on its behalf.
 * Accepted, partially accepted or not accepted, with reasons unless accepted; the model
 * (recordRecommendationResponse) refuses one before receipt, in the future or a second one,
 * and audits it. A late response is shown as so many days late on the trail.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { forbidden, requireUser, viewerCan, type SignedInViewer } from "~/auth/permissions.server";
import { DateInput } from "~/components/date-input";
import { Button, ErrorSummary, HiddenFields, Radios, Textarea, TextInput } from "~/components/forms";
import { actorOf } from "~/handlers/clerk-forms.server";
import { runRecommendationWrite, type RecommendationFormData } from "~/handlers/board-recommendation-forms.server";
import { recommendationForResponse, recordRecommendationResponse, RESPONSE_OUTCOME_LABELS, type ResponseOutcome } from "~/models/oversight";
import { db } from "~/models/records";
import { isoDay } from "~/rules/dates.server";
import { dayField } from "~/utils/day-field";
import { choiceField, formFields, longTextField, parseForm, textField } from "~/utils/form-fields";
import { invalid, readForm } from "~/utils/forms.server";
import { idParam, invariantFound } from "~/utils/http.server";
import { renderMarkdown } from "~/utils/markdown.server";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(matches, data ? `Respond to recommendation ${data.rec.reference}` : "Respond to a recommendation");
export const handle = { breadcrumbs: () => [{ label: "Home", to: "/" }] };

const FIELDS = ["outcome", "reasons", "actionPlanned", "givenBy", "givenOn", "agreedAt"] as const;

/** An officer of the addressee, or a clerk on its behalf; anyone else who can see it gets a 403. */
async function guard(request: Request, id: string) {
  const viewer = await requireUser(request);
  const rec = invariantFound(await recommendationForResponse(viewer, id));
  const ownOrganisation = viewer.role === "officer" && viewerCan(viewer, "respond:question:own") && viewer.organisationId === rec.addresseeOrganisationId;
  if (!ownOrganisation && !viewerCan(viewer, "update:recommendation:any")) {
    forbidden("Only an officer of the organisation it is addressed to, or a clerk, can record its response");
  }
  return { viewer: viewer as SignedInViewer, rec };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { viewer, rec } = await guard(request, idParam(params));
  return json({
    rec: { id: rec.id, reference: rec.reference, textHtml: renderMarkdown(rec.text), addressee: rec.addressee, bodyName: rec.bodyName, received: rec.received },
    clock: { label: rec.clock.label, summary: rec.clock.summary, state: rec.clock.state },
    outcomes: Object.entries(RESPONSE_OUTCOME_LABELS).map(([value, label]) => ({ value, label })),
    hasResponse: rec.responseId !== null,
    onBehalf: viewer.role !== "officer",
    defaultGivenBy: viewer.role === "officer" ? viewer.name : "",
  });
}

/** Built when the action runs: the labels come from a server module, empty in the browser bundle. */
const schema = () => z.object({
  outcome: choiceField(Object.keys(RESPONSE_OUTCOME_LABELS) as [ResponseOutcome, ...ResponseOutcome[]], "Select whether the recommendation is accepted"),
  reasons: longTextField({ label: "Reasons", max: 10_000, optional: true }),
  actionPlanned: longTextField({ label: "Action planned", max: 10_000, optional: true }),
  givenBy: textField({ label: "Given by", max: 200, required: "Enter who gave the response" }),
  givenOn: dayField({ label: "Date of the response" }),
  agreedAt: textField({ label: "Where it was agreed", max: 500, optional: true }),
});

export async function action({ request, params, context }: ActionFunctionArgs) {
  const id = idParam(params);
  const { viewer } = await guard(request, id);
  const form = await readForm(request);
  const values = formFields(form, FIELDS);
  const parsed = parseForm(schema(), form);
  const errors = parsed.ok ? {} : { ...parsed.errors };
  // Reasons are required unless accepted in full: said beside the field with any other problem.
  if (values.outcome && values.outcome !== "accepted" && !values.reasons.trim() && !errors.reasons) {
    errors.reasons = "Enter the reasons given for not accepting it in full";
  }
  if (!parsed.ok || Object.keys(errors).length > 0) return invalid(context, { intent: "respond", errors, values });
  const d = parsed.data;
  const r = await runRecommendationWrite(context, { intent: "respond", values }, () =>
    db().transaction((tx) =>
      recordRecommendationResponse(
        tx,
        actorOf(viewer, context),
        id,
        { outcome: d.outcome, reasons: d.reasons, actionPlanned: d.actionPlanned, givenBy: d.givenBy, givenByPersonId: null, givenOn: d.givenOn!, agreedAt: d.agreedAt },
        isoDay(new Date()),
      ),
    ),
  );
  return r.ok ? redirect(`/recommendations/${id}`, { status: 303 }) : r.response;
}

export default function RespondToRecommendation() {
  const d = useLoaderData<typeof loader>();
  const data = useActionData<RecommendationFormData>();
  const errors = data?.errors;
  const v = data?.values;
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary errors={errors} />
        <span className="govuk-caption-l">Recommendation of {d.rec.bodyName} to {d.rec.addressee}</span>
        <h1 className="govuk-heading-l">Respond to recommendation {d.rec.reference}</h1>
        <div className="govuk-inset-text portal-prose" dangerouslySetInnerHTML={{ __html: d.rec.textHtml }} />
        <p className="govuk-body">
          <strong>{d.clock.label}</strong>. {d.clock.summary}.
          {d.clock.state === "overdue" && " A response now is recorded as late, with how many days late it was."}
        </p>
        {d.hasResponse ? (
          <p className="govuk-body">
            This recommendation already has a response: <Link className="govuk-link" to={`/recommendations/${d.rec.id}`}>read it on the recommendation's page</Link>.
          </p>
        ) : !d.rec.received ? (
          <p className="govuk-body">The board has not yet recorded the date {d.rec.addressee} received it: a response can be recorded once it has.</p>
        ) : (
          <Form method="post" noValidate>
            <HiddenFields fields={[["intent", "respond"]]} />
            {d.onBehalf && <p className="govuk-body">You are recording the response on behalf of {d.rec.addressee}.</p>}
            <Radios
              name="outcome"
              legend="The response"
              options={d.outcomes}
              defaultValue={v?.outcome}
              error={errors?.outcome}
            />
            <Textarea name="reasons" label="Reasons (Markdown)" hint="Required unless it is accepted in full" rows={4} defaultValue={v?.reasons} error={errors?.reasons} />
            <Textarea name="actionPlanned" label="Action planned (Markdown, optional)" hint="What the organisation will do, in its words" rows={4} defaultValue={v?.actionPlanned} error={errors?.actionPlanned} />
            <TextInput name="givenBy" label="Given by" hint="The name and role of the person who gave the response" defaultValue={v?.givenBy ?? d.defaultGivenBy} error={errors?.givenBy} />
            <DateInput name="givenOn" legend="Date of the response" hint={`On or after the day it was received (${d.rec.received}), and not in the future. For example, 20 5 2026`} defaultValue={v?.givenOn} error={errors?.givenOn} />
            <TextInput name="agreedAt" label="Where it was agreed (optional)" hint="For example, Cabinet, 12 May 2026, or the Trust's board" defaultValue={v?.agreedAt} error={errors?.agreedAt} />
            <Button>Record the response</Button>
          </Form>
        )}
        <p className="govuk-body">
          <Link className="govuk-link" to={`/recommendations/${d.rec.id}`}>The recommendation's page</Link>
        </p>
      </div>
    </div>
  );
}
