/**
 * Who made a response, where its source does not say (issue 23, item 1; docs/decisions/021):
 * the organisation it is recorded as from, said to be the portal's attribution, with the
 * reason stored on the response (responses.attribution_note). Shown wherever the response is.
 */
export function recordedAs(organisation: string | null | undefined, attributionNote: string | null | undefined): string | null {
  if (!organisation) return null;
  return attributionNote ? `Recorded as ${organisation}'s (the source does not name who responded)` : organisation;
}

export function AttributionNote({ note }: { note: string | null | undefined }) {
  if (!note) return null;
  return (
    <div className="govuk-inset-text portal-caveat portal-attribution">
      <strong>Who responded: </strong>
      {note}
    </div>
  );
}
