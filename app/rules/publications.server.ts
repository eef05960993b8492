/**
 * Which documents are publications (issue 15 item 11): listed under "Latest
 * publications" on the home page, in the publications Atom feed and in the
 * documents list. A document kept as the closure evidence of an action is not
 * one: it is shown with its action (and found through it), never as news.
 */
import { notInArray, type SQL } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";

/** Document kinds that are never publications of their own. */
export const NOT_PUBLICATION_KINDS = ["evidence"] as const;

export function isPublicationKind(kind: string): boolean {
  return !(NOT_PUBLICATION_KINDS as readonly string[]).includes(kind);
}

/** The same rule for a query over documents. */
export function publicationKind(kindColumn: AnyPgColumn): SQL {
  return notInArray(kindColumn, [...NOT_PUBLICATION_KINDS]);
}
