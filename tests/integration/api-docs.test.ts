/**
 * docs/api.md's examples are what the API answers (issue 23, item 7): the
 * documentation must never show a fact no source gives.
 *
 * - A block after `<!-- api-example: GET /api/v1/... -->` is the real answer for a
 *   record of the imported content (content/), exactly as the API gives it, with
 *   only the site's address written as https://portal.example.
 * - A block after `<!-- api-example: synthetic <resource> -->` is a plainly made-up
 *   record (the content has none of that kind); its fields must be the fields the
 *   API gives for such a record, in the same order.
 *
 * `npm run docs:api` rewrites the real examples in docs/api.md from the API; this
 * test fails when docs/api.md differs from what that would write.
 */
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importContent } from "~/content/import.server";
import { db } from "~/db.server";
import { actions, memberships, people } from "../../db/schema";
import { recordBoardRecommendation, recordRecommendationResponse } from "~/models/oversight";
import { makeBody, makeItem, makeMeeting, makeMinute, makeOrganisation } from "../support/factories";
import { send, startTestServer, type TestServer } from "../support/remix-app";

const DOC = path.resolve(process.cwd(), "docs", "api.md");
const SITE = "https://portal.example";
const MARKER = /<!-- api-example: (.+?) -->\n+```json\n([\s\S]*?)\n```/g;
const WRITE = process.env.API_DOCS_WRITE === "1";

let server: TestServer;
/** The site's own address in the API's answers (made https://portal.example in the docs). */
let origin: string;
/** Ids of the synthetic records, by resource. */
const synthetic: Record<string, string> = {};

beforeAll(async () => {
  await importContent({ directory: path.resolve(process.cwd(), "content"), log: () => {} });
  server = await startTestServer();
  origin = new URL((await getJson("/api/v1")).resources.meetings.url).origin;

  // The records the content has none of: made here, only to read the API's fields for them.
  const org = await makeOrganisation({ name: "Synthetic organisation" });
  const body = await makeBody({ name: "Synthetic board" });
  // An action is public once what it came from is: here, an imported recommendation.
  const recommendation = (await getJson("/api/v1/recommendations?per_page=1")).data[0];
  const [action] = await db()
    .insert(actions)
    .values({ description: "Synthetic action", recommendationId: recommendation.id, owningOrganisationId: org.id, dueOn: "2026-06-30" })
    .returning();
  synthetic.action = action.id;
  const [person] = await db().insert(people).values({ slug: "synthetic-person", name: "Synthetic Person", honorific: "Councillor" }).returning();
  await db().insert(memberships).values({ personId: person.id, bodyId: body.id, role: "chair", startOn: "2026-05-01" });
  synthetic.person = person.id;
  // A board's own recommendation (issue 17), agreed at a published minute, responded to late.
  const clerk = { userId: null as unknown as string };
  const meeting = await makeMeeting(body.id, { startsAt: new Date("2026-03-10T18:00:00Z"), minutesPublishedAt: new Date("2026-03-20T09:00:00Z") });
  const minute = await makeMinute((await makeItem(meeting.id)).id, "Resolved to recommend");
  const rec = await db().transaction((tx) =>
    recordBoardRecommendation(tx, clerk, { bodyId: body.id, reference: "SB/2026/01", text: "Synthetic recommendation", agreedAtMinuteId: minute.id, agreedInDocumentId: null, agreedOn: null, addresseeOrganisationId: org.id, leadPersonId: null, receivedOn: "2026-03-14", reviewOn: null }),
  );
  await db().transaction((tx) =>
    recordRecommendationResponse(tx, clerk, rec.id, { outcome: "partially_accepted", reasons: "Synthetic reasons", actionPlanned: "", givenBy: "Synthetic Person", givenByPersonId: null, givenOn: "2026-05-20", agreedAt: "Cabinet" }, "2026-06-01"),
  );
  synthetic.recommendation = rec.id;
}, 120_000);

afterAll(async () => {
  await server?.close();
});

async function getJson(address: string) {
  const response = await send(server, address);
  if (response.status !== 200) throw new Error(`GET ${address} answered ${response.status}`);
  return (await response.json()) as any;
}

/** The API's answer as docs/api.md shows it: indented, the site's address made the example's. */
function asDocumented(json: unknown): string {
  return JSON.stringify(json, null, 2).split(origin).join(SITE);
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);

/** Where the example's fields (names and order, nested records too) differ from the API's answer. */
function fieldDifferences(example: unknown, api: unknown, at = "the record"): string[] {
  if (Array.isArray(example) && Array.isArray(api)) {
    return example.length > 0 && api.length > 0 ? fieldDifferences(example[0], api[0], `${at}[]`) : [];
  }
  if (!isObject(example) || !isObject(api)) return [];
  const mine = Object.keys(example);
  const theirs = Object.keys(api);
  const problems =
    JSON.stringify(mine) === JSON.stringify(theirs)
      ? []
      : [`${at}: the example has ${JSON.stringify(mine)}, the API ${JSON.stringify(theirs)}`];
  for (const key of mine) if (key in api) problems.push(...fieldDifferences(example[key], api[key], `${at}.${key}`));
  return problems;
}

/** docs/api.md with every real example as the API gives it now. */
async function regenerated(markdown: string): Promise<{ text: string; problems: string[] }> {
  const problems: string[] = [];
  const replacements: [string, string][] = [];
  for (const match of markdown.matchAll(MARKER)) {
    const [whole, what, block] = match;
    const real = /^GET (\/api\/v1\/\S+)$/.exec(what);
    const made = /^synthetic (\w+)$/.exec(what);
    if (real) {
      const answer = asDocumented(await getJson(real[1]));
      replacements.push([whole, whole.replace(block, answer)]);
    } else if (made) {
      const id = synthetic[made[1]];
      if (!id) {
        problems.push(`docs/api.md: no synthetic ${made[1]} is made by this test`);
        continue;
      }
      let documented: unknown;
      try {
        documented = JSON.parse(block);
      } catch {
        problems.push(`docs/api.md: the synthetic ${made[1]} example is not valid JSON`);
        continue;
      }
      const api = await getJson(`/api/v1/${made[1] === "person" ? "people" : `${made[1]}s`}/${id}`);
      for (const difference of fieldDifferences(documented, api)) {
        problems.push(`docs/api.md, the synthetic ${made[1]}: ${difference}`);
      }
    } else {
      problems.push(`docs/api.md: an example marker says "${what}": write "GET /api/v1/..." or "synthetic <resource>"`);
    }
  }
  let text = markdown;
  for (const [from, to] of replacements) text = text.replace(from, () => to);
  return { text, problems };
}

describe("docs/api.md", () => {
  it("shows real records exactly as the API gives them, and synthetic ones with the API's fields", async () => {
    const markdown = fs.readFileSync(DOC, "utf8");
    const { text, problems } = await regenerated(markdown);
    expect([...markdown.matchAll(MARKER)].length, "docs/api.md has example markers").toBeGreaterThan(0);
    if (WRITE && text !== markdown) fs.writeFileSync(DOC, text);
    expect(problems).toEqual([]);
    if (!WRITE) {
      expect(text, "docs/api.md's examples differ from the API: run `npm run docs:api`").toBe(markdown);
    }
  });

  it("names no real meeting with a date, venue or attendance mode the API does not give", async () => {
    const markdown = fs.readFileSync(DOC, "utf8");
    // The issue's case: a November date and a venue no source gives, for the real 2021 meeting.
    expect(markdown).not.toContain("Council House, Oldbury");
    expect(markdown).not.toMatch(/"start_date": "2021-11/);
  });
});
