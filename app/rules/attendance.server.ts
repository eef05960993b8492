/**
 * A member's attendance record, as a person page shows it (issue 18, item 1):
 * per body and municipal year (May to April), the meetings they were expected
 * at (attended as a member: present, apologies or absent), how many of those
 * they were present at and the percentage, and apart from that the meetings
 * they attended as a substitute (not expected of them, so not in the figure).
 * A meeting whose day the sources do not give cannot be put in a municipal
 * year: it is counted under "Year not known", never guessed into one.
 */
export type AttendanceStatus = "present" | "apologies" | "absent";

export interface AttendanceFact {
  bodyId: string;
  bodyName: string;
  /** YYYY-MM-DD, or null where the sources do not give the meeting's day or month. */
  meetingDay: string | null;
  status: AttendanceStatus;
  /** True when the person attended in place of another member. */
  asSubstitute: boolean;
}

export interface AttendanceSummary {
  bodyId: string;
  bodyName: string;
  /** "2021/22", or "Year not known". */
  year: string;
  expected: number;
  present: number;
  apologies: number;
  absent: number;
  asSubstitute: number;
  /** Present out of expected, rounded; null when nothing was expected. */
  percentage: number | null;
}

export const YEAR_NOT_KNOWN = "Year not known";

/** The municipal year (May to April) a day falls in: 2021-05-01 to 2022-04-30 is "2021/22". */
export function municipalYear(isoDay: string): string {
  const year = Number(isoDay.slice(0, 4));
  const month = Number(isoDay.slice(5, 7));
  const start = month >= 5 ? year : year - 1;
  return `${start}/${String((start + 1) % 100).padStart(2, "0")}`;
}

/** One row per body and municipal year, newest year first, "Year not known" last. */
export function summariseAttendance(facts: AttendanceFact[]): AttendanceSummary[] {
  const rows = new Map<string, AttendanceSummary>();
  for (const f of facts) {
    const year = f.meetingDay ? municipalYear(f.meetingDay) : YEAR_NOT_KNOWN;
    const key = `${f.bodyId}|${year}`;
    let row = rows.get(key);
    if (!row) {
      row = { bodyId: f.bodyId, bodyName: f.bodyName, year, expected: 0, present: 0, apologies: 0, absent: 0, asSubstitute: 0, percentage: null };
      rows.set(key, row);
    }
    if (f.asSubstitute) {
      if (f.status === "present") row.asSubstitute += 1;
      continue;
    }
    row.expected += 1;
    row[f.status] += 1;
  }
  for (const row of rows.values()) row.percentage = row.expected ? Math.round((row.present / row.expected) * 100) : null;
  return [...rows.values()].sort(
    (a, b) =>
      a.bodyName.localeCompare(b.bodyName) ||
      (a.year === YEAR_NOT_KNOWN ? 1 : b.year === YEAR_NOT_KNOWN ? -1 : b.year.localeCompare(a.year)),
  );
}

// ---------------------------------------------------------------------------
// The register a clerk marks for one meeting (issue 16, item 6)
// ---------------------------------------------------------------------------

/** What the clerk marks for each member on the register. */
export const REGISTER_MARKS = ["present", "apologies", "absent", "substitute"] as const;
export type RegisterMark = (typeof REGISTER_MARKS)[number];
export const REGISTER_MARK_LABELS: Record<RegisterMark, string> = {
  present: "Present",
  apologies: "Apologies",
  absent: "Absent",
  substitute: "Substitute",
};

/** Membership roles that put a person on a meeting's register (not substitutes or officers). */
export const REGISTER_ROLES = ["chair", "vice_chair", "member", "co_opted"] as const;

export interface MembershipTerm {
  personId: string;
  name: string;
  role: string;
  startOn: string | null;
  endOn: string | null;
}

/**
 * The members on the register of a meeting held on `day` (YYYY-MM-DD): those whose term
 * covers that day (both ends included, as app/rules/terms.server.ts counts them), once
 * each, chair first, then by name. Substitutes and officers are not on it.
 */
export function registerMembers<T extends MembershipTerm>(memberships: T[], day: string): T[] {
  const order = (role: string) => Math.max(0, (REGISTER_ROLES as readonly string[]).indexOf(role));
  const covering = memberships.filter(
    (m) => (REGISTER_ROLES as readonly string[]).includes(m.role) && (m.startOn === null || m.startOn <= day) && (m.endOn === null || m.endOn >= day),
  );
  const byPerson = new Map<string, T>();
  for (const m of covering.sort((a, b) => order(a.role) - order(b.role))) if (!byPerson.has(m.personId)) byPerson.set(m.personId, m);
  return [...byPerson.values()].sort((a, b) => order(a.role) - order(b.role) || a.name.localeCompare(b.name));
}

/** People who may substitute on that day: the body's substitutes whose term covers it. */
export function substitutesOn<T extends MembershipTerm>(memberships: T[], day: string): T[] {
  const seen = new Set<string>();
  return memberships.filter((m) => {
    if (m.role !== "substitute" || (m.startOn !== null && m.startOn > day) || (m.endOn !== null && m.endOn < day) || seen.has(m.personId)) return false;
    seen.add(m.personId);
    return true;
  });
}

export interface RecordedAttendance {
  personId: string | null;
  role: string;
  status: AttendanceStatus;
  substituteForId: string | null;
}

/** A member's mark as recorded: "substitute" when someone attended in their place. */
export function markOf(memberId: string, recorded: RecordedAttendance[]): { mark: RegisterMark | null; substituteId: string | null } {
  const sub = recorded.find((r) => r.role === "substitute" && r.substituteForId === memberId);
  if (sub) return { mark: "substitute", substituteId: sub.personId };
  const own = recorded.find((r) => r.personId === memberId);
  return { mark: own ? own.status : null, substituteId: null };
}
