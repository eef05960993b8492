import { describe, expect, it } from "vitest";
import { municipalYear, summariseAttendance, YEAR_NOT_KNOWN, type AttendanceFact } from "./attendance.server";

const board = { bodyId: "b1", bodyName: "Scrutiny Board" };

describe("municipalYear", () => {
  it("runs from May to April", () => {
    expect(municipalYear("2021-05-01")).toBe("2021/22");
    expect(municipalYear("2022-04-30")).toBe("2021/22");
    expect(municipalYear("2022-05-01")).toBe("2022/23");
    expect(municipalYear("2000-01-15")).toBe("1999/00");
  });
});

describe("summariseAttendance", () => {
  it("counts present out of the meetings a member was expected at, substitutes apart", () => {
    const facts: AttendanceFact[] = [
      { ...board, meetingDay: "2021-06-10", status: "present", asSubstitute: false },
      { ...board, meetingDay: "2021-09-10", status: "apologies", asSubstitute: false },
      { ...board, meetingDay: "2022-01-10", status: "present", asSubstitute: false },
      { ...board, meetingDay: "2022-03-10", status: "absent", asSubstitute: false },
      { ...board, meetingDay: "2022-02-10", status: "present", asSubstitute: true },
      { ...board, meetingDay: "2022-06-10", status: "present", asSubstitute: false },
    ];
    const rows = summariseAttendance(facts);
    expect(rows.map((r) => r.year)).toEqual(["2022/23", "2021/22"]);
    expect(rows[1]).toMatchObject({ expected: 4, present: 2, apologies: 1, absent: 1, asSubstitute: 1, percentage: 50 });
    expect(rows[0]).toMatchObject({ expected: 1, present: 1, percentage: 100 });
  });

  it("rounds, and gives no percentage where nothing was expected", () => {
    const rows = summariseAttendance([
      { ...board, meetingDay: "2023-06-01", status: "present", asSubstitute: false },
      { ...board, meetingDay: "2023-07-01", status: "present", asSubstitute: false },
      { ...board, meetingDay: "2023-08-01", status: "apologies", asSubstitute: false },
      { bodyId: "b2", bodyName: "Audit Committee", meetingDay: "2023-08-01", status: "present", asSubstitute: true },
    ]);
    expect(rows.find((r) => r.bodyId === "b1")!.percentage).toBe(67);
    expect(rows.find((r) => r.bodyId === "b2")).toMatchObject({ expected: 0, asSubstitute: 1, percentage: null });
  });

  it("never guesses the year of a meeting whose day is not known", () => {
    const rows = summariseAttendance([{ ...board, meetingDay: null, status: "present", asSubstitute: false }]);
    expect(rows[0].year).toBe(YEAR_NOT_KNOWN);
  });
});
