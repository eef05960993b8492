import { describe, expect, it } from "vitest";
import { safeRedirectPath } from "./redirect";

describe("safeRedirectPath", () => {
  it("keeps paths on this site", () => {
    expect(safeRedirectPath("/admin/users?page=2#top")).toBe("/admin/users?page=2#top");
    expect(safeRedirectPath("/account")).toBe("/account");
  });
  it.each([
    "//evil.example",
    "//evil.example/path",
    "https://evil.example",
    "http:evil.example",
    "javascript:alert(1)",
    "JavaScript:alert(1)",
    "data:text/html,x",
    "/\\evil.example",
    "\\\\evil.example",
    "evil.example",
    "",
    " //evil.example",
    "/\t/evil.example",
    "/sign-in",
    "/sign-out",
    // Normalised, each of these is "//evil.example".
    "/.//evil.example",
    "/..//evil.example",
    "/%2e//evil.example",
    "/%2E%2E//evil.example",
    "/a/..//evil.example",
    "/./\\evil.example",
  ])("ignores %j", (value) => {
    expect(safeRedirectPath(value)).toBe("/");
  });
  it("ignores what is not a string, and drops Remix's _data parameter", () => {
    expect(safeRedirectPath(null)).toBe("/");
    expect(safeRedirectPath(["/a"])).toBe("/");
    expect(safeRedirectPath("/account?_data=routes%2Faccount&x=1")).toBe("/account?x=1");
    expect(safeRedirectPath("https://evil.example", "/home")).toBe("/home");
  });
});
