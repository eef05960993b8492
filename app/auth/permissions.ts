/**
 * Who may do what: permission strings `action:entity:own|any`, and the roles that
 * hold them. The one table of the portal's authorisation. The server enforces it
 * (app/auth/permissions.server.ts); the browser copy only decides what to show.
 *
 * "own" means the record is the person's own: a member's own question, an
 * officer's own organisation's questions and actions, a user's own account.
 * A role holding `x:y:any` passes a check for `x:y:own` too; deciding whether a
 * record is one's own is the model's job, with the Viewer.
 */
import type { Role } from "../../db/schema";

export const PERMISSIONS = [
  // Reading what the public cannot.
  "read:draft:any",
  "read:exempt:any",
  "read:exempt:own",
  // Boards and committees, their members.
  "create:body:any",
  "update:body:any",
  "manage:membership:any",
  // Meetings, agendas, minutes, documents.
  "create:meeting:any",
  "update:meeting:any",
  "delete:meeting:any",
  "create:agenda-item:any",
  "update:agenda-item:any",
  "delete:agenda-item:any",
  "publish:agenda:any",
  "create:minute:any",
  "update:minute:any",
  "publish:minute:any",
  "approve:minute:any",
  "create:document:any",
  "update:document:any",
  "publish:document:any",
  // Questions, responses, actions.
  "read:question:own",
  "create:question:own",
  "create:question:any",
  "update:question:own",
  "update:question:any",
  "respond:question:own",
  "respond:question:any",
  "create:action:own",
  "create:action:any",
  "update:action:own",
  "update:action:any",
  // Priorities, inspections, recommendations.
  "create:priority:any",
  "update:priority:any",
  "create:inspection:any",
  "update:inspection:any",
  "update:recommendation:any",
  // The work programme: a member proposes a topic, a clerk plans, defers or drops it.
  "create:topic:own",
  "create:topic:any",
  "update:topic:any",
  // One's own account.
  "update:account:own",
  // Administration.
  "manage:user:any",
  "read:audit:any",
  "read:outbox:any",
  "manage:settings:any",
] as const;

export type Permission = (typeof PERMISSIONS)[number];

/** The roles an account can have: db/schema/people.ts `ROLES`, repeated here for the browser bundle. */
export const ACCOUNT_ROLES = ["member", "officer", "clerk", "admin"] as const satisfies readonly Role[];
// Fails to compile if db/schema/people.ts gains a role this list lacks.
const _allRolesListed: Role extends (typeof ACCOUNT_ROLES)[number] ? true : never = true;
void _allRolesListed;

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ACCOUNT_ROLES as readonly string[]).includes(value);
}

/** Everyone, signed in or not. */
export type RoleOrPublic = Role | "public";

const CLERK: Permission[] = [
  "read:draft:any",
  "read:exempt:any",
  "create:body:any",
  "update:body:any",
  "manage:membership:any",
  "create:meeting:any",
  "update:meeting:any",
  "delete:meeting:any",
  "create:agenda-item:any",
  "update:agenda-item:any",
  "delete:agenda-item:any",
  "publish:agenda:any",
  "create:minute:any",
  "update:minute:any",
  "publish:minute:any",
  "approve:minute:any",
  "create:document:any",
  "update:document:any",
  "publish:document:any",
  "read:question:own",
  "create:question:any",
  "update:question:any",
  "respond:question:any",
  "create:action:any",
  "update:action:any",
  "create:priority:any",
  "update:priority:any",
  "create:inspection:any",
  "update:inspection:any",
  "update:recommendation:any",
  "create:topic:any",
  "update:topic:any",
  "update:account:own",
];

export const ROLE_PERMISSIONS: Record<RoleOrPublic, readonly Permission[]> = {
  public: [],
  member: ["read:exempt:any", "read:question:own", "create:question:own", "update:question:own", "create:topic:own", "update:account:own"],
  officer: ["read:exempt:own", "read:question:own", "respond:question:own", "create:action:own", "update:action:own", "update:account:own"],
  clerk: CLERK,
  admin: [...CLERK, "manage:user:any", "read:audit:any", "read:outbox:any", "manage:settings:any"],
};

export const ROLE_LABELS: Record<RoleOrPublic, string> = {
  public: "Public",
  member: "Member",
  officer: "Officer",
  clerk: "Clerk",
  admin: "Administrator",
};

/** What each role is for, shown when an admin picks one. */
export const ROLE_HINTS: Record<Role, string> = {
  member: "A councillor or board member: reads papers, raises questions and follows their own",
  officer: "Works for a scrutinised organisation: answers its questions and updates its actions",
  clerk: "Democratic services: builds agendas, records minutes and questions, chases responses",
  admin: "Manages accounts and roles, and sees the audit log and outbox",
};

export function isPermission(value: string): value is Permission {
  return (PERMISSIONS as readonly string[]).includes(value);
}

/**
 * True when the role holds the permission. Asking for `x:y:own` is satisfied by
 * `x:y:own` or `x:y:any`; asking for `x:y:any` only by `x:y:any`.
 */
export function roleCan(role: RoleOrPublic, permission: Permission): boolean {
  const held = ROLE_PERMISSIONS[role] ?? [];
  if (held.includes(permission)) return true;
  if (permission.endsWith(":own")) {
    const any = permission.replace(/:own$/, ":any") as Permission;
    return held.includes(any);
  }
  return false;
}
