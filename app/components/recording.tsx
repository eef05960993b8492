/** A meeting's webcast or recording on its public page, and "watch this item" at an item's start (issue 18, item 5). */

export function RecordingLink({ recording }: { recording: { url: string; kind: string; kindLabel: string; length: string | null } | null }) {
  if (!recording) return null;
  return (
    <p className="govuk-body portal-no-print" id="recording">
      <a className="govuk-link" href={recording.url} rel="noopener noreferrer">
        {recording.kind === "live" ? "Watch the live webcast" : "Watch the recording"} of this meeting
      </a>
      {recording.length ? ` (${recording.kindLabel.toLowerCase()}, ${recording.length} long)` : ` (${recording.kindLabel.toLowerCase()})`}
    </p>
  );
}

export function WatchItem({ offset, number }: { offset: { text: string; url: string } | undefined; number: string }) {
  if (!offset) return null;
  return (
    <p className="govuk-body-s portal-no-print">
      <a className="govuk-link" href={offset.url} rel="noopener noreferrer">
        Watch this item<span className="govuk-visually-hidden"> ({number})</span>
      </a>{" "}
      from {offset.text} in the recording
    </p>
  );
}
