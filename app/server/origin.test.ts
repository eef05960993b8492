import { describe, expect, it } from "vitest";
import { isOneClickUnsubscribe, isSameOrigin } from "./origin";

describe("isSameOrigin", () => {
  it("accepts this site's origin or referer", () => {
    expect(isSameOrigin("http://localhost:3000", undefined, "localhost:3000")).toBe(true);
    expect(isSameOrigin(undefined, "http://localhost:3000/meetings", "localhost:3000")).toBe(true);
  });
  it("refuses a foreign, missing, null or malformed origin", () => {
    expect(isSameOrigin("https://evil.example", undefined, "localhost:3000")).toBe(false);
    expect(isSameOrigin(undefined, undefined, "localhost:3000")).toBe(false);
    expect(isSameOrigin("null", undefined, "localhost:3000")).toBe(false);
    // "null" is the browser's word that the request is from no site: a same-site Referer does not outweigh it.
    expect(isSameOrigin("null", "http://localhost:3000/meetings", "localhost:3000")).toBe(false);
    expect(isSameOrigin("", "http://localhost:3000/meetings", "localhost:3000")).toBe(false);
    expect(isSameOrigin("not a url", undefined, "localhost:3000")).toBe(false);
    expect(isSameOrigin("http://localhost:3000.evil.example", undefined, "localhost:3000")).toBe(false);
  });
});

describe("isOneClickUnsubscribe", () => {
  it("lets in a POST without Origin to an unsubscribe link (or its bare address) only", () => {
    expect(isOneClickUnsubscribe("POST", "/follow/unsubscribe/abc.def", undefined)).toBe(true);
    expect(isOneClickUnsubscribe("POST", "/follow/unsubscribe/", undefined)).toBe(true);
    expect(isOneClickUnsubscribe("POST", "/follow/unsubscribe", undefined)).toBe(true);
  });
  it("not another method, address or any Origin", () => {
    expect(isOneClickUnsubscribe("PUT", "/follow/unsubscribe/abc", undefined)).toBe(false);
    expect(isOneClickUnsubscribe("DELETE", "/follow/unsubscribe/abc", undefined)).toBe(false);
    expect(isOneClickUnsubscribe("POST", "/follow/unsubscribe/abc/more", undefined)).toBe(false);
    expect(isOneClickUnsubscribe("POST", "/follow/manage/abc", undefined)).toBe(false);
    expect(isOneClickUnsubscribe("POST", "/follow/unsubscribe-all/abc", undefined)).toBe(false);
    expect(isOneClickUnsubscribe("POST", "/x/follow/unsubscribe/abc", undefined)).toBe(false);
    expect(isOneClickUnsubscribe("POST", "/follow/unsubscribe/abc", "https://evil.example")).toBe(false);
    expect(isOneClickUnsubscribe("POST", "/follow/unsubscribe/abc", "null")).toBe(false);
  });
});
