import type { LoaderFunctionArgs } from "@remix-run/node";
import { getEnv } from "~/env.server";
import { siteUrl } from "~/utils/site-url.server";

/** How long an answer says it stays true (RFC 9116 asks for less than a year). */
const VALID_DAYS = 180;

/**
 * /.well-known/security.txt (RFC 9116): how to report a vulnerability. Contact is
 * SECURITY_CONTACT when set, else the privacy notice's Contact section.
 */
export async function loader(_args: LoaderFunctionArgs) {
  const site = siteUrl();
  const contact = getEnv().SECURITY_CONTACT ?? `${site}/privacy#contact`;
  const expires = new Date(Date.now() + VALID_DAYS * 24 * 3_600_000);
  expires.setUTCHours(0, 0, 0, 0);
  const body = [
    `Contact: ${contact}`,
    `Expires: ${expires.toISOString().replace(/\.\d{3}Z$/, "Z")}`,
    "Preferred-Languages: en",
    `Canonical: ${site}/.well-known/security.txt`,
    `Policy: ${site}/privacy#contact`,
    "",
  ].join("\n");
  return new Response(body, { headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "public, max-age=3600" } });
}
