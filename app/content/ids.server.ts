/**
 * Deterministic ids for records imported from content/.
 *
 * Every imported record's uuid is a name-based UUID (RFC 4122 version 5: SHA-1
 * of a fixed namespace and a name) built from the record's type and its key
 * (a slug, or a path of slugs such as "2021-trust-annual-review/trust-annual-review").
 * So links are the same on every machine, and re-importing a file keeps its ids.
 */
import crypto from "node:crypto";

/** This portal's namespace for content ids. Never change it: every public link depends on it. */
export const CONTENT_ID_NAMESPACE = "7e259c9e-b9c2-4e74-a397-b80e9fce1901";

export type ContentEntityType =
  | "organisation"
  | "body"
  | "person"
  | "priority"
  | "document"
  | "inspection"
  | "recommendation"
  | "meeting"
  | "agenda_item"
  | "minute"
  | "question"
  | "response";

function uuidBytes(uuid: string): Buffer {
  const hex = uuid.replace(/-/g, "");
  if (!/^[0-9a-f]{32}$/i.test(hex)) throw new Error(`Not a uuid: ${uuid}`);
  return Buffer.from(hex, "hex");
}

/** RFC 4122 version 5 (SHA-1, name-based) uuid of `name` in `namespace`. */
export function uuidV5(name: string, namespace: string = CONTENT_ID_NAMESPACE): string {
  const hash = crypto
    .createHash("sha1")
    .update(uuidBytes(namespace))
    .update(Buffer.from(name, "utf8"))
    .digest();
  const bytes = Buffer.from(hash.subarray(0, 16));
  bytes[6] = (bytes[6] & 0x0f) | 0x50; // version 5
  bytes[8] = (bytes[8] & 0x3f) | 0x80; // RFC 4122 variant
  const hex = bytes.toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The id of an imported record, from its type and key. */
export function contentId(type: ContentEntityType, key: string): string {
  return uuidV5(`${type}:${key}`);
}
