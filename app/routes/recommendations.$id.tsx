import { DateInput } from "~/components/date-input";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requirePermission, viewerCan } from "~/auth/permissions.server";
import { getViewer } from "~/auth/viewer.server";
import { Button, ErrorSummary, HiddenFields, Radios, Select, TextInput, Textarea } from "~/components/forms";
import { SourceNote, StatusBasisNote } from "~/components/notes";
import { AttributionNote } from "~/components/attribution";
import { RagTag } from "~/components/trail";
import { ActionsTable } from "~/components/actions-table";
import { db } from "~/models/records";
import { newActionOrigin } from "~/models/questions";
import { getBoardRecommendation, getRecommendation, laterInspections, TrackingError, updateRecommendationTracking } from "~/models/oversight";
import { BoardRecommendationFollow, BoardRecommendationTrail } from "~/components/board-recommendation-trail";
import { followingSubscriptionId, RECOMMENDATION_REGISTER_FOLLOW_ID } from "~/models/publishing";
import { checkCreateAction } from "~/rules/question-transitions.server";
import type { FieldErrors } from "~/utils/form-fields";
import { invalid, readForm } from "~/utils/forms.server";
import { idParam, invariantFound } from "~/utils/http.server";
import { pageTitle } from "~/utils/meta";
import { recommendationSchema as schema, formFields, parseForm } from "~/utils/page-schemas.server";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  pageTitle(
    matches,
    !data ? "Recommendation" : "board" in data ? `${data.board.reference}: ${data.board.body.name}` : `${data.recommendation.reference}: ${data.recommendation.inspection.title}`,
  );
export const handle = {
  breadcrumbs: () => [
    { label: "Home", to: "/" },
    { label: "Inspections and visits", to: "/inspections" },
  ],
};

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await getViewer(request);
  const found = await getRecommendation(viewer, idParam(params));
  if (!found) {
    // One address for both sources: a board's own recommendation has its own trail.
    const board = invariantFound(await getBoardRecommendation(viewer, idParam(params)));
    return json({ board, canManage: viewerCan(viewer, "update:recommendation:any"), following: await followingSubscriptionId(viewer, "recommendation", board.id), registerFollowId: RECOMMENDATION_REGISTER_FOLLOW_ID });
  }
  const recommendation = found;
  const canTrack = viewerCan(viewer, "update:recommendation:any");
  const later = canTrack ? await laterInspections(recommendation.inspection.id) : [];
  // Clerks, and officers of the inspected organisation, may add an action from it (docs/decisions/009).
  const origin = viewer.kind === "user" ? await newActionOrigin(db(), viewer, { kind: "recommendation", id: recommendation.id }) : null;
  const canAddAction = origin !== null && checkCreateAction(viewer, origin.check, null) === null;
  return json({
    recommendation,
    canTrack,
    canAddAction,
    later: later.map((l) => ({ value: l.id, label: l.title })),
    saved: new URL(request.url).searchParams.has("saved"),
  });
}

const FIELDS = ["intent", "status", "lead", "dueOn", "evidence", "metByInspectionId", "finding"] as const;

export async function action({ request, params, context }: ActionFunctionArgs) {
  const viewer = await requirePermission(request, "update:recommendation:any");
  const id = idParam(params);
  const current = invariantFound(await getRecommendation(viewer, id));
  const form = await readForm(request);
  const values = formFields(form, FIELDS);
  if (values.intent !== "track") return invalid(context, { errors: { status: "Choose what to change" }, values });
  const parsed = parseForm(schema, form);
  if (!parsed.ok) return invalid(context, { errors: parsed.errors, values });
  const d = parsed.data;
  const errors: FieldErrors = {};
  if (d.status === "closed" && !d.evidence) errors.evidence = "Enter the evidence that the recommendation has been met";
  if (d.status === "met" && !d.metByInspectionId) errors.metByInspectionId = "Select the later visit that found it met";
  if (d.status === "met" && !d.finding) errors.finding = "Enter what the later visit found";
  if (Object.keys(errors).length > 0) return invalid(context, { errors, values });
  const base = { lead: d.lead, dueOn: d.dueOn || null };
  const input =
    d.status === "open"
      ? { status: "open" as const, ...base }
      : d.status === "closed"
        ? { status: "closed" as const, ...base, evidence: d.evidence }
        : { status: "met" as const, ...base, evidence: d.evidence, metByInspectionId: d.metByInspectionId, finding: d.finding };
  try {
    await db().transaction((tx) => updateRecommendationTracking(tx, { userId: viewer.userId, ipAddress: context?.clientIp ?? null }, current.id, input));
  } catch (error) {
    if (error instanceof TrackingError) return invalid(context, { errors: { [error.field]: error.message }, values });
    throw error;
  }
  return redirect(`/recommendations/${current.id}?saved`, { status: 303 });
}

