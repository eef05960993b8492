/**
 * The actions answering a recommendation (an inspectorate's or the board's own): each
 * linked to its page, with its lead, due date, progress and how it stands.
 */
import { Link } from "@remix-run/react";
import { StatusBasisNote, Tag } from "./notes";
import { RagTag } from "./trail";

export interface ActionRow {
  id: string;
  reference: string | null;
  description: string;
  lead: string;
  due: string;
  status: string;
  overdue: boolean;
  rag: Parameters<typeof RagTag>[0]["rag"];
  ragLabel: string;
  evidence?: string | null;
  /** The question that prompted it, and whether that question is linked to the recommendation. */
  promptedBy?: string | null;
  onLinkedQuestion?: boolean;
  /** What its progress rests on, where the page says (a priority's). */
  statusBasis?: Parameters<typeof StatusBasisNote>[0]["basis"];
}

/** `empty`: what to say when there are none (else nothing is shown). */
export function ActionsTable({ caption, captionHidden = false, actions, empty }: { caption: string; captionHidden?: boolean; actions: ActionRow[]; empty?: string }) {
  if (actions.length === 0) return empty ? <p className="govuk-body">{empty}</p> : null;
  return (
    <table className="govuk-table">
      <caption className={`govuk-table__caption ${captionHidden ? "govuk-visually-hidden" : "govuk-table__caption--s"}`}>{caption}</caption>
      <thead className="govuk-table__head">
        <tr className="govuk-table__row">
          <th scope="col" className="govuk-table__header">Action</th>
          <th scope="col" className="govuk-table__header">Lead</th>
          <th scope="col" className="govuk-table__header">Due</th>
          <th scope="col" className="govuk-table__header">Progress</th>
        </tr>
      </thead>
      <tbody className="govuk-table__body">
        {actions.map((a) => (
          <tr className="govuk-table__row" key={a.id}>
            <td className="govuk-table__cell">
              <Link className="govuk-link" to={`/actions/${a.id}`}>
                {a.reference ? `${a.reference}: ` : ""}
                {a.description}
              </Link>
              {a.promptedBy && (
                <>
                  <br />
                  <span className="portal-meta">
                    {a.onLinkedQuestion ? "Agreed on " : "Prompted by "}
                    <Link className="govuk-link" to={`/questions/${a.promptedBy}`}>{a.onLinkedQuestion ? "a question linked to it" : "a question"}</Link>
                  </span>
                </>
              )}
              {a.evidence && (
                <>
                  <br />
                  <span className="portal-meta">Evidence: {a.evidence}</span>
                </>
              )}
            </td>
            <td className="govuk-table__cell">{a.lead}</td>
            <td className="govuk-table__cell">{a.due}</td>
            <td className="govuk-table__cell">
              {a.status}
              {a.overdue && (
                <>
                  {" "}
                  <Tag className="govuk-tag--red">Overdue</Tag>
                </>
              )}{" "}
              <RagTag rag={a.rag} label={a.ragLabel} />
              {a.statusBasis && (
                <>
                  <br />
                  <StatusBasisNote basis={a.statusBasis} />
                </>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
