/** The clerk's area (issue 4): clerks and admins only; file downloads are public, under the visibility rules. */
import { onlyFor, publicPage, SAMPLE_UUID, type Entry } from "../../support/authorization";

const CLERKS = ["clerk", "admin"] as const;

const entries: Record<string, Entry> = {
  "routes/clerk._index": onlyFor(CLERKS, { GET: 200, POST: 405 }),
  "routes/clerk.inbox.$key": onlyFor(CLERKS, { path: "/clerk/inbox/responses-overdue", GET: 200, POST: 405 }),
  "routes/clerk.meetings.new": onlyFor(CLERKS, { GET: 200, POST: 400 }),
  "routes/clerk.meetings.$id._index": onlyFor(CLERKS, { path: `/clerk/meetings/${SAMPLE_UUID}`, GET: 404, POST: 400 }),
  "routes/clerk.meetings.$id.edit": onlyFor(CLERKS, { path: `/clerk/meetings/${SAMPLE_UUID}/edit`, GET: 404, POST: 400 }),
  "routes/clerk.meetings.$id.attendance": onlyFor(CLERKS, { path: `/clerk/meetings/${SAMPLE_UUID}/attendance`, GET: 404, POST: 404 }),
  "routes/clerk.meetings.$id.minutes": onlyFor(CLERKS, { path: `/clerk/meetings/${SAMPLE_UUID}/minutes`, GET: 404, POST: 400 }),
  "routes/clerk.items.$id._index": onlyFor(CLERKS, { path: `/clerk/items/${SAMPLE_UUID}`, GET: 404, POST: 400 }),
  // POST without a choice is refused beside the list (400), before the item is looked up.
  "routes/clerk.items.$id.lead-officer": onlyFor(CLERKS, { path: `/clerk/items/${SAMPLE_UUID}/lead-officer`, GET: 404, POST: 400 }),
  "routes/clerk.items.$id.minute": onlyFor(CLERKS, { path: `/clerk/items/${SAMPLE_UUID}/minute`, GET: 404, POST: 400 }),
  "routes/clerk.items.$id.decisions": onlyFor(CLERKS, { path: `/clerk/items/${SAMPLE_UUID}/decisions`, GET: 404, POST: 400 }),
  "routes/clerk.items.$id.exemption": onlyFor(CLERKS, { path: `/clerk/items/${SAMPLE_UUID}/exemption`, GET: 404, POST: 400 }),
  "routes/clerk.items.$id.recommendations": onlyFor(CLERKS, { path: `/clerk/items/${SAMPLE_UUID}/recommendations`, GET: 404, POST: 404 }),
  "routes/clerk.recommendations.$id": onlyFor(CLERKS, { path: `/clerk/recommendations/${SAMPLE_UUID}`, GET: 404, POST: 404 }),
  // POST without an organisation is refused beside the form (400).
  "routes/clerk.response-periods": onlyFor(CLERKS, { GET: 200, POST: 400 }),
  "routes/clerk.items.$id.remove": onlyFor(CLERKS, { path: `/clerk/items/${SAMPLE_UUID}/remove`, GET: 404, POST: 404 }),
  "routes/clerk.documents.$id": onlyFor(CLERKS, { path: `/clerk/documents/${SAMPLE_UUID}`, GET: 404, POST: 400 }),
  "routes/clerk.documents.$id_.recommendations": onlyFor(CLERKS, { path: `/clerk/documents/${SAMPLE_UUID}/recommendations`, GET: 404, POST: 404 }),
  "routes/clerk.history.$type.$id": onlyFor(CLERKS, { path: `/clerk/history/meeting/${SAMPLE_UUID}`, GET: 404, POST: 405 }),
  "routes/files.$id": publicPage({ path: `/files/${SAMPLE_UUID}`, GET: 404 }),
};

export default entries;
