/**
 * The opening of an action on one's own account pages (/account, /account/sessions):
 * the guard, this request's session, the form and which of its buttons was pressed.
 */
import type { AppLoadContext } from "@remix-run/node";
import { requirePermission } from "../auth/permissions.server";
import { getCurrentSession } from "../auth/session.server";
import { formText, readForm } from "../utils/forms.server";

export async function readAccountForm(request: Request, context: AppLoadContext | undefined) {
  const viewer = await requirePermission(request, "update:account:own");
  const current = await getCurrentSession(request);
  const form = await readForm(request);
  return {
    viewer,
    current,
    form,
    intent: formText(form, "intent"),
    ipAddress: (context as { clientIp?: string | null } | undefined)?.clientIp ?? null,
  };
}
