/**
 * Tells the HTTP layer when anything public may have changed (NOTIFY portal_change),
 * with the trigger's payload naming what (migration 0008; read by parseChange in
 * app/server/page-cache.ts).
 */
import { listenForNotifications } from "../db.server";

export const CHANGE_CHANNEL = "portal_change";

export async function subscribeToChanges(onChange: (payload: string) => void) {
  return listenForNotifications(CHANGE_CHANNEL, (payload) => onChange(payload));
}
