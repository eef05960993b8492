import { describe, expect, it } from "vitest";
import { ACCOUNT_ROLES, PERMISSIONS, ROLE_PERMISSIONS, roleCan } from "./permissions";

describe("permissions", () => {
  it("are action:entity:own|any strings, each held by some role", () => {
    for (const p of PERMISSIONS) {
      expect(p).toMatch(/^[a-z]+:[a-z-]+:(own|any)$/);
      expect(Object.values(ROLE_PERMISSIONS).some((held) => held.includes(p)), p).toBe(true);
    }
  });
  it("give the public nothing", () => {
    for (const p of PERMISSIONS) expect(roleCan("public", p)).toBe(false);
  });
  it("let :any satisfy :own, but not the reverse", () => {
    expect(roleCan("clerk", "respond:question:own")).toBe(true);
    expect(roleCan("officer", "respond:question:own")).toBe(true);
    expect(roleCan("officer", "respond:question:any")).toBe(false);
    expect(roleCan("member", "create:question:own")).toBe(true);
    expect(roleCan("member", "create:question:any")).toBe(false);
  });
  it("keep administration to admins, and editing to clerks and admins", () => {
    for (const role of ACCOUNT_ROLES) {
      expect(roleCan(role, "manage:user:any")).toBe(role === "admin");
      expect(roleCan(role, "read:audit:any")).toBe(role === "admin");
      expect(roleCan(role, "read:outbox:any")).toBe(role === "admin");
      expect(roleCan(role, "create:meeting:any")).toBe(role === "clerk" || role === "admin");
      expect(roleCan(role, "read:draft:any")).toBe(role === "clerk" || role === "admin");
      expect(roleCan(role, "update:account:own")).toBe(true);
    }
    expect(roleCan("officer", "update:action:own")).toBe(true);
    expect(roleCan("member", "update:action:own")).toBe(false);
  });
  it("answer false for a role that does not exist", () => {
    expect(roleCan("superuser" as never, "read:draft:any")).toBe(false);
  });
});
