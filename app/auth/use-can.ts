/**
 * The browser's copy of the permission check, from the root loader's data: it
 * only decides what a page shows. The server checks again
 * (app/auth/permissions.server.ts).
 */
import { useRouteLoaderData } from "@remix-run/react";
import { roleCan, type Permission, type RoleOrPublic } from "./permissions";

export function useCan(): (permission: Permission) => boolean {
  const data = useRouteLoaderData("root") as { user?: { role?: string } | null } | undefined;
  const role = (data?.user?.role ?? "public") as RoleOrPublic;
  return (permission) => roleCan(role, permission);
}
