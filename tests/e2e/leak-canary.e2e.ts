/**
 * The leak canary over HTTP (issue #20 item 1; ADR 030), against the built server
 * (its own, with an SMTP catcher so follow e-mails arrive as they would).
 *
 * Through the portal's own forms (tests/e2e/support/canary-records.ts) a clerk, a
 * member and an officer make a draft meeting, a draft item and report, an exempt
 * item with its report, minute and a board recommendation agreed there, a response the public never sees, a question
 * never accepted and a private follow, each carrying its own marker. Then, as the
 * public, a member and an officer, every address reachable from the home page,
 * the sitemap, /feeds, /api/v1 and the CSVs is fetched (links, feeds, API pages,
 * files, print views), with searches for each marker, near misses and the words
 * around them, and each canary record's own addresses; no answer may hold a
 * marker that person must not see. The e-mails the board's public followers get
 * for the agenda and the minutes are checked the same way. Each test prints how
 * many addresses it fetched; LEAK_CANARY_KINDS=1 lists every kind of address too.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { crawl, type CrawlResult, kindOf } from "./support/canary-crawl";
import {
  type CanaryRecords,
  makeCanaryRecords,
  MARKERS,
  type MarkerName,
  PRIVATE_FOLLOWER_EMAIL,
  READER_EMAIL,
} from "./support/canary-records";
import { HttpSession } from "./support/http-session";
import { type PortalServer, startPortal } from "./support/server";
import { type SmtpCatcher, startSmtpCatcher } from "./support/smtp";

let portal: PortalServer;
let smtp: SmtpCatcher;
let site: RegExp;
let records: CanaryRecords;
const sessions = {} as Record<"public" | "member" | "officer" | "clerk", HttpSession>;
const fetched: Record<string, number> = {};
/** Mails already used for a confirmation link. */
const usedMails = new Set<number>();

function recipientOf(mail: string): string {
  return mail.match(/^To:\s*(.*)$/im)?.[1].trim().replace(/^.*</, "").replace(/>.*$/, "").toLowerCase() ?? "";
}

