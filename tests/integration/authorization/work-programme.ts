/** The work programme (issue 17 item 6; docs/decisions/043-work-programme.md). */
import { everyone, onlyFor, publicPage, SAMPLE_UUID, type Entry } from "../../support/authorization";

const CLERKS = ["clerk", "admin"] as const;

const entries: Record<string, Entry> = {
  // Redirects to this municipal year's page.
  "routes/work-programme._index": { GET: everyone(302), POST: everyone(405) },
  "routes/work-programme.$year": publicPage({ path: "/work-programme/2026-27" }),
  "routes/work-programme.$year_.coverage": publicPage({ path: "/work-programme/2026-27/coverage" }),
  // The sample topic does not exist.
  "routes/work-programme.topics.$id": publicPage({ path: `/work-programme/topics/${SAMPLE_UUID}`, GET: 404 }),
  // A member proposes (a clerk may too); an empty form is refused beside its fields.
  "routes/work-programme.propose": onlyFor(["member", "clerk", "admin"], { GET: 200, POST: 400 }),
  "routes/clerk.work-programme._index": onlyFor(CLERKS, { GET: 200, POST: 405 }),
  "routes/clerk.work-programme.$id": onlyFor(CLERKS, { path: `/clerk/work-programme/${SAMPLE_UUID}`, GET: 404, POST: 404 }),
};

export default entries;
