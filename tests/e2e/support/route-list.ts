/**
 * The route walk's list (tests/e2e/route-walk.e2e.ts): for every route module in
 * app/routes/, the address to visit (with real ids and slugs from the seeded
 * content, found when the walk starts), what each role should get there, and for
 * a page its own <h1> and <title>; for a resource (feed, CSV, API, file) its
 * content type. A route file without a line here fails the walk.
 *
 * Outcomes, per role:
 * - "page": 200, exactly one <h1> matching `h1`, the <title> "<own> – <site name>"
 *   with <own> matching `title` (default: `h1`), and no axe violations;
 * - "sign-in": a redirect to /sign-in?redirectTo=<the address>;
 * - 403: the refusal page ("You cannot see this page", and that as its title);
 * - 404: the not-found page ("Page not found", and that as its title), unless the
 *   entry gives its own not-found heading (a link page: "This link cannot be used").
 * A resource is checked for status and content type only.
 */
import { text } from "./browser";

export type Who = "public" | "member" | "officer" | "clerk" | "admin";
export const WHO: Who[] = ["public", "member", "officer", "clerk", "admin"];
const SIGNED_IN: Who[] = ["member", "officer", "clerk", "admin"];
const CLERKS: Who[] = ["clerk", "admin"];

export type Outcome = "page" | "sign-in" | 403 | 404 | 405;

/** Real records of the seeded content (content/), looked up when the walk starts. */
export interface WalkFixtures {
  meeting: { id: string; slug: string; name: string };
  item: { id: string; title: string };
  question: { id: string; text: string };
  document: { id: string; slug: string; title: string };
  priority: { id: string; slug: string; title: string };
  inspection: { id: string; slug: string; title: string };
  recommendation: { id: string; text: string };
  body: { id: string; slug: string; name: string };
  annualReview: { slug: string; title: string };
  /** Found as a clerk or an administrator, from their own lists. */
  person: { id: string; name: string };
  membership: { id: string };
  user: { id: string; name: string };
}

type Pattern = RegExp | ((f: WalkFixtures) => RegExp);
type Address = string | ((f: WalkFixtures) => string);

export interface PageEntry {
  kind: "page";
  path?: Address;
  /** The page's own heading. */
  h1: Pattern;
  /** The own part of the <title> (before " – site name"); default: the h1 pattern. */
  title?: Pattern;
  /** The heading a 404 for this route shows, when not the generic "Page not found". */
  notFoundH1?: RegExp;
  roles: Record<Who, Outcome>;
  /**
   * Run axe for every role that sees the page (its content differs by role: forms,
   * the header's own links). Otherwise axe runs once per route, as the first role to reach it.
   */
  axeEveryRole?: boolean;
  /** Why an entry is not the plain case. */
  note?: string;
}

export interface ResourceEntry {
  kind: "resource";
  path?: Address;
  contentType: RegExp;
  status?: number;
  roles?: Record<Who, Outcome>;
  note?: string;
}

export type WalkEntry = PageEntry | ResourceEntry;

const all = (o: Outcome): Record<Who, Outcome> => ({ public: o, member: o, officer: o, clerk: o, admin: o });

/** Who sees the page: those roles get it, other signed-in roles 403, the public is sent to sign in. */
function onlyFor(roles: Who[]): Record<Who, Outcome> {
  return Object.fromEntries(WHO.map((w) => [w, roles.includes(w) ? "page" : w === "public" ? "sign-in" : 403])) as Record<Who, Outcome>;
}

/** A literal heading, matched whole (apostrophes either way, spacing loose). */
const exactly = (value: string): RegExp => new RegExp(`^\\s*${text(value).source}\\s*$`, "i");
/** Text the heading must contain (a caption may come before it). */
const contains = (value: string): RegExp => new RegExp(text(value).source, "i");

