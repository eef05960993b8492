/**
 * The vocabulary of the authorization matrix (tests/integration/authorization-matrix.test.ts):
 * what each role should get from a route. Each area's routes are listed in its own
 * file, tests/integration/authorization/<area>.ts, exporting a record of entries.
 */
import type { Role } from "../../db/schema";

export type Who = Role | "public";
export const WHO: Who[] = ["public", "member", "officer", "clerk", "admin"];
export const ROLES: Role[] = ["member", "officer", "clerk", "admin"];
/** Remix sends every method but GET (and HEAD) to the route's action. */
export const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

/**
 * The expected answer:
 * - a number: exactly that status;
 * - "sign-in": a redirect to /sign-in?redirectTo=<this address> (302 for GET; 307
 *   otherwise, so what was typed reaches the sign-in page);
 * - "readable": 200 or 404 (a public page whose sample record may not exist),
 *   never a refusal or an error.
 */
export type Answer = number | "sign-in" | "readable";
export type Answers = Record<Who, Answer>;

export interface Fixtures {
  users: Record<Role, { id: string; email: string }>;
}

export interface Entry {
  /** The address to try; default: the route's path (it must have no :params). */
  path?: string | ((f: Fixtures) => string);
  GET: Answers;
  /** POST, PUT, PATCH and DELETE, with an empty form. */
  POST: Answers;
}

export const everyone = (a: Answer): Answers => ({ public: a, member: a, officer: a, clerk: a, admin: a });

/** A public read-only page: everyone may read it, and it has no form (405). */
export function publicPage(options: { path?: Entry["path"]; GET?: Answer } = {}): Entry {
  return { path: options.path, GET: everyone(options.GET ?? 200), POST: everyone(405) };
}

/**
 * A page only for signed-in people whose role is in `roles`: they get the
 * answers given, other roles 403, the public a redirect to sign in. POST: 405
 * means the page has no form, for everyone.
 */
export function onlyFor(roles: readonly Role[], answers: { GET: Answer; POST: Answer; path?: Entry["path"] }): Entry {
  const expand = (a: Answer): Answers =>
    Object.fromEntries(
      WHO.map((who) => [
        who,
        a === 405 ? 405 : who === "public" ? "sign-in" : roles.includes(who as Role) ? a : 403,
      ]),
    ) as Answers;
  return { path: answers.path, GET: expand(answers.GET), POST: expand(answers.POST) };
}

export const SIGNED_IN = ROLES;
export const SAMPLE_UUID = "00000000-0000-4000-8000-000000000000";
export const SAMPLE_TOKEN = "not-a-real-token-0000000000000000000000000";

