/** Find and follow (issue 7): search, feeds, the open-data API, sitemap, following. */
import { everyone, onlyFor, publicPage, SAMPLE_TOKEN, SIGNED_IN, type Entry } from "../../support/authorization";

const byToken = (path: string): Entry => ({ path, GET: everyone(404), POST: everyone(404) });

export default {
  "routes/search": publicPage(),
  "routes/feeds._index": publicPage(),
  "routes/feeds.meetings[.]ics": publicPage(),
  "routes/feeds.bodies.$file": publicPage({ path: "/feeds/bodies/no-such-body.ics", GET: "readable" }),
  "routes/feeds.meetings.$file": publicPage({ path: "/feeds/meetings/no-such-meeting.ics", GET: "readable" }),
  "routes/feeds.publications[.]atom": publicPage(),
  "routes/feeds.answers[.]atom": publicPage(),
  "routes/feeds.recommendation-responses[.]atom": publicPage(),
  // The secret token is the guard: an unknown one is not found, for everyone.
  "routes/feeds.private.$file": { path: `/feeds/private/${SAMPLE_TOKEN}.ics`, GET: everyone(404), POST: everyone(405) },
  "routes/account.feeds": onlyFor(SIGNED_IN, { GET: 200, POST: 400 }),
  "routes/account.following": onlyFor(SIGNED_IN, { GET: 200, POST: 400 }),
  // Read-only JSON for anyone (always the public's view); other methods 405.
  "routes/api.v1._index": publicPage({ path: "/api/v1" }),
  "routes/api.v1.$": publicPage({ path: "/api/v1/meetings" }),
  "routes/sitemap[.]xml": publicPage(),
  "routes/robots[.]txt": publicPage(),
  // Following: the thing followed must exist (none at the bare address); links' tokens are the guard.
  "routes/follow._index": { GET: everyone(404), POST: everyone(404) },
  "routes/follow.confirm.$token": byToken(`/follow/confirm/${SAMPLE_TOKEN}`),
  "routes/follow.unsubscribe.($token)": byToken(`/follow/unsubscribe/${SAMPLE_TOKEN}`),
  "routes/follow.manage.$token": byToken(`/follow/manage/${SAMPLE_TOKEN}`),
  // A follower's own data (see, delete; download): the manage link's token is the guard.
  "routes/follow.manage.$token_.data": byToken(`/follow/manage/${SAMPLE_TOKEN}/data`),
  "routes/follow.manage.$token_.data[.]json": { path: `/follow/manage/${SAMPLE_TOKEN}/data.json`, GET: everyone(404), POST: everyone(405) },
  // The privacy notice and how to report a vulnerability: for anyone.
  "routes/privacy": publicPage(),
  "routes/[.]well-known.security[.]txt": publicPage(),
} satisfies Record<string, Entry>;
