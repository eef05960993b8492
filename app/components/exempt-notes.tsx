/**
 * What the public is told of an exempt item through time (issue 18 item 7, ADR 034): its
 * Schedule 12A paragraph, the public-interest reason the clerk recorded and the day the
 * exemption will be reviewed; after release, "Released on ... after review"; and, on a
 * meeting's agenda, that part of the meeting is held in private and why. Never the content.
 */
import { Tag } from "./notes";

export interface ExemptFacts {
  number: string;
  title: string;
  isExempt: boolean;
  exemptParagraph: number | null;
  exemptParagraphWording: string | null;
  exemptReason: string | null;
  exemptReviewOn: string | null;
  releasedOn: string | null;
}

/** Beside an exempt item: its paragraph, the reason and the review date; or its release note. */
export function ExemptItemNote({ item, full = false }: { item: ExemptFacts; full?: boolean }) {
  if (!item.isExempt) return item.releasedOn ? <ReleasedNote on={item.releasedOn} /> : null;
  return (
    <div className={full ? "govuk-inset-text" : "govuk-body-s"}>
      <p className={full ? "govuk-body" : "govuk-body-s govuk-!-margin-bottom-1"}>
        <Tag className="govuk-tag--grey">Exempt</Tag> {full ? "This item is not" : "Not"} for publication: Local Government Act 1972, Schedule 12A, paragraph {item.exemptParagraph}.{" "}
        {item.exemptParagraphWording}
      </p>
      {item.exemptReason && (
        <p className={full ? "govuk-body" : "govuk-body-s govuk-!-margin-bottom-1"}>
          Why the public interest in keeping it exempt outweighs disclosing it: {item.exemptReason}
        </p>
      )}
      {item.exemptReviewOn && (
        <p className={full ? "govuk-body govuk-!-margin-bottom-0" : "govuk-body-s govuk-!-margin-bottom-1"}>
          The exemption will be reviewed on {item.exemptReviewOn}.
        </p>
      )}
    </div>
  );
}

export function ReleasedNote({ on }: { on: string }) {
  return (
    <p className="govuk-body-s">
      <Tag className="govuk-tag--green">Released</Tag> Released on {on} after review: this item was exempt from publication
      and is now public.
    </p>
  );
}

/**
 * On a meeting's agenda with exempt items: that part of the meeting will be (or was) held in
 * private, under which paragraphs and why. Only the public facts of each item.
 */
export function PrivatePartNotice({ items, held }: { items: ExemptFacts[]; held: boolean }) {
  const exempt = items.filter((i) => i.isExempt);
  if (exempt.length === 0) return null;
  return (
    <div className="govuk-inset-text" id="private-part">
      <h3 className="govuk-heading-s">Part of this meeting {held ? "was" : "will be"} held in private</h3>
      <p className="govuk-body">
        The public and press {held ? "were" : "are likely to be"} excluded for the {exempt.length === 1 ? "item" : "items"} below, because{" "}
        {exempt.length === 1 ? "it involves" : "they involve"} the likely disclosure of exempt information under the Local Government Act
        1972, Schedule 12A (section 100A(4)).
      </p>
      <ul className="govuk-list govuk-list--bullet">
        {exempt.map((i) => (
          <li key={i.number}>
            Item {i.number}, {i.title}: paragraph {i.exemptParagraph ?? "not recorded"}
            {i.exemptParagraphWording ? ` (${i.exemptParagraphWording.replace(/\.$/, "")})` : ""}
            {i.exemptReason ? `. Reason: ${i.exemptReason}` : ""}
          </li>
        ))}
      </ul>
    </div>
  );
}
