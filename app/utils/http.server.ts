/** Small helpers every loader uses: 404s for missing rows and malformed ids, safe paging. */
import { isUuid } from "./uuid";

export function notFound(message = "Not found"): never {
  throw new Response(message, { status: 404 });
}

/** Throws a 404 response when the value is missing. */
export function invariantFound<T>(value: T | null | undefined, message = "Not found"): T {
  if (value === null || value === undefined) notFound(message);
  return value;
}

/**
 * A route's record id (`:id` by default): a UUID, or a 404 before any query
 * runs. Every `:id` route reads its id through this one check.
 */
export function idParam(params: Record<string, string | undefined>, name = "id"): string {
  const id = params[name];
  if (!isUuid(id)) notFound();
  return id;
}

export const PAGE_SIZE = 20;

/** The page number from ?page=; anything malformed (page=-1, page=abc) is page 1. */
export function parsePage(url: URL | string, param = "page"): number {
  const raw = new URL(url).searchParams.get(param);
  if (!raw || !/^\d{1,6}$/.test(raw)) return 1;
  const n = Number(raw);
  return n >= 1 ? n : 1;
}

export function pageCount(total: number, size = PAGE_SIZE): number {
  return Math.max(1, Math.ceil(total / size));
}

/** The name searched for (?q=): control characters out, at most 100 characters. */
export function searchedName(url: URL): string {
  return (url.searchParams.get("q") ?? "").replace(/[\u0000-\u001f\uFFFD]/g, "").trim().slice(0, 100);
}
