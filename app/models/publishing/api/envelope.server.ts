/**
 * The open-data API's envelope (docs/api.md): JSON answers and errors with open CORS for GET,
 * the rate limit per client address, the list parameters and the paging every list shares.
 */
import { countInWindow } from "../../../auth/throttle.server";
import { isUuid } from "../../../utils/uuid";
import { EARLIEST_YEAR, LATEST_YEAR, parseIsoDay } from "../../../utils/day-field";

export const API_PAGE_SIZE = 50;
export const API_MAX_PAGE_SIZE = 200;

// ---------------------------------------------------------------------------
// HTTP
// ---------------------------------------------------------------------------

export const CORS_HEADERS = {
  "Access-Control-Allow-Origin": "*",
  "Access-Control-Allow-Methods": "GET, HEAD, OPTIONS",
  "Access-Control-Allow-Headers": "Accept, Content-Type",
  "Access-Control-Expose-Headers": "Link, Retry-After, X-RateLimit-Limit, X-RateLimit-Remaining",
  "Access-Control-Max-Age": "86400",
};

export function apiJson(body: unknown, status = 200, headers: Record<string, string> = {}) {
  return new Response(JSON.stringify(body, null, 2), {
    status,
    headers: { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "public, max-age=60", ...CORS_HEADERS, ...headers },
  });
}

export function apiError(status: number, message: string, extra: Record<string, unknown> = {}, headers: Record<string, string> = {}) {
  return apiJson({ error: { status, message, ...extra } }, status, { "Cache-Control": "no-store", ...headers });
}

export class ApiProblem extends Error {
  constructor(
    public status: number,
    message: string,
    public parameter?: string,
  ) {
    super(message);
  }
}

// ---------------------------------------------------------------------------
// Rate limit: a fixed window per client address, shared by every app server.
// ---------------------------------------------------------------------------

let limitOverride: number | null = null;
/** Tests lower the limit; `null` restores it. */
export function setApiRateLimitForTests(limit: number | null) {
  limitOverride = limit;
}
export const API_RATE_WINDOW_SECONDS = 60;
function rateLimit() {
  return limitOverride ?? Number(process.env.API_RATE_LIMIT_PER_MINUTE ?? 120);
}

export async function checkRateLimit(clientIp: string | null | undefined, now = new Date()) {
  const limit = rateLimit();
  const windowMs = API_RATE_WINDOW_SECONDS * 1000;
  const { count, windowStart } = await countInWindow(`api:${clientIp ?? "unknown"}`, windowMs, now);
  const retryAfter = Math.max(1, Math.ceil((windowStart.getTime() + windowMs - now.getTime()) / 1000));
  return { allowed: count <= limit, limit, remaining: Math.max(0, limit - count), retryAfter };
}

// ---------------------------------------------------------------------------
// Parameters
// ---------------------------------------------------------------------------

export { isUuid };

export interface ListParams {
  page: number;
  perPage: number;
  since?: string;
  until?: string;
  body?: string;
}

function day(url: URL, name: string): string | undefined {
  const v = url.searchParams.get(name);
  if (v === null || v === "") return undefined;
  if (parseIsoDay(v) !== v) {
    throw new ApiProblem(400, `${name} must be a real date written YYYY-MM-DD, from ${EARLIEST_YEAR} to ${LATEST_YEAR}`, name);
  }
  return v;
}

function positive(url: URL, name: string, fallback: number, max: number): number {
  const v = url.searchParams.get(name);
  if (v === null || v === "") return fallback;
  if (!/^\d{1,6}$/.test(v) || Number(v) < 1 || Number(v) > max) {
    throw new ApiProblem(400, `${name} must be a whole number from 1 to ${max}`, name);
  }
  return Number(v);
}

export function listParams(url: URL): ListParams {
  const body = url.searchParams.get("body") ?? undefined;
  if (body !== undefined && !/^[a-z0-9-]{1,200}$/i.test(body)) throw new ApiProblem(400, "body must be a body's id or slug", "body");
  return {
    page: positive(url, "page", 1, 100_000),
    perPage: positive(url, "per_page", API_PAGE_SIZE, API_MAX_PAGE_SIZE),
    since: day(url, "since"),
    until: day(url, "until"),
    body,
  };
}

export function page<T>(site: string, url: URL, p: ListParams, total: number, data: T[]) {
  const totalPages = Math.max(1, Math.ceil(total / p.perPage));
  const link = (n: number) => {
    const u = new URL(url.pathname + url.search, site);
    u.searchParams.set("page", String(n));
    return u.toString();
  };
  return {
    data,
    meta: { page: p.page, per_page: p.perPage, total, total_pages: totalPages },
    links: {
      self: link(p.page),
      first: link(1),
      last: link(totalPages),
      prev: p.page > 1 ? link(Math.min(p.page - 1, totalPages)) : null,
      next: p.page < totalPages ? link(p.page + 1) : null,
    },
  };
}
