/** Priorities, annual reviews, inspections, recommendations, links and the tracking report (issue 6). */
import { everyone, onlyFor, publicPage, SAMPLE_UUID, type Entry } from "../../support/authorization";

const CLERKS = ["clerk", "admin"] as const;

const entries: Record<string, Entry> = {
  "routes/priorities._index": publicPage(),
  "routes/priorities.$slug": publicPage({ path: "/priorities/no-such-priority", GET: "readable" }),
  // The sample priority does not exist: clerks get 404, everyone else is refused first.
  "routes/priorities.$slug_.edit": onlyFor(CLERKS, { path: "/priorities/no-such-priority/edit", GET: 404, POST: 404 }),
  "routes/annual-reviews._index": publicPage(),
  "routes/annual-reviews.$slug": publicPage({ path: "/annual-reviews/no-such-review", GET: "readable" }),
  "routes/inspections._index": publicPage(),
  "routes/inspections.$slug": publicPage({ path: "/inspections/no-such-inspection", GET: "readable" }),
  "routes/inspections.timeline": publicPage(),
  "routes/inspections.new": onlyFor(CLERKS, { GET: 200, POST: 400 }),
  "routes/inspections.$slug_.edit": onlyFor(CLERKS, { path: "/inspections/no-such-inspection/edit", GET: 404, POST: 404 }),
  // The register of both sources and its CSV (issue 17): public; what each sees is by recommendationVisible.
  "routes/recommendations._index": publicPage(),
  "routes/recommendations[.]csv": publicPage({ path: "/recommendations.csv" }),
  // Anyone may read a recommendation; only clerks may track it (the sample does not exist: 404).
  "routes/recommendations.$id": {
    path: `/recommendations/${SAMPLE_UUID}`,
    GET: everyone("readable"),
    POST: { public: "sign-in", member: 403, officer: 403, clerk: 404, admin: 404 },
  },
  // No subject given: 404 for clerks.
  "routes/clerk.links": onlyFor(CLERKS, { GET: 404, POST: 400 }),
  "routes/reports.tracking": publicPage(),
  "routes/reports.tracking[.csv]": { path: "/reports/tracking.csv", GET: everyone(400), POST: everyone(405) },
};

export default entries;
