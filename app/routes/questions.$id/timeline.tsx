/**
 * What has happened to the question, in order, and what followed from it: its follow-up actions
 * and supplementary questions.
 */
import type { SerializeFrom } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { AttributionNote, recordedAs } from "~/components/attribution";
import { Tag } from "~/components/notes";
import type { loader } from "./route";

type Question = SerializeFrom<typeof loader>["question"];

/** Each step with its date, who took it, a link and the text published (a superseded one marked). */
export function Timeline({ timeline }: { timeline: Question["timeline"] }) {
  return (
    <>
      <h2 className="govuk-heading-l">Timeline</h2>
      <ol className="govuk-list portal-timeline">
        {timeline.map((e, index) => (
          <TimelineEntry key={`${e.at}-${index}`} e={e} />
        ))}
      </ol>
    </>
  );
}

/** One step, as the public page shows it (also the preview of a response before it is published). */
export function TimelineEntry({ e }: { e: Question["timeline"][number] }) {
  return (
    <li className="govuk-!-margin-bottom-6">
      <h3 className="govuk-heading-s govuk-!-margin-bottom-1">{e.label}</h3>
      <p className="govuk-body-s portal-meta govuk-!-margin-bottom-2">
        {e.date}
        {e.approximate ? " (approximate)" : ""}
        {e.who ? ` · ${e.attributionNote ? recordedAs(e.who, e.attributionNote) : e.who}` : ""}
      </p>
      <AttributionNote note={e.attributionNote} />
      {e.link && (
        <p className="govuk-body govuk-!-margin-bottom-2">
          <Link className="govuk-link" to={e.link.to}>{e.link.label}</Link>
        </p>
      )}
      {e.html && <div className={`portal-prose${e.superseded ? " portal-superseded" : ""}`} dangerouslySetInnerHTML={{ __html: e.html }} />}
    </li>
  );
}

/** The follow-up actions, with owner, due date and status. */
export function FollowUpActions({ actions }: { actions: Question["actions"] }) {
  return (
    <>
      <h2 className="govuk-heading-l">Actions</h2>
      <table className="govuk-table">
        <caption className="govuk-table__caption govuk-visually-hidden">Follow-up actions</caption>
        <thead className="govuk-table__head">
          <tr className="govuk-table__row">
            <th scope="col" className="govuk-table__header">Action</th>
            <th scope="col" className="govuk-table__header">Owner</th>
            <th scope="col" className="govuk-table__header">Due</th>
            <th scope="col" className="govuk-table__header">Status</th>
          </tr>
        </thead>
        <tbody className="govuk-table__body">
          {actions.map((a) => (
            <tr key={a.id} className="govuk-table__row">
              <td className="govuk-table__cell"><Link className="govuk-link" to={`/actions/${a.id}`}>{a.description}</Link></td>
              <td className="govuk-table__cell">{[a.owner, a.organisation].filter(Boolean).join(", ")}</td>
              <td className="govuk-table__cell">{a.due}</td>
              <td className="govuk-table__cell">
                {a.statusLabel}
                {a.overdue && <> <Tag className="govuk-tag--red">Overdue</Tag> {a.daysLate} days late</>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

/** Links to the supplementary questions asked after this one. */
export function SupplementaryQuestions({ supplementaries }: { supplementaries: Question["supplementaries"] }) {
  return (
    <>
      <h2 className="govuk-heading-l">Supplementary questions</h2>
      <ul className="govuk-list">
        {supplementaries.map((s) => (
          <li key={s.id}><Link className="govuk-link" to={`/questions/${s.id}`}>{s.text}</Link></li>
        ))}
      </ul>
    </>
  );
}
