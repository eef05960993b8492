import { describe, expect, it } from "vitest";
import { parseDay, parseIsoDay } from "./day-field";

describe("the one day rule", () => {
  it("reads real days in either form", () => {
    expect(parseIsoDay("2026-03-31")).toBe("2026-03-31");
    expect(parseDay("31/3/2026")).toBe("2026-03-31");
    expect(parseDay("2026-3-1")).toBe("2026-03-01");
    expect(parseIsoDay(" 1900-01-01 ")).toBe("1900-01-01");
    expect(parseIsoDay("2200-12-31")).toBe("2200-12-31");
  });

  it("refuses days that are not real, or years out of range (year 0 has no date in the database)", () => {
    for (const v of ["0000-01-01", "1899-12-31", "2201-01-01", "9999-12-31", "2026-02-30", "2026-3-1", "31/3/2026", "", "2026-03-31T00:00"]) {
      expect(parseIsoDay(v), v).toBeNull();
    }
    for (const v of ["0000-01-01", "1/1/0000", "31/12/9999", "30/2/2026", "2026-13-01"]) expect(parseDay(v), v).toBeNull();
  });
});