/** A person's name as the list shows it ("Councillor Demo Member"), with or without the leading words. */
function withOrWithoutHonorific(name: string): RegExp {
  const words = name.trim().split(/\s+/);
  const endings = words.map((_, i) => text(words.slice(i).join(" ")).source);
  return new RegExp(`^\\s*(${endings.join("|")})\\s*$`, "i");
}

const page = (h1: Pattern, more: Partial<PageEntry> = {}): PageEntry => ({ kind: "page", h1, roles: all("page"), ...more });
/** A page whose content differs by role: axe runs for each. */
const perRole = (h1: Pattern, more: Partial<PageEntry> = {}): PageEntry => page(h1, { axeEveryRole: true, ...more });

export const NOT_FOUND_H1 = /^\s*Page not found\s*$/;
export const FORBIDDEN_H1 = /^\s*You cannot see this page\s*$/;
const LINK_UNUSABLE = /^\s*This link cannot be used\s*$/;
/** An id no record has. */
export const UNKNOWN_ID = "00000000-0000-4000-8000-000000000000";
const UNKNOWN_TOKEN = "not-a-real-token-aaaaaaaaaaaaaaaaaaaaaaaa";

export const ROUTE_WALK: Record<string, WalkEntry> = {
  // Reading the public record.
  "routes/_index": perRole(/Board papers and questions/i, { title: exactly("Home") }),
  "routes/$": page(NOT_FOUND_H1, { path: "/no-such-page", roles: all(404), note: "the not-found page itself" }),
  "routes/about": page(exactly("About this portal and its sources")),
  "routes/accessibility": page(exactly("Accessibility statement")),
  "routes/privacy": page(exactly("Privacy notice")),
  "routes/[.]well-known.security[.]txt": { kind: "resource", path: "/.well-known/security.txt", contentType: /^text\/plain/ },
  "routes/meetings._index": page(exactly("Meetings")),
  "routes/meetings.calendar": page(exactly("Meeting calendar"), { title: /^\s*Meeting calendar: [A-Z][a-z]+ \d{4}\s*$/ }),
  "routes/meetings.$slug": perRole((f) => contains(f.meeting.name), { path: (f) => `/meetings/${f.meeting.slug}` }),
  // The agenda pack: its heading is the meeting's, its title says it is the pack.
  "routes/meetings.$slug_.pack": page((f) => contains(f.meeting.name), {
    path: (f) => `/meetings/${f.meeting.slug}/pack`,
    title: (f) => contains(`Agenda pack: ${f.meeting.name}`),
  }),
  // The agenda pack and the minutes as PDFs (issue 18, item 6).
  "routes/meetings.$slug_.agenda-pack[.]pdf": { kind: "resource", path: (f) => `/meetings/${f.meeting.slug}/agenda-pack.pdf`, contentType: /^application\/pdf$/ },
  "routes/meetings.$slug_.minutes[.]pdf": { kind: "resource", path: (f) => `/meetings/${f.meeting.slug}/minutes.pdf`, contentType: /^application\/pdf$/ },
  "routes/agenda-items.$id": perRole((f) => contains(f.item.title), { path: (f) => `/agenda-items/${f.item.id}` }),
  "routes/bodies._index": page(exactly("Boards and committees")),
  "routes/bodies.$slug": page((f) => contains(f.body.name), { path: (f) => `/bodies/${f.body.slug}` }),
  "routes/people._index": page(exactly("People")),
  // A person the sources name (content/people/emma-taylor.md): public for every role.
  "routes/people.$slug": page(exactly("Emma Taylor"), { path: "/people/emma-taylor" }),
  "routes/decisions._index": page(exactly("Decisions")),
  "routes/decisions[.]csv": { kind: "resource", path: "/decisions.csv", contentType: /^text\/csv/ },
  "routes/decisions.$id": page(NOT_FOUND_H1, {
    path: `/decisions/${UNKNOWN_ID}`,
    roles: all(404),
    note: "the seeded minutes state no resolution, so there is no seeded decision (ADR 034): an unknown id is a 404 for everyone",
  }),
  "routes/documents._index": page(exactly("Documents")),
  "routes/documents.$slug": page((f) => exactly(f.document.title), { path: (f) => `/documents/${f.document.slug}` }),
  "routes/priorities._index": page(exactly("Strategic priorities")),
  "routes/priorities.$slug": page((f) => contains(f.priority.title), {
    path: (f) => `/priorities/${f.priority.slug}`,
    title: (f) => contains(f.priority.title),
  }),
  "routes/priorities.$slug_.edit": page(/Edit priority/i, {
    path: (f) => `/priorities/${f.priority.slug}/edit`,
    title: (f) => contains(`Edit priority: ${f.priority.title}`),
    roles: onlyFor(CLERKS),
  }),
  "routes/annual-reviews._index": page(exactly("Annual reviews")),
  "routes/annual-reviews.$slug": page((f) => exactly(f.annualReview.title), { path: (f) => `/annual-reviews/${f.annualReview.slug}` }),
  "routes/inspections._index": page(exactly("Inspections and visits")),
  "routes/inspections.timeline": page(exactly("Inspection history")),
  "routes/inspections.$slug": page((f) => exactly(f.inspection.title), { path: (f) => `/inspections/${f.inspection.slug}` }),
  "routes/inspections.new": page(exactly("Record an inspection or visit"), { roles: onlyFor(CLERKS) }),
  "routes/inspections.$slug_.edit": page((f) => exactly(`Edit: ${f.inspection.title}`), {
    path: (f) => `/inspections/${f.inspection.slug}/edit`,
    roles: onlyFor(CLERKS),
  }),
  "routes/recommendations._index": page(exactly("Recommendations")),
  "routes/recommendations[.]csv": { kind: "resource", path: "/recommendations.csv", contentType: /^text\/csv/ },
  "routes/recommendations.$id": perRole((f) => contains(f.recommendation.text), {
    path: (f) => `/recommendations/${f.recommendation.id}`,
    // The title names the recommendation's reference and its inspection.
    title: (f) => new RegExp(`^R\\d+: ${text(f.inspection.title).source}$`, "i"),
  }),
  // The work programme (issue 17 item 6): /work-programme redirects to this municipal year's page.
  "routes/work-programme._index": perRole(/^\s*Work programme \d{4}-\d{2}\s*$/i, { note: "redirects to this municipal year's page" }),
  "routes/work-programme.$year": perRole(exactly("Work programme 2026-27"), { path: "/work-programme/2026-27" }),
  "routes/work-programme.$year_.coverage": page(exactly("How the 2026-27 programme covers each priority"), {
    path: "/work-programme/2026-27/coverage",
    title: exactly("Priority coverage 2026-27"),
  }),
  "routes/work-programme.topics.$id": page(NOT_FOUND_H1, {
    path: `/work-programme/topics/${UNKNOWN_ID}`,
    roles: all(404),
    note: "the seeded content has no work programme (it is not in the sources): the walk sees the not-found page",
  }),
  "routes/work-programme.propose": page(exactly("Propose a topic for the work programme"), {
    roles: { public: "sign-in", member: "page", officer: 403, clerk: "page", admin: "page" },
  }),
  "routes/clerk.work-programme._index": page(/^\s*Work programme \d{4}-\d{2}\s*$/i, { title: exactly("Work programme"), roles: onlyFor(CLERKS) }),
  "routes/clerk.work-programme.$id": page(NOT_FOUND_H1, {
    path: `/clerk/work-programme/${UNKNOWN_ID}`,
    roles: { public: "sign-in", member: 403, officer: 403, clerk: 404, admin: 404 },
    note: "no seeded topic: clerks see the not-found page",
  }),
  "routes/reports.tracking": page(exactly("Recommendation and action tracker")),
  "routes/reports.tracking[.csv]": {
    kind: "resource",
    path: "/reports/tracking.csv?from=2017-01-01&to=2026-12-31",
    contentType: /^text\/csv/,
  },
  "routes/questions._index": page(exactly("Questions and responses")),
  "routes/questions.$id": perRole((f) => exactly(f.question.text), {
    path: (f) => `/questions/${f.question.id}`,
    title: (f) => exactly(`Question: ${f.question.text}`),
  }),
  "routes/questions.new": perRole(/^\s*(Raise a question|Record a question raised at the meeting)\s*$/i, {
    path: (f) => `/questions/new?item=${f.item.id}`,
    title: exactly("Raise a question"),
    roles: { public: "sign-in", member: "page", officer: 403, clerk: "page", admin: "page" },
  }),
  "routes/questions[.]csv": { kind: "resource", path: "/questions.csv", contentType: /^text\/csv/ },
  "routes/actions._index": page(exactly("Follow-up actions")),
  "routes/actions.$id": page(NOT_FOUND_H1, {
    path: `/actions/${UNKNOWN_ID}`,
    roles: all(404),
    note: "the seeded content has no action: the walk sees the not-found page",
  }),
  "routes/actions.new": perRole(exactly("Add an action"), {
    path: (f) => `/actions/new?recommendation=${f.recommendation.id}`,
    // The recommendation is the 2018 inspection's, of the council's services: not the officer's organisation.
    roles: { public: "sign-in", member: 403, officer: 403, clerk: "page", admin: "page" },
  }),
  "routes/actions[.]csv": { kind: "resource", path: "/actions.csv", contentType: /^text\/csv/ },
  "routes/my.questions": page(exactly("My questions"), { roles: onlyFor(["member"]) }),
  "routes/officer.recommendations.$id.respond": page(NOT_FOUND_H1, {
    path: `/officer/recommendations/${UNKNOWN_ID}/respond`,
    roles: { public: "sign-in", member: 404, officer: 404, clerk: 404, admin: 404 },
    note: "the seeded content has no board recommendation: tests/e2e/recommendation-journey.e2e.ts responds to a real one",
  }),
  "routes/officer.queue": page(exactly("Awaiting our response"), { roles: onlyFor(["officer"]) }),
  "routes/search": page(exactly("Search"), { path: "/search?q=safe", title: exactly("Search: safe") }),
  "routes/files.$id": {
    kind: "resource",
    path: `/files/${UNKNOWN_ID}`,
    status: 404,
    contentType: /^text\/(plain|html)/,
    note: "the seeded content has no uploaded file",
  },

  // Feeds, the open-data API, sitemap and robots.
  "routes/feeds._index": page(exactly("Calendars and news feeds")),
  "routes/feeds.meetings[.]ics": { kind: "resource", path: "/feeds/meetings.ics", contentType: /^text\/calendar/ },
  "routes/feeds.meetings.$file": {
    kind: "resource",
    path: (f) => `/feeds/meetings/${f.meeting.slug}.ics`,
    status: 404,
    contentType: /^text\/(plain|html)/,
    note: "the seeded meeting's day is not in the sources, so it has no calendar file",
  },
  "routes/feeds.bodies.$file": { kind: "resource", path: (f) => `/feeds/bodies/${f.body.slug}.ics`, contentType: /^text\/calendar/ },
  "routes/feeds.publications[.]atom": { kind: "resource", path: "/feeds/publications.atom", contentType: /^application\/atom\+xml/ },
  "routes/feeds.answers[.]atom": { kind: "resource", path: "/feeds/answers.atom", contentType: /^application\/atom\+xml/ },
  "routes/feeds.recommendation-responses[.]atom": { kind: "resource", path: "/feeds/recommendation-responses.atom", contentType: /^application\/atom\+xml/ },
  "routes/feeds.private.$file": {
    kind: "resource",
    path: `/feeds/private/${UNKNOWN_TOKEN}.ics`,
    status: 404,
    contentType: /^text\/(plain|html)/,
    note: "a private calendar's token is only shown to its owner",
  },
  "routes/api.v1._index": { kind: "resource", path: "/api/v1", contentType: /^application\/json/ },
  "routes/api.v1.bulk[.]zip": { kind: "resource", path: "/api/v1/bulk.zip", contentType: /^application\/zip$/ },
  "routes/api.v1.$": { kind: "resource", path: (f) => `/api/v1/meetings/${f.meeting.id}`, contentType: /^application\/json/ },
  "routes/sitemap[.]xml": { kind: "resource", path: "/sitemap.xml", contentType: /^application\/xml/ },
  "routes/robots[.]txt": { kind: "resource", path: "/robots.txt", contentType: /^text\/plain/ },

  // Following by e-mail. The tokens are only ever in e-mails: the walk sees a stale link's page.
  "routes/follow._index": perRole((f) => contains(f.priority.title), {
    path: (f) => `/follow?type=priority&id=${f.priority.id}`,
    title: (f) => exactly(`Follow: ${f.priority.title}`),
  }),
  "routes/follow.confirm.$token": page(NOT_FOUND_H1, {
    path: `/follow/confirm/${UNKNOWN_TOKEN}`,
    roles: all(404),
    note: "a confirmation link's token is only in its e-mail: the walk sees a stale link's page",
  }),
  "routes/follow.manage.$token": page(NOT_FOUND_H1, {
    path: `/follow/manage/${UNKNOWN_TOKEN}`,
    roles: all(404),
    note: "a manage link's token is only in e-mails: the walk sees a stale link's page",
  }),
  "routes/follow.manage.$token_.data": page(NOT_FOUND_H1, {
    path: `/follow/manage/${UNKNOWN_TOKEN}/data`,
    roles: all(404),
    note: "a follower's own data, behind the manage link's token (only in e-mails): the walk sees a stale link's page",
  }),
  "routes/follow.manage.$token_.data[.]json": {
    kind: "resource",
    path: `/follow/manage/${UNKNOWN_TOKEN}/data.json`,
    status: 404,
    contentType: /^text\/(plain|html)/,
    note: "a follower's own data as JSON, behind the manage link's token",
  },
  "routes/follow.unsubscribe.($token)": page(LINK_UNUSABLE, {
    path: `/follow/unsubscribe/${UNKNOWN_TOKEN}`,
    title: exactly("Stop following"),
    roles: all(404),
    notFoundH1: LINK_UNUSABLE,
    note: "an unsubscribe link's token is only in e-mails",
  }),

  // Accounts.
  // Signed in, the same address says so and offers to sign out.
  "routes/sign-in": perRole(/^\s*(Sign in|You are already signed in)\s*$/, { title: exactly("Sign in") }),
  "routes/sign-out": { kind: "resource", path: "/sign-out", status: 405, contentType: /^text\// , note: "signing out is a form's POST" },
  "routes/forgot-password": page(exactly("Reset your password")),
  "routes/reset-password.$token": page(LINK_UNUSABLE, {
    path: `/reset-password/${UNKNOWN_TOKEN}`,
    roles: all(404),
    notFoundH1: LINK_UNUSABLE,
    title: exactly("Choose a new password"),
  }),
  "routes/invite.$token": page(LINK_UNUSABLE, {
    path: `/invite/${UNKNOWN_TOKEN}`,
    roles: all(404),
    notFoundH1: LINK_UNUSABLE,
    title: exactly("Set up your account"),
  }),
  "routes/account._index": page(exactly("Your account"), { roles: onlyFor(SIGNED_IN) }),
  "routes/account.following": page(exactly("What you follow"), { roles: onlyFor(SIGNED_IN) }),
  "routes/account.feeds": page(exactly("Your private calendar"), { roles: onlyFor(SIGNED_IN) }),
  "routes/account.sessions": page(exactly("Where you are signed in"), { roles: onlyFor(SIGNED_IN) }),
  "routes/account.two-step": perRole(exactly("Two-step verification"), { roles: onlyFor(SIGNED_IN) }),
  "routes/sign-in_.two-step": page(exactly("Enter your security code"), {
    roles: all("sign-in"),
    note: "only a sign-in whose password was right and that waits for a code reaches the form",
  }),

  // The clerk's area.
  "routes/clerk._index": page(exactly("Clerk's dashboard"), { roles: onlyFor(CLERKS) }),
  "routes/clerk.chase": page(exactly("Chase list"), { roles: onlyFor(CLERKS) }),
  "routes/clerk.inbox.$key": page(exactly("Responses overdue"), { path: () => "/clerk/inbox/responses-overdue", roles: onlyFor(CLERKS) }),
  "routes/clerk.links": page(NOT_FOUND_H1, { roles: { public: "sign-in", member: 403, officer: 403, clerk: 404, admin: 404 }, note: "linking is a form's POST" }),
  "routes/clerk.meetings.new": page(exactly("Create a meeting"), { roles: onlyFor(CLERKS) }),
  "routes/clerk.meetings.$id._index": page((f) => contains(f.meeting.name), {
    path: (f) => `/clerk/meetings/${f.meeting.id}`,
    title: (f) => exactly(`Agenda: ${f.meeting.name}`),
    roles: onlyFor(CLERKS),
  }),
  "routes/clerk.meetings.$id.edit": page((f) => exactly(`Edit ${f.meeting.name}`), {
    path: (f) => `/clerk/meetings/${f.meeting.id}/edit`,
    title: (f) => exactly(`Edit: ${f.meeting.name}`),
    roles: onlyFor(CLERKS),
  }),
  "routes/clerk.meetings.$id.attendance": page((f) => exactly(`Attendance: ${f.meeting.name}`), {
    path: (f) => `/clerk/meetings/${f.meeting.id}/attendance`,
    roles: onlyFor(CLERKS),
  }),
  "routes/clerk.meetings.$id.minutes": page((f) => exactly(`Minutes: ${f.meeting.name}`), {
    path: (f) => `/clerk/meetings/${f.meeting.id}/minutes`,
    roles: onlyFor(CLERKS),
  }),
  "routes/clerk.items.$id._index": page((f) => new RegExp(`^\\s*Item \\d+: ${text(f.item.title).source}\\s*$`, "i"), {
    path: (f) => `/clerk/items/${f.item.id}`,
    roles: onlyFor(CLERKS),
  }),
  "routes/clerk.items.$id.lead-officer": page((f) => new RegExp(`^\\s*Lead officer for item \\d+: ${text(f.item.title).source}\\s*$`, "i"), {
    path: (f) => `/clerk/items/${f.item.id}/lead-officer`,
    roles: onlyFor(CLERKS),
  }),
  "routes/clerk.items.$id.minute": page((f) => new RegExp(`^\\s*Minute: \\d+\\. ${text(f.item.title).source}\\s*$`, "i"), {
    path: (f) => `/clerk/items/${f.item.id}/minute`,
    roles: onlyFor(CLERKS),
  }),
  "routes/clerk.items.$id.decisions": page((f) => new RegExp(`^\\s*Decisions: \\d+\\. ${text(f.item.title).source}\\s*$`, "i"), {
    path: (f) => `/clerk/items/${f.item.id}/decisions`,
    roles: onlyFor(CLERKS),
  }),
  "routes/clerk.items.$id.exemption": page((f) => new RegExp(`^\\s*Exemption: \\d+\\. ${text(f.item.title).source}\\s*$`, "i"), {
    path: (f) => `/clerk/items/${f.item.id}/exemption`,
    roles: onlyFor(CLERKS),
  }),
  "routes/clerk.items.$id.remove": page((f) => new RegExp(`^\\s*Remove item \\d+: ${text(f.item.title).source}\\s*$`, "i"), {
    path: (f) => `/clerk/items/${f.item.id}/remove`,
    roles: onlyFor(CLERKS),
  }),
  "routes/clerk.items.$id.recommendations": page((f) => new RegExp(`^\\s*Recommendations: \\d+\\. ${text(f.item.title).source}\\s*$`, "i"), {
    path: (f) => `/clerk/items/${f.item.id}/recommendations`,
    roles: onlyFor(CLERKS),
  }),
  "routes/clerk.recommendations.$id": page(NOT_FOUND_H1, {
    path: `/clerk/recommendations/${UNKNOWN_ID}`,
    roles: { public: "sign-in", member: 403, officer: 403, clerk: 404, admin: 404 },
    note: "the seeded content has no board recommendation: tests/e2e/recommendation-journey.e2e.ts visits a real one",
  }),
  "routes/clerk.response-periods": page(exactly("Response periods for the board's recommendations"), { roles: onlyFor(CLERKS) }),
  "routes/clerk.documents.$id": page((f) => exactly(f.document.title), {
    path: (f) => `/clerk/documents/${f.document.id}`,
    title: (f) => exactly(`Document: ${f.document.title}`),
    roles: onlyFor(CLERKS),
  }),
  "routes/clerk.documents.$id_.recommendations": page((f) => exactly(`Recommendations: ${f.document.title}`), {
    path: (f) => `/clerk/documents/${f.document.id}/recommendations`,
    roles: onlyFor(CLERKS),
  }),
  "routes/clerk.history.$type.$id": page(NOT_FOUND_H1, {
    path: (f) => `/clerk/history/meeting/${f.meeting.id}`,
    roles: { public: "sign-in", member: 403, officer: 403, clerk: 404, admin: 404 },
    note: "the imported meeting has never been edited, so it has no history of changes",
  }),
  "routes/clerk.bodies._index": page(exactly("Boards and committees"), { roles: onlyFor(CLERKS) }),
  "routes/clerk.bodies.new": page(exactly("Add a board or committee"), { roles: onlyFor(CLERKS) }),
  "routes/clerk.bodies.$id": page((f) => exactly(f.body.name), { path: (f) => `/clerk/bodies/${f.body.id}`, roles: onlyFor(CLERKS) }),
  "routes/clerk.people._index": page(exactly("People"), { roles: onlyFor(CLERKS) }),
  "routes/clerk.people.new": page(exactly("Add a person"), { roles: onlyFor(CLERKS) }),
  "routes/clerk.people.$id": page((f) => withOrWithoutHonorific(f.person.name), { path: (f) => `/clerk/people/${f.person.id}`, roles: onlyFor(CLERKS) }),
  "routes/clerk.memberships.$id": page((f) => new RegExp(`^\\s*.+ on ${text(f.body.name).source}\\s*$`, "i"), { path: (f) => `/clerk/memberships/${f.membership.id}`, roles: onlyFor(CLERKS) }),

  // Administration.
  "routes/admin._index": page(exactly("Administration"), { roles: onlyFor(["admin"]) }),
  "routes/admin.users._index": page(exactly("Accounts"), { roles: onlyFor(["admin"]) }),
  "routes/admin.users.new": page(exactly("Invite someone"), { roles: onlyFor(["admin"]) }),
  "routes/admin.users.$id": page((f) => exactly(f.user.name), { path: (f) => `/admin/users/${f.user.id}`, roles: onlyFor(["admin"]) }),
  "routes/admin.outbox": page(exactly("Outbox"), { roles: onlyFor(["admin"]) }),
  "routes/admin.audit": page(exactly("Audit log"), { roles: onlyFor(["admin"]) }),
  "routes/admin.settings": page(exactly("Settings"), { roles: onlyFor(["admin"]) }),
};

export function resolve<T>(value: T | ((f: WalkFixtures) => T), f: WalkFixtures): T {
  return typeof value === "function" ? (value as (f: WalkFixtures) => T)(f) : value;
}
