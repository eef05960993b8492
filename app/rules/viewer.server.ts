/**
 * Who is asking. Every model function that reads something a role may not see
 * takes a Viewer, so visibility is decided in the query layer
 * (docs/decisions/003-visibility.md). The auth module builds a Viewer from the
 * session; nothing else does.
 */
import type { Role } from "../../db/schema";

export type Viewer =
  | { kind: "public" }
  | {
      kind: "user";
      userId: string;
      name: string;
      email: string;
      role: Role;
      /** The person record, for members and officers. */
      personId: string | null;
      /** An officer's organisation. */
      organisationId: string | null;
    };

export const PUBLIC_VIEWER: Viewer = Object.freeze({ kind: "public" });

export function isSignedIn(viewer: Viewer): viewer is Extract<Viewer, { kind: "user" }> {
  return viewer.kind === "user";
}

/** Clerks and admins see drafts. */
export function canSeeDrafts(viewer: Viewer): boolean {
  return viewer.kind === "user" && (viewer.role === "clerk" || viewer.role === "admin");
}

/**
 * Exempt (Schedule 12A) content: members, clerks and admins; an officer only for
 * items whose lead officer or addressed organisation is their own.
 */
export function canSeeExemptContent(viewer: Viewer, concernedOrganisationIds: (string | null)[] = []): boolean {
  if (viewer.kind !== "user") return false;
  if (viewer.role === "member" || viewer.role === "clerk" || viewer.role === "admin") return true;
  return (
    viewer.role === "officer" &&
    viewer.organisationId !== null &&
    concernedOrganisationIds.includes(viewer.organisationId)
  );
}
