import { describe, expect, it } from "vitest";
import { describeDate, formatDate, formatDateTime } from "./dates.server";

describe("dates", () => {
  it("formats exact dates and times in Europe/London", () => {
    expect(formatDate("2024-11-29")).toBe("29 November 2024");
    // 18:00 UTC in summer is 7pm in London.
    expect(formatDateTime(new Date("2021-07-01T18:00:00Z"))).toBe("Thursday 1 July 2021, 7pm");
  });

  it("never shows an approximate date as if it were exact", () => {
    expect(describeDate("2021-10-01", "approximate")).toEqual({ text: "around October 2021", approximate: true });
    expect(describeDate("2018-01-15", "month")).toEqual({ text: "January 2018", approximate: true });
    expect(describeDate(null, "unknown")).toEqual({ text: "Date not known", approximate: true });
    expect(describeDate("2024-11-29", "exact")).toEqual({ text: "29 November 2024", approximate: false });
  });
});
