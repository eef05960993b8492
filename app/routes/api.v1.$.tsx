import { apiAction, apiLoader } from "~/handlers/api-route.server";

/** GET /api/v1/<resource>[/<id>]: read-only JSON (docs/api.md). */
export const loader = apiLoader;
export const action = apiAction;
