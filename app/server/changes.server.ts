/** Tells the HTTP layer when anything public may have changed (NOTIFY portal_change). */
import { listenForNotifications } from "../db.server";

export const CHANGE_CHANNEL = "portal_change";

export async function subscribeToChanges(onChange: () => void) {
  return listenForNotifications(CHANGE_CHANNEL, () => onChange());
}
