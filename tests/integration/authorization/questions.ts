/** Questions, responses and actions (issue 5). */
import { onlyFor, publicPage, SAMPLE_UUID, type Answers, type Entry } from "../../support/authorization";

const signedIn = (a: Answers["member"]): Answers => ({ public: "sign-in", member: a, officer: a, clerk: a, admin: a });

const entries: Record<string, Entry> = {
  // Anyone may read; any form needs a signed-in person, and the sample record does not exist.
  "routes/questions.$id": { path: `/questions/${SAMPLE_UUID}`, GET: { public: "readable", member: "readable", officer: "readable", clerk: "readable", admin: "readable" }, POST: signedIn(404) },
  "routes/actions.$id": { path: `/actions/${SAMPLE_UUID}`, GET: { public: "readable", member: "readable", officer: "readable", clerk: "readable", admin: "readable" }, POST: signedIn(404) },
  "routes/questions[.]csv": publicPage({ path: "/questions.csv" }),
  "routes/actions._index": publicPage(),
  // From a minute (clerks) or a recommendation (clerks; officers of the inspected organisation):
  // the sample minute does not exist. Who may add one to a real record: tests/integration/actions-origins.test.ts.
  "routes/actions.new": { path: `/actions/new?minute=${SAMPLE_UUID}`, GET: signedIn(404), POST: signedIn(404) },
  "routes/actions[.]csv": publicPage({ path: "/actions.csv" }),
  // Members raise; clerks record for a member; officers may not. Without ?item= the item is not found.
  "routes/questions.new": {
    GET: { public: "sign-in", member: 404, officer: 403, clerk: 404, admin: 404 },
    POST: { public: "sign-in", member: 404, officer: 403, clerk: 404, admin: 404 },
  },
  "routes/my.questions": onlyFor(["member"], { GET: 200, POST: 405 }),
  // The addressee's officer, or a clerk on its behalf; the sample recommendation does not exist.
  // Who may respond to a real one: tests/integration/recommendation-forms.test.ts.
  "routes/officer.recommendations.$id.respond": { path: `/officer/recommendations/${SAMPLE_UUID}/respond`, GET: signedIn(404), POST: signedIn(404) },
  "routes/officer.queue": onlyFor(["officer"], { GET: 200, POST: 405 }),
  // POST sends reminders: an empty form is refused beside the checkboxes (400).
  "routes/clerk.chase": onlyFor(["clerk", "admin"], { GET: 200, POST: 400 }),
};

export default entries;