export default function RecommendationPage() {
  const data = useLoaderData<typeof loader>();
  if ("board" in data) {
    const follow = <BoardRecommendationFollow id={data.board.id} following={data.following} registerId={data.registerFollowId} />;
    const links = data.canManage ? (
      <>
        {follow}
        <p className="govuk-body">
          <Link className="govuk-link" to={`/clerk/recommendations/${data.board.id}`}>Edit it, its implementation plan and the board's judgement</Link>
        </p>
      </>
    ) : (
      follow
    );
    return <BoardRecommendationTrail r={data.board} links={links} />;
  }
  return <InspectionRecommendationPage data={data} />;
}

function InspectionRecommendationPage({ data }: { data: Exclude<ReturnType<typeof useLoaderData<typeof loader>>, { board: unknown }> }) {
  const { recommendation: r, canTrack, canAddAction, later, saved } = data;
  const actionData = useActionData<{ errors: FieldErrors; values: Record<string, string> }>();
  const errors = actionData?.errors;
  const values = actionData?.values;
  const open = r.actions.filter((a) => a.status === "Open" || a.status === "In progress").length;
  return (
    <>
      <ErrorSummary errors={errors} />
      {saved && (
        <div className="govuk-notification-banner govuk-notification-banner--success" role="alert" aria-labelledby="saved-title">
          <div className="govuk-notification-banner__header">
            <h2 className="govuk-notification-banner__title" id="saved-title">Success</h2>
          </div>
          <div className="govuk-notification-banner__content">
            <p className="govuk-notification-banner__heading">The recommendation's tracking has been saved.</p>
          </div>
        </div>
      )}
      <span className="govuk-caption-l">
        {r.kindLabel} ·{" "}
        <Link className="govuk-link" to={`/inspections/${r.inspection.slug}`}>{r.inspection.title}</Link>
      </span>
      <h1 className="govuk-heading-xl">{r.reference}: {r.text}</h1>
      <dl className="govuk-summary-list">
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">Status</dt>
          <dd className="govuk-summary-list__value">
            {r.statusLabel}
            {r.overdue ? " (overdue)" : ""} <RagTag rag={r.rag} label={r.ragLabel} />
            <br />
            <StatusBasisNote basis={r.statusBasis} />
          </dd>
        </div>
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">Made by</dt>
          <dd className="govuk-summary-list__value">{r.inspection.kindLabel}, {r.inspection.date}</dd>
        </div>
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">Lead</dt>
          <dd className="govuk-summary-list__value">{r.lead ?? "Not recorded"}</dd>
        </div>
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">Due</dt>
          <dd className="govuk-summary-list__value">{r.due ?? "No due date recorded"}</dd>
        </div>
        {r.metBy && (
          <div className="govuk-summary-list__row">
            <dt className="govuk-summary-list__key">Found met by</dt>
            <dd className="govuk-summary-list__value">
              <Link className="govuk-link" to={`/inspections/${r.metBy.slug}`}>{r.metBy.title}</Link>
              {r.metFinding ? `: ${r.metFinding}` : ""}
            </dd>
          </div>
        )}
        {r.closureEvidence && (
          <div className="govuk-summary-list__row">
            <dt className="govuk-summary-list__key">Evidence</dt>
            <dd className="govuk-summary-list__value"><div className="portal-prose" dangerouslySetInnerHTML={{ __html: r.closureEvidenceHtml }} /></dd>
          </div>
        )}
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">Priorities</dt>
          <dd className="govuk-summary-list__value">
            {r.priorities.length === 0
              ? "Not linked to a priority"
              : r.priorities.map((p, i) => (
                  <span key={p.slug}>
                    {i > 0 ? ", " : ""}
                    <Link className="govuk-link" to={`/priorities/${p.slug}`}>{p.title}</Link>
                  </span>
                ))}
          </dd>
        </div>
      </dl>
      <SourceNote note={r.inspection.sourceNote} title="About the inspection's record" />
      {canTrack && (
        <p className="govuk-body portal-no-print">
          <Link className="govuk-link" to={`/clerk/links?subject=recommendation:${r.id}`}>Link records to this recommendation</Link>
        </p>
      )}

      <h2 className="govuk-heading-l">What the board asked</h2>
      {r.questions.length === 0 ? (
        <p className="govuk-body">No questions are linked to this recommendation.</p>
      ) : (
        r.questions.map((q) => (
          <div key={q.id} className="govuk-!-margin-bottom-6" id={`question-${q.id}`}>
            <h3 className="govuk-heading-s">
              <Link className="govuk-link" to={`/questions/${q.id}`}>{q.text}</Link>
            </h3>
            <p className="govuk-body-s portal-meta">
              {q.askedBy ? `Asked by ${q.askedBy}` : "Asker not recorded"} · {q.tabled} · to {q.addressedTo} · {q.statusLabel}
              {q.overdue ? " (overdue)" : ""}
              <StatusBasisNote basis={q.statusBasis} />
            </p>
            {q.responseHtml ? (
              <>
                <p className="govuk-body govuk-!-font-weight-bold govuk-!-margin-bottom-1">{q.responseKind === "holding" ? "Holding response" : "Response"}</p>
                <div className="portal-prose" dangerouslySetInnerHTML={{ __html: q.responseHtml }} />
                <AttributionNote note={q.responseAttributionNote} />
              </>
            ) : (
              <p className="govuk-body">No response yet.</p>
            )}
          </div>
        ))
      )}

      <h2 className="govuk-heading-l">What was done</h2>
      <p className="govuk-body">
        {r.actions.length === 0
          ? `No actions answer this ${r.kind === "recommendation" ? "recommendation" : "point"} yet.`
          : `${r.actions.length} action${r.actions.length === 1 ? "" : "s"}, ${open} still open.`}
      </p>
      <p className="govuk-body-s portal-meta">{r.linkedWorkRule}</p>
      {canAddAction && (
        <p className="govuk-body">
          <Link className="govuk-link" to={`/actions/new?recommendation=${r.id}`}>Add an action</Link> to answer this recommendation.
        </p>
      )}
      {r.actions.length > 0 && (
        <ActionsTable caption="Actions answering it" captionHidden actions={r.actions} />
      )}

      {r.agendaItems.length > 0 && (
        <>
          <h2 className="govuk-heading-l">Agenda items</h2>
          <ul className="govuk-list">
            {r.agendaItems.map((i) => (
              <li key={i.id}>
                <Link className="govuk-link" to={`/agenda-items/${i.id}`}>{i.title}</Link>{" "}
                <span className="portal-meta">({i.meetingTitle}, {i.date})</span>
              </li>
            ))}
          </ul>
        </>
      )}

      {canTrack && (
        <div className="portal-no-print">
          <h2 className="govuk-heading-l" id="tracking">Track this recommendation</h2>
          <Form method="post" noValidate>
            <HiddenFields fields={[["intent", "track"]]} />
            <Radios
              name="status"
              legend="Status"
              options={[
                { value: "open", label: "Open" },
                { value: "closed", label: "Closed with evidence", hint: "Say what shows it has been done" },
                { value: "met", label: "Found met by a later visit", hint: "Name the visit and what it found" },
              ]}
              defaultValue={values?.status ?? r.status}
              error={errors?.status}
            />
            <TextInput name="lead" label="Lead (optional)" defaultValue={values?.lead ?? r.lead ?? ""} error={errors?.lead} />
            <DateInput name="dueOn" legend="Due date (optional)" hint="For example, 30 6 2025" defaultValue={values?.dueOn ?? r.dueOn ?? ""} error={errors?.dueOn} />
            <Textarea name="evidence" label="Evidence" hint="Needed to close it; optional when a later visit found it met" defaultValue={values?.evidence ?? r.closureEvidence ?? ""} error={errors?.evidence} />
            <Select
              name="metByInspectionId"
              label="Later visit that found it met"
              placeholder="None"
              options={later}
              defaultValue={values?.metByInspectionId ?? r.metByInspectionId ?? ""}
              error={errors?.metByInspectionId}
            />
            <Textarea name="finding" label="What the later visit found" defaultValue={values?.finding ?? r.metFinding ?? ""} error={errors?.finding} />
            <Button>Save tracking</Button>
          </Form>
        </div>
      )}
    </>
  );
}
