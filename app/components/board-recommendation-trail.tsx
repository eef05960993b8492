/**
 * A board recommendation's trail page (issue 17): where it came from, the response
 * clock, the response, the actions with their evidence, the review and the board's
 * judgement, then the whole as a timeline. Data from getBoardRecommendation().
 */
import { Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { ActionsTable } from "./actions-table";
import { Tag } from "./notes";
import { FollowControl } from "./record-tools";

export interface BoardTrailView {
  id: string;
  sourceLabel: string;
  reference: string;
  text: string;
  body: { name: string; slug: string };
  agreed: { on: string | null; meeting: { slug: string; title: string; itemTitle: string | null } | null; document: { slug: string; title: string | null } | null };
  addressee: string;
  lead: { name: string; slug: string | null } | null;
  received: string | null;
  clock: { state: string; label: string; summary: string; due: string | null; daysLate: number };
  response: { outcomeLabel: string; reasonsHtml: string; actionPlannedHtml: string; givenBy: string; given: string; agreedAt: string } | null;
  review: string | null;
  judgement: { label: string; on: string | null; meeting: { slug: string; title: string } | null; noteHtml: string } | null;
  priorities: { slug: string; title: string }[];
  followsUp?: { id: string; reference: string; inspection: string }[];
  actions: { id: string; reference: string | null; description: string; lead: string; due: string; status: string; overdue: boolean; rag: "red" | "amber" | "green"; ragLabel: string; evidence: string | null }[];
  timeline: { on: string; date: string; what: string }[];
}

const CLOCK_TAG: Record<string, string> = {
  not_sent: "govuk-tag--grey",
  awaiting: "govuk-tag--blue",
  due_soon: "govuk-tag--yellow",
  overdue: "govuk-tag--red",
  received: "govuk-tag--green",
};

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="govuk-summary-list__row">
      <dt className="govuk-summary-list__key">{label}</dt>
      <dd className="govuk-summary-list__value">{children}</dd>
    </div>
  );
}

/**
 * Follow a board recommendation by e-mail (its response, overdue, the board's judgement), or the
 * whole register (`registerId`: models/publishing RECOMMENDATION_REGISTER_FOLLOW_ID), and the Atom feed of responses: plain links and forms, working without JavaScript.
 */
export function BoardRecommendationFollow({ id, following, registerId }: { id: string; following: string | null; registerId: string }) {
  return (
    <ul className="govuk-list portal-no-print">
      <li>
        <FollowControl type="recommendation" id={id} following={following} />
      </li>
      <li>
        <Link className="govuk-link" to={`/follow?${new URLSearchParams({ type: "recommendation_register", id: registerId })}`}>
          Follow every response to the board’s recommendations by e-mail
        </Link>
      </li>
      <li>
        <a className="govuk-link" href="/feeds/recommendation-responses.atom" type="application/atom+xml">
          Responses to the board’s recommendations (Atom feed)
        </a>
      </li>
    </ul>
  );
}

