/**
 * How a question or action form's outcome becomes an answer: a refusal that is
 * not the person's to make is a 403, a missing record a 404, and anything else
 * (a refused upload too) a message beside the field with what was typed kept.
 */
import type { AppLoadContext } from "@remix-run/node";
import { forbidden } from "../auth/permissions.server";
import type { SignedInViewer } from "../auth/permissions.server";
import { ClerkError } from "../utils/clerk-errors.server";
import { QuestionError, type Actor } from "../models/questions";
import { invalid } from "../utils/forms.server";
import { notFound } from "../utils/http.server";
import { siteUrl } from "../utils/site-url.server";

export function actorFor(_request: Request, context: AppLoadContext | undefined, viewer: SignedInViewer): Actor {
  return { viewer, ipAddress: context?.clientIp ?? null, site: siteUrl() };
}

export async function attempt<T>(
  context: AppLoadContext | undefined,
  payload: { intent: string; values: Record<string, string | string[]> },
  run: () => Promise<T>,
): Promise<{ ok: true; value: T } | { ok: false; response: Response }> {
  try {
    return { ok: true, value: await run() };
  } catch (error) {
    if (error instanceof QuestionError) {
      if (error.status === 403) forbidden(error.message);
      if (error.status === 404) notFound(error.message);
      return { ok: false, response: invalid(context, { ...payload, errors: { [error.field]: error.message } }, error.status === 409 ? 409 : 400) };
    }
    if (error instanceof ClerkError) {
      // An upload refused by the file checks (app/models/files.server.ts).
      return { ok: false, response: invalid(context, { ...payload, errors: { [error.field]: error.message } }) };
    }
    throw error;
  }
}
