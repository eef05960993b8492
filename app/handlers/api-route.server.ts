/** The open-data API's loader and action, shared by its two route modules (docs/api.md). */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { answerApi, apiError, BULK_FILE_NAME, bulkDownload, checkRateLimit, CORS_HEADERS } from "../models/publishing";
import { generatedFileResponse } from "./generated-file.server";
import { siteUrl } from "../utils/site-url.server";

/**
 * Counts one API request from a client against the shared limit: the headers to
 * send, and the 429 answer when the client is over it. Also used by the page
 * cache for answers it serves without rendering (app/server/app.ts).
 */
export async function gateApiRequest(clientIp: string | null) {
  const limit = await checkRateLimit(clientIp);
  const rateHeaders = { "X-RateLimit-Limit": String(limit.limit), "X-RateLimit-Remaining": String(limit.remaining) };
  if (limit.allowed) return { rateHeaders, refusal: null };
  const refusal = apiError(
    429,
    `Too many requests: at most ${limit.limit} a minute from one address. Try again in ${limit.retryAfter} seconds.`,
    { retry_after_seconds: limit.retryAfter },
    { "Retry-After": String(limit.retryAfter), ...rateHeaders },
  );
  return { rateHeaders, refusal };
}

/** Anyone may read the API: it always answers with the public's view, whoever asks. Rate-limited per address. */
export async function apiLoader({ request, params, context }: LoaderFunctionArgs) {
  // Remix sends OPTIONS to the loader: the CORS preflight.
  if (request.method === "OPTIONS") return new Response(null, { status: 204, headers: CORS_HEADERS });
  const { rateHeaders, refusal } = await gateApiRequest(context?.clientIp ?? null);
  if (refusal) return refusal;
  const response = await answerApi(siteUrl(), new URL(request.url), params["*"] ?? "");
  for (const [k, v] of Object.entries(rateHeaders)) response.headers.set(k, v);
  return response;
}

/** The API is read-only: a CORS preflight is answered, anything else is 405. */
export async function apiAction(_args: ActionFunctionArgs) {
  return apiError(405, "The API is read-only: use GET.", {}, { Allow: "GET, HEAD, OPTIONS" });
}

/** GET /api/v1/bulk.zip: the whole public record in one file (docs/api.md), under the same rate limit. */
export async function apiBulkLoader({ request, context }: LoaderFunctionArgs) {
  if (request.method === "OPTIONS") return new Response(null, { status: 204, headers: CORS_HEADERS });
  const { rateHeaders, refusal } = await gateApiRequest(context?.clientIp ?? null);
  if (refusal) return refusal;
  const response = generatedFileResponse(request, await bulkDownload(siteUrl()), BULK_FILE_NAME, { isPublic: true });
  for (const [k, v] of Object.entries({ ...rateHeaders, ...CORS_HEADERS })) response.headers.set(k, v);
  return response;
}
