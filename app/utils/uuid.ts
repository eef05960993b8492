/**
 * The one check of a record's id: every table's id is a UUID, so anything else
 * (36 dashes, a slug, a number) names no record. Checked before any query, so a
 * malformed id is a 404 or a message beside the field, never a database error.
 */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: unknown): value is string {
  return typeof value === "string" && UUID.test(value);
}
