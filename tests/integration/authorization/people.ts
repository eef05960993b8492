/** Boards and committees, people and memberships (clerks and admins), and the settings (admins only). */
import { onlyFor, SAMPLE_UUID, type Entry } from "../../support/authorization";

const CLERKS = ["clerk", "admin"] as const;

const entries: Record<string, Entry> = {
  "routes/clerk.bodies._index": onlyFor(CLERKS, { GET: 200, POST: 405 }),
  "routes/clerk.bodies.new": onlyFor(CLERKS, { GET: 200, POST: 400 }),
  "routes/clerk.bodies.$id": onlyFor(CLERKS, { path: `/clerk/bodies/${SAMPLE_UUID}`, GET: 404, POST: 404 }),
  "routes/clerk.people._index": onlyFor(CLERKS, { GET: 200, POST: 405 }),
  "routes/clerk.people.new": onlyFor(CLERKS, { GET: 200, POST: 400 }),
  "routes/clerk.people.$id": onlyFor(CLERKS, { path: `/clerk/people/${SAMPLE_UUID}`, GET: 404, POST: 404 }),
  "routes/clerk.memberships.$id": onlyFor(CLERKS, { path: `/clerk/memberships/${SAMPLE_UUID}`, GET: 404, POST: 404 }),
  "routes/admin.settings": onlyFor(["admin"], { GET: 200, POST: 400 }),
};

export default entries;