export function BoardRecommendationTrail({ r, links }: { r: BoardTrailView; links: ReactNode }) {
  return (
    <>
      <span className="govuk-caption-l">
        {r.sourceLabel} · <Link className="govuk-link" to={`/bodies/${r.body.slug}`}>{r.body.name}</Link>
      </span>
      <h1 className="govuk-heading-xl">
        {r.reference}: {r.text}
      </h1>
      <dl className="govuk-summary-list">
        <Row label="Response">
          <Tag className={CLOCK_TAG[r.clock.state] ?? ""}>{r.clock.label}</Tag> {r.clock.summary}
        </Row>
        <Row label="Agreed">
          {r.agreed.on ?? "Date not recorded"}
          {r.agreed.meeting && (
            <>
              {" at "}
              <Link className="govuk-link" to={`/meetings/${r.agreed.meeting.slug}`}>{r.agreed.meeting.title}</Link>
              {r.agreed.meeting.itemTitle ? ` (${r.agreed.meeting.itemTitle})` : ""}
            </>
          )}
          {r.agreed.document && (
            <>
              {" in "}
              <Link className="govuk-link" to={`/documents/${r.agreed.document.slug}`}>{r.agreed.document.title}</Link>
            </>
          )}
        </Row>
        <Row label="Addressed to">{r.addressee}</Row>
        <Row label="Lead">{r.lead ? r.lead.slug ? <Link className="govuk-link" to={`/people/${r.lead.slug}`}>{r.lead.name}</Link> : r.lead.name : "Not recorded"}</Row>
        <Row label="Received">{r.received ?? "Not yet received: the response clock has not started"}</Row>
        <Row label="Response due">{r.clock.due ?? "Not yet: due two months from receipt"}</Row>
        <Row label="Review by the board">{r.review ?? "No review date set"}</Row>
        <Row label="Priorities">
          {r.priorities.length === 0
            ? "Not linked to a priority"
            : r.priorities.map((p, i) => (
                <span key={p.slug}>
                  {i > 0 ? ", " : ""}
                  <Link className="govuk-link" to={`/priorities/${p.slug}`}>{p.title}</Link>
                </span>
              ))}
        </Row>
        {r.followsUp && r.followsUp.length > 0 && (
          <Row label="Follows up">
            {r.followsUp.map((x, i) => (
              <span key={x.id}>
                {i > 0 ? ", " : ""}
                <Link className="govuk-link" to={`/recommendations/${x.id}`}>{x.reference}</Link> ({x.inspection})
              </span>
            ))}
          </Row>
        )}
      </dl>
      {links}

      <h2 className="govuk-heading-l">The response</h2>
      {r.response ? (
        <>
          <p className="govuk-body">
            <strong>{r.response.outcomeLabel}</strong> by {r.response.givenBy} on {r.response.given}
            {r.response.agreedAt ? `, agreed at ${r.response.agreedAt}` : ""}. {r.clock.summary}.
          </p>
          {r.response.reasonsHtml && (
            <>
              <h3 className="govuk-heading-s">Reasons</h3>
              <div className="portal-prose" dangerouslySetInnerHTML={{ __html: r.response.reasonsHtml }} />
            </>
          )}
          {r.response.actionPlannedHtml && (
            <>
              <h3 className="govuk-heading-s">Action it will take</h3>
              <div className="portal-prose" dangerouslySetInnerHTML={{ __html: r.response.actionPlannedHtml }} />
            </>
          )}
        </>
      ) : (
        <p className="govuk-body">No response has been recorded. {r.clock.summary}.</p>
      )}

      <h2 className="govuk-heading-l">Implementation</h2>
      {r.actions.length === 0 ? (
        <p className="govuk-body">No actions are recorded for it yet.</p>
      ) : (
        <ActionsTable caption="Actions in the implementation plan" actions={r.actions} />
      )}

      <h2 className="govuk-heading-l">The board's judgement</h2>
      {r.judgement ? (
        <>
          <p className="govuk-body">
            <strong>{r.judgement.label}</strong>
            {r.judgement.on ? `, judged on ${r.judgement.on}` : ""}
            {r.judgement.meeting && (
              <>
                {" at "}
                <Link className="govuk-link" to={`/meetings/${r.judgement.meeting.slug}`}>{r.judgement.meeting.title}</Link>
              </>
            )}
            .
          </p>
          {r.judgement.noteHtml && <div className="portal-prose" dangerouslySetInnerHTML={{ __html: r.judgement.noteHtml }} />}
        </>
      ) : (
        <p className="govuk-body">The board has not yet judged whether it was implemented.</p>
      )}

      <h2 className="govuk-heading-l">Timeline</h2>
      <ol className="govuk-list portal-timeline">
        {r.timeline.map((e, i) => (
          <li key={`${e.on}-${i}`}>
            <strong>{e.date}</strong>: {e.what}
          </li>
        ))}
      </ol>
    </>
  );
}
