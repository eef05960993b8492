import { apiAction, apiBulkLoader } from "~/handlers/api-route.server";

/** GET /api/v1/bulk.zip: the whole public record, one JSON Lines file per API resource (docs/api.md). */
export const loader = apiBulkLoader;
export const action = apiAction;
