import { describe, expect, it } from "vitest";
import { formatOffset, offsetWithin, parseOffset, safeRecordingUrl, watchAtUrl } from "./recording.server";

describe("parseOffset", () => {
  it.each([
    ["1:02:03", 3723],
    ["0:00:00", 0],
    ["12:30", 750],
    ["45", 45],
    [" 2:00:00 ", 7200],
    ["", null],
  ])("reads %s", (typed, seconds) => {
    expect(parseOffset(typed)).toEqual({ ok: true, seconds });
  });
  it.each([
    ["-5", /cannot be negative/],
    ["-0:01:00", /cannot be negative/],
    ["1:60:00", /0 to 59/],
    ["1:02:75", /0 to 59/],
    ["abc", /like 1:02:30/],
    ["1:2:3:4", /like 1:02:30/],
    ["1.5", /like 1:02:30/],
  ])("refuses %s", (typed, message) => {
    const r = parseOffset(typed);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(message);
  });
  it("writes seconds back as h:mm:ss", () => {
    expect(formatOffset(3723)).toBe("1:02:03");
    expect(formatOffset(59)).toBe("0:00:59");
  });
  it("keeps an offset within a recording's length", () => {
    expect(offsetWithin(100, 100)).toBe(true);
    expect(offsetWithin(101, 100)).toBe(false);
    expect(offsetWithin(5000, null)).toBe(true);
  });
});

describe("safeRecordingUrl", () => {
  it("accepts http and https", () => {
    expect(safeRecordingUrl(" https://webcast.example/meeting/1 ")).toBe("https://webcast.example/meeting/1");
    expect(safeRecordingUrl("http://webcast.example/x")).toBe("http://webcast.example/x");
  });
  it.each(["javascript:alert(1)", "JaVaScRiPt:alert(1)", "data:text/html,<script>", "vbscript:x", "ftp://x.example/", "//webcast.example/x", "https://", "webcast.example", " java\nscript:alert(1)"])(
    "refuses %s",
    (typed) => {
      expect(safeRecordingUrl(typed)).toBeNull();
    },
  );
  it("points at an offset with a media fragment", () => {
    expect(watchAtUrl("https://webcast.example/m?id=3", 90)).toBe("https://webcast.example/m?id=3#t=90");
  });
});
