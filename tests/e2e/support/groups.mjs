/**
 * How `npm run test:e2e` shares out the browser-test files (tests/e2e/run.mjs). Three lanes
 * run side by side, each one group after another:
 *   lane 1: "apart", then "second";
 *   lane 2: "shared";
 *   lane 3: "third".
 * A lane mostly waits (on Chromium, its portal and the timers of the timed tests): one lane
 * used about 0.7 of a core, two about 1.4, so a third keeps both cores busy (ADR 052). The
 * groups are sized so the lanes take about as long (docs/decisions/046-ci-time.md, 052).
 */
export const LANES = [["apart", "second"], ["shared"], ["third"]];

/**
 * The browser-test files that run "apart" (tests/e2e/run.mjs): each starts a portal of its
 * own and times nothing, so it can run beside the others without either disturbing the other.
 * Files that time their server (the database outage, two servers, a graceful stop, kill -9,
 * request bodies cut off) stay with the shared run.
 */
export const APART = [
  "tests/e2e/hostile-input.e2e.ts",
  "tests/e2e/leak-canary.e2e.ts",
  "tests/e2e/security-cache.e2e.ts",
  "tests/e2e/peoples-data.e2e.ts",
  "tests/e2e/two-step.e2e.ts",
];

/**
 * Files on a second portal of their own (started for the group by support/global-setup.ts,
 * on a fresh embedded database), after "apart" in its lane. They time nothing and read only
 * the seeded content, so a portal without the other files' records serves them as well.
 */
export const SECOND = [
  "tests/e2e/route-walk.e2e.ts",
  // The read-only readers' files once here (oversight, people-pages, attribution, search,
  // recommendation-register, harness) moved on to "third": with three lanes, "apart" and
  // "second" were the longest lane by 200 s (ADR 052).
];

/**
 * Files on a third portal of their own, in a lane of their own: journeys that write (so not
 * beside the readers of "second", whose walk expects only the seeded content) and time nothing,
 * moved from "shared", and the read-only readers' files (ADR 052). Like "shared", each makes its own
 * records and never counts on another file's.
 */
export const THIRD = [
  "tests/e2e/clerk.e2e.ts",
  "tests/e2e/oversight.e2e.ts",
  "tests/e2e/people-pages.e2e.ts",
  "tests/e2e/attribution.e2e.ts",
  "tests/e2e/search.e2e.ts",
  "tests/e2e/recommendation-register.e2e.ts",
  "tests/e2e/harness.e2e.ts",
  "tests/e2e/officer-cycle.e2e.ts",
  "tests/e2e/questions.e2e.ts",
  "tests/e2e/decisions-exempt.e2e.ts",
  "tests/e2e/agenda-dates.e2e.ts",
  "tests/e2e/meeting-cycle.e2e.ts",
  "tests/e2e/recommendation-journey.e2e.ts",
  "tests/e2e/reader.e2e.ts",
];

/** The files of a group, or null for "shared" (every file in no other group). */
export function groupFiles(group) {
  if (group === "apart") return APART;
  if (group === "second") return SECOND;
  if (group === "third") return THIRD;
  return null;
}

/** The group a file filter (part of a path, as vitest takes it) falls in. */
export function groupOf(filter) {
  const f = filter.replace(/^\.\//, "");
  if (APART.some((a) => a.includes(f))) return "apart";
  if (SECOND.some((a) => a.includes(f))) return "second";
  if (THIRD.some((a) => a.includes(f))) return "third";
  return "shared";
}
