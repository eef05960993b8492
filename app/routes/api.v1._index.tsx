import { apiAction, apiLoader } from "~/handlers/api-route.server";

/** GET /api/v1: the API's index (docs/api.md). */
export const loader = apiLoader;
export const action = apiAction;