async function confirmLink(email: string): Promise<string> {
  const end = Date.now() + 30_000;
  for (;;) {
    for (const [i, mail] of smtp.mails.entries()) {
      if (usedMails.has(i) || recipientOf(mail) !== email.toLowerCase()) continue;
      const link = mail.match(/\/follow\/confirm\/[A-Za-z0-9_.-]{16,}/)?.[0];
      if (!link) continue;
      usedMails.add(i);
      return link;
    }
    if (Date.now() > end) throw new Error(`no follow confirmation e-mail reached ${email}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** What each person must never see. The member sees exempt content; the officer the question put to their organisation and its answer. */
const HIDDEN_FROM: Record<"public" | "member" | "officer", MarkerName[]> = {
  public: Object.keys(MARKERS) as MarkerName[],
  member: ["draftMeeting", "draftItem", "draftDocument", "privateFollow"],
  officer: ["draftMeeting", "draftItem", "draftDocument", "exemptItem", "exemptReport", "exemptMinute", "exemptAction", "exemptDecision", "exemptRecommendation", "pendingQuestion", "privateFollow"],
};

const markersFor = (names: MarkerName[]) => Object.fromEntries(names.map((n) => [n, MARKERS[n]]));

/** Words near the markers in the canary's records: a search for them must not bring the hidden text back. */
const WORDS_AROUND = ["restructure", "staffing", "posts", "twelve", "resolved", "canary", "confidential", "paper", "room", "late", "draft", "report", "minute", "response"];

async function searchKinds(): Promise<string[]> {
  const page = (await sessions.public.get("/search")).body;
  const select = page.match(/<select[^>]*name="kind"[\s\S]*?<\/select>/)?.[0] ?? "";
  return [...select.matchAll(/value="([^"]+)"/g)].map((m) => m[1]);
}

/**
 * Searches for each marker, as a phrase, with another word and by date, near misses of it, every
 * kind of record for all the markers at once (one search a kind: any of them found fails it, by
 * its text or its count), and the words around.
 */
async function searchPaths(names: MarkerName[]): Promise<string[]> {
  const kinds = await searchKinds();
  const q = (words: string, extra = "") => `/search?q=${encodeURIComponent(words)}${extra}`;
  const paths: string[] = [];
  const all = names.map((name) => MARKERS[name].toLowerCase());
  for (const m of all) {
    paths.push(q(m), q(`"${m}"`), q(`${m} OR canary`), q(m, "&sort=date"));
    // Near misses ("did you mean"): a letter changed, a letter dropped, the stem.
    paths.push(q(m.replace(/q7$/, "q8")), q(m.slice(0, -3) + m.slice(-2)), q(m.slice(0, -2)));
  }
  paths.push(...kinds.map((k) => q(all.join(" OR "), `&kind=${k}`)));
  for (const word of WORDS_AROUND) paths.push(q(word), q(word, "&sort=date"));
  return paths;
}

function seeds(): string[] {
  return [
    "/",
    "/sitemap.xml",
    "/robots.txt",
    "/feeds",
    "/feeds/meetings.ics",
    "/feeds/publications.atom",
    "/feeds/answers.atom",
    `/feeds/bodies/${records.body.slug}.atom`,
    `/feeds/bodies/${records.body.slug}.ics`,
    "/api/v1",
    "/api/v1/bulk.zip",
    ...["meetings", "documents", "questions", "actions", "bodies", "people", "priorities", "inspections", "recommendations"].map(
      (r) => `/api/v1/${r}?per_page=200`,
    ),
    "/questions.csv",
    "/actions.csv",
    "/recommendations",
    "/recommendations?source=board",
    "/recommendations.csv",
    "/recommendations.csv?source=board",
    "/feeds/recommendation-responses.atom",
    "/reports/tracking",
    "/reports/tracking.csv",
    "/reports/tracking.csv?table=response-timeliness",
    `/bodies/${records.body.slug}`,
    ...records.publicPaths,
    ...records.hiddenPaths,
  ];
}

/** A signed-in person's private calendar address (made through /account/feeds; shown once). */
async function privateFeed(session: HttpSession): Promise<string> {
  const answer = await session.post("/account/feeds", { intent: "generate" });
  const path = answer.body.match(/\/feeds\/private\/[A-Za-z0-9_-]+\.ics/)?.[0];
  if (!path) throw new Error(`${session.who}: no private calendar address on /account/feeds (${answer.status})`);
  return path;
}

async function crawlAs(who: "public" | "member" | "officer", total: number): Promise<CrawlResult> {
  const names = HIDDEN_FROM[who];
  const mine = ["/account", "/account/following", "/account/feeds"];
  const own =
    who === "public" ? [] : [...mine, who === "member" ? "/my/questions" : "/officer/queue", await privateFeed(sessions[who])];
  const started = Date.now();
  const result = await crawl({
    session: sessions[who],
    seeds: [...seeds(), ...own, ...(await searchPaths(names))],
    markers: markersFor(names),
    site,
    // Every kind of address, a dozen of each: more meetings or municipal years (each year's
    // page links the next) read through the same loader and add time, not coverage.
    perKind: 12,
    total,
    concurrency: 3,
  });
  fetched[who] = result.fetched;
  if (process.env.LEAK_CANARY_KINDS) {
    // Every kind of address fetched, with how many: what the crawl covered.
    const kinds = new Map<string, number>();
    for (const path of result.statuses.keys()) kinds.set(kindOf(path), (kinds.get(kindOf(path)) ?? 0) + 1);
    console.log([...kinds].sort().map(([k, n]) => `  ${n}\t${k}`).join("\n"));
  }
  console.log(
    `Leak canary as ${who === "public" ? "the public" : who === "officer" ? "an officer" : "a member"}: ${result.fetched} paths fetched ` +
      `(${result.skipped} more skipped by the per-kind cap), ${result.leaks.length + result.errors.length} failures, ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  return result;
}

beforeAll(async () => {
  smtp = await startSmtpCatcher();
  portal = await startPortal({ env: { SMTP_URL: smtp.url, API_RATE_LIMIT_PER_MINUTE: "1000000" } });
  const port = new URL(portal.baseURL).port;
  site = new RegExp(`https?://(?:localhost|127\\.0\\.0\\.1):${port}`);
  for (const who of ["public", "member", "officer", "clerk"] as const) {
    sessions[who] = new HttpSession(portal.baseURL, who);
    if (who !== "public") await sessions[who].signIn(who);
  }
  const started = Date.now();
  records = await makeCanaryRecords(
    { clerk: sessions.clerk, member: sessions.member, officer: sessions.officer, reader: new HttpSession(portal.baseURL, "reader") },
    confirmLink,
  );
  console.log(`Leak canary: the canary's records made through the forms in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}, 240_000);

afterAll(async () => {
  await portal?.stop();
  await smtp?.close();
  const total = Object.values(fetched).reduce((a, b) => a + b, 0);
  if (total > 0) console.log(`Leak canary: ${total} paths fetched in all (${JSON.stringify(fetched)})`);
});

describe("the leak canary", () => {
  it("the clerk sees every marker (they are there to be found)", async () => {
    const clerk = sessions.clerk;
    const pages = [
      `/meetings/${records.draftMeeting.slug}`,
      `/meetings/${records.meeting.slug}`,
      `/agenda-items/${records.items.exempt}`,
      `/agenda-items/${records.items.draft}`,
      `/questions/${records.questions.exempt}`,
      `/questions/${records.questions.pending}`,
      ...records.hiddenPaths.filter((p) => p.startsWith("/actions/") || p.startsWith("/recommendations/")),
    ];
    let text = "";
    for (const path of pages) text += (await clerk.get(path)).body;
    for (const path of records.hiddenPaths.filter((p) => p.startsWith("/files/"))) text += (await clerk.get(path)).body;
    const missing = (Object.keys(MARKERS) as MarkerName[]).filter((n) => n !== "privateFollow" && !text.includes(MARKERS[n]));
    expect(missing, "markers the clerk cannot see on the canary's own pages").toEqual([]);
    const search = (await clerk.get(`/search?q=${MARKERS.exemptMinute.toLowerCase()}`)).body;
    expect(search).toMatch(/"outcome":\{"kind":"results","total":[1-9]/);
    // The search for every marker at once (the crawl's, a kind at a time) finds them for one who may see them.
    const every = Object.values(MARKERS).map((m) => m.toLowerCase()).join(" OR ");
    const found = (await clerk.get(`/search?q=${encodeURIComponent(every)}`)).body;
    expect(found).toMatch(/"outcome":\{"kind":"results","total":([3-9]|\d\d)/);
  });

  it("the public sees no marker on any page, feed, API answer, CSV, file, print view or search", async () => {
    const result = await crawlAs("public", 2000);
    expect([...result.leaks, ...result.errors]).toEqual([]);
    // The crawl reached every kind of surface, and the canary's public part.
    for (const path of records.publicPaths) expect(result.statuses.get(path), path).toBe(200);
    const reached = [...result.statuses.keys()];
    for (const kind of [/^\/files\//, /\.csv/, /\.atom/, /\.ics/, /^\/api\/v1\/[a-z-]+\/[0-9a-f-]{36}/, /^\/documents\/./, /\/pack$/, /\/agenda-pack\.pdf$/, /\/minutes\.pdf$/, /^\/api\/v1\/bulk\.zip$/, /^\/search\?/]) {
      expect(reached.some((p) => kind.test(p)), `the crawl fetched an address like ${kind}`).toBe(true);
    }
    for (const path of records.hiddenPaths) expect(result.statuses.get(path), `${path} as the public`).toBeGreaterThanOrEqual(400);
  }, 300_000);

  it("a member sees no draft and no one else's follow", async () => {
    const result = await crawlAs("member", 1200);
    expect([...result.leaks, ...result.errors]).toEqual([]);
    expect([...result.statuses].some(([p, status]) => p.startsWith("/feeds/private/") && status === 200), "their private calendar was read").toBe(true);
  }, 300_000);

  it("an officer sees no draft, no exempt item that is not their organisation's, no question not yet accepted", async () => {
    const result = await crawlAs("officer", 1200);
    expect([...result.leaks, ...result.errors]).toEqual([]);
    expect([...result.statuses].some(([p, status]) => p.startsWith("/feeds/private/") && status === 200), "their private calendar was read").toBe(true);
  }, 300_000);

  it("the e-mails to the board's public followers hold no marker", async () => {
    // The notifier runs once a minute: wait for the minutes' e-mail (the agenda's comes with or before it).
    const end = Date.now() + 150_000;
    const toReader = () => smtp.mails.filter((m) => recipientOf(m) === READER_EMAIL);
    while (!toReader().some((m) => /^Subject:.*Minutes published/im.test(m)) && Date.now() < end) await new Promise((r) => setTimeout(r, 500));
    const mails = smtp.mails.filter((m) => [READER_EMAIL, PRIVATE_FOLLOWER_EMAIL].includes(recipientOf(m)));
    const leaks: string[] = [];
    for (const mail of mails) {
      const own = recipientOf(mail) === PRIVATE_FOLLOWER_EMAIL;
      const subject = mail.match(/^Subject:\s*(.*)$/im)?.[1] ?? "";
      for (const name of Object.keys(MARKERS) as MarkerName[]) {
        if (own && name === "privateFollow") continue; // their own address
        if (mail.toLowerCase().includes(MARKERS[name].toLowerCase())) leaks.push(`the mail "${subject}" to ${recipientOf(mail)} holds the ${name} marker`);
      }
    }
    console.log(`Leak canary: ${mails.length} e-mails to public followers read, ${leaks.length} failures`);
    expect(leaks).toEqual([]);
    // They were read as plain text (a marker in a base64 part would pass unseen), and they came.
    const notices = toReader().filter((m) => /^Subject:\s*(Agenda|Minutes) published:.*Canary scrutiny meeting/im.test(m));
    expect(notices.length, "the reader was told of the agenda and the minutes").toBeGreaterThanOrEqual(2);
    expect(notices.every((m) => m.includes("You get this e-mail because you follow")), "the notices read as plain text").toBe(true);
  }, 180_000);
});
