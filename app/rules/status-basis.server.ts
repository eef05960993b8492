/**
 * What a status rests on (issue 23, item 2): a person recorded it, a source
 * stated it, or a rule derived it. Every surface that shows a status shows its
 * basis beside it, and the API carries it as `status_basis` ("recorded",
 * "source" or "rule") with `status_basis_note` (the words shown on the page).
 */
export type StatusBasisKind = "recorded" | "source" | "rule";

export interface StatusBasis {
  kind: StatusBasisKind;
  /** The words a reader sees beside the status, e.g. "Amber: open, no due date set". */
  note: string;
}

export const STATUS_BASIS_LABELS: Record<StatusBasisKind, string> = {
  recorded: "Recorded",
  source: "As the source states",
  rule: "Worked out by rule",
};

export function recordedBasis(note: string): StatusBasis {
  return { kind: "recorded", note };
}

export function sourceBasis(note: string): StatusBasis {
  return { kind: "source", note };
}

export function ruleBasis(note: string): StatusBasis {
  return { kind: "rule", note };
}

/** The API's two fields for a basis, the same on every endpoint. */
export function statusBasisFields(basis: StatusBasis): { status_basis: StatusBasisKind; status_basis_note: string } {
  return { status_basis: basis.kind, status_basis_note: basis.note };
}
