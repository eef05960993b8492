/**
 * A question's latest response, shown under the question on its agenda item's page (issue 15,
 * item 12): whole when short; a long one as its first words with the rest in a <details> (works
 * without JavaScript). Says who it is recorded as from, and why where the source names nobody.
 */
import { recordedAs } from "./attribution";

export interface InlineAnswerData {
  kind: "holding" | "full";
  corrected: boolean;
  html: string;
  preview: string | null;
  by: string | null;
  organisation: string | null;
  attributionNote: string | null;
}

export function InlineAnswer({ answer }: { answer: InlineAnswerData | undefined }) {
  if (!answer) return <p className="govuk-body-s portal-meta">No response yet.</p>;
  const label = `${answer.kind === "holding" ? "Holding response" : "Response"}${answer.corrected ? " (corrected)" : ""}`;
  const who = [answer.by, recordedAs(answer.organisation, answer.attributionNote)].filter(Boolean).join(", ");
  return (
    <div className="portal-inline-answer">
      <p className="govuk-body-s govuk-!-font-weight-bold govuk-!-margin-bottom-1">
        {label}
        {who ? ` · ${who}` : ""}
      </p>
      {answer.preview ? (
        <>
          <p className="govuk-body govuk-!-margin-bottom-1">{answer.preview}</p>
          <details className="govuk-details govuk-!-margin-bottom-2">
            <summary className="govuk-details__summary">
              <span className="govuk-details__summary-text">Read the full response</span>
            </summary>
            <div className="govuk-details__text portal-prose" dangerouslySetInnerHTML={{ __html: answer.html }} />
          </details>
        </>
      ) : (
        <div className="portal-prose" dangerouslySetInnerHTML={{ __html: answer.html }} />
      )}
      {answer.attributionNote && (
        <p className="govuk-body-s portal-meta portal-attribution">
          <strong>Who responded: </strong>
          {answer.attributionNote}
        </p>
      )}
    </div>
  );
}
