/** How a page says what its sources leave out: never an invented fact shown as real. */
export function SourceNote({ note, title = "About this record" }: { note: string | null | undefined; title?: string }) {
  if (!note) return null;
  return (
    <div className="govuk-inset-text portal-caveat">
      <strong>{title}: </strong>
      {note}
    </div>
  );
}

/** A date that may be approximate; says so in words, not only in styling. */
export function DateText({ text, approximate }: { text: string; approximate: boolean }) {
  return (
    <>
      {text}
      {approximate && text !== "Date not known" ? " (approximate)" : ""}
    </>
  );
}

export function Tag({ children, className = "" }: { children: React.ReactNode; className?: string }) {
  return <strong className={`govuk-tag ${className}`}>{children}</strong>;
}

/**
 * "Updated on ...: reason" for each change made to a published record (an agenda
 * item, a minute, a document), newest first (issue 4, revisions). The lines come
 * from app/models/revisions.server.ts `publicUpdates`.
 */
export function UpdateNotes({ updates }: { updates: { on: string; reason: string }[] }) {
  if (updates.length === 0) return null;
  return (
    <ul className="govuk-list govuk-body-s portal-meta">
      {updates.map((u, i) => (
        <li key={i}>
          Updated on {u.on}: {u.reason}
        </li>
      ))}
    </ul>
  );
}

/**
 * What a status rests on, beside the status (issue 23): "Worked out by rule:
 * Amber: open, no due date set". The basis comes from app/rules/status-basis.
 */
export function StatusBasisNote({ basis }: { basis: { kind: "recorded" | "source" | "rule"; note: string } | null | undefined }) {
  if (!basis) return null;
  const label = basis.kind === "recorded" ? "Recorded" : basis.kind === "source" ? "As the source states" : "Worked out by rule";
  return (
    <span className="govuk-body-s portal-status-basis">
      {" "}
      <span className="portal-status-basis__kind">{label}:</span> {basis.note}
    </span>
  );
}
