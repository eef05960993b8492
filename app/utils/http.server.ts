/** Small helpers every loader uses: 404s for missing rows, safe paging. */

export function notFound(message = "Not found"): never {
  throw new Response(message, { status: 404 });
}

/** Throws a 404 response when the value is missing. */
export function invariantFound<T>(value: T | null | undefined, message = "Not found"): T {
  if (value === null || value === undefined) notFound(message);
  return value;
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
