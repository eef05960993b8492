import { describe, expect, it } from "vitest";
import { isSameOrigin } from "./origin";

describe("isSameOrigin", () => {
  it("accepts this site's origin or referer", () => {
    expect(isSameOrigin("http://localhost:3000", undefined, "localhost:3000")).toBe(true);
    expect(isSameOrigin(undefined, "http://localhost:3000/meetings", "localhost:3000")).toBe(true);
  });
  it("refuses a foreign, missing, null or malformed origin", () => {
    expect(isSameOrigin("https://evil.example", undefined, "localhost:3000")).toBe(false);
    expect(isSameOrigin(undefined, undefined, "localhost:3000")).toBe(false);
    expect(isSameOrigin("null", undefined, "localhost:3000")).toBe(false);
    expect(isSameOrigin("not a url", undefined, "localhost:3000")).toBe(false);
    expect(isSameOrigin("http://localhost:3000.evil.example", undefined, "localhost:3000")).toBe(false);
  });
});
