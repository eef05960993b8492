/**
 * Response e-mails (issue 15, item 13): to the member who asked and to followers, the subject
 * says which response it is (holding, full, corrected) and the mail carries the response's text
 * and the link, made from the site's address (never the request's), and nothing unpublished.
 */
import { asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { deliverFollowerNotifications } from "~/models/publishing";
import { siteUrl } from "~/utils/site-url.server";
import { outbox } from "../../db/schema";
import { cookieFor, makeUser } from "../support/accounts";
import { makeBody, makeItem, makeMeeting } from "../support/factories";
import { send, startTestServer, type TestServer } from "../support/remix-app";

let server: TestServer;
let cookies: Record<"member" | "officer" | "clerk" | "follower", string>;
let memberEmail: string;
let itemId: string;
let trustId: string;
const FOLLOWER = "response-follower@example.org";

beforeAll(async () => {
  server = await startTestServer();
  const member = await makeUser("member");
  const officer = await makeUser("officer");
  const clerk = await makeUser("clerk");
  const follower = await makeUser("member", { email: FOLLOWER });
  memberEmail = member.email;
  trustId = officer.organisationId!;
  cookies = {
    member: await cookieFor(member.id),
    officer: await cookieFor(officer.id),
    clerk: await cookieFor(clerk.id),
    follower: await cookieFor(follower.id),
  };
  const meeting = await makeMeeting((await makeBody()).id);
  itemId = (await makeItem(meeting.id, { title: "Children in care" })).id;
});

afterAll(async () => {
  await server?.close();
});

const post = (path: string, cookie: string, form: Record<string, string>) => send(server, path, { cookie, form });
const mailTo = (to: string) => db().select().from(outbox).where(eq(outbox.toAddress, to)).orderBy(asc(outbox.createdAt), asc(outbox.id));

describe("response e-mails", () => {
  it("say which response it is and carry its text and the link, to the member and to followers", async () => {
    const raised = await post("/questions/new", cookies.member, { item: itemId, addressedToId: trustId, text: "How many foster carers were recruited?" });
    const id = /\/questions\/([0-9a-f-]{36})/.exec(raised.headers.get("location") ?? "")![1];
    expect((await post(`/questions/${id}`, cookies.clerk, { intent: "accept" })).status).toBe(303);
    expect((await send(server, "/follow", { cookie: cookies.follower, form: { type: "question", id } })).status).toBe(303);
    await deliverFollowerNotifications({ site: siteUrl() }); // moves the cursor past the setup

    expect(
      (await post(`/questions/${id}`, cookies.officer, { intent: "respond", kind: "holding", body: "We are counting them by locality.", expectedOn: "2099-01-31" })).status,
    ).toBe(303);
    expect((await post(`/questions/${id}`, cookies.officer, { intent: "respond", kind: "full", body: "Twelve foster carers were recruited." })).status).toBe(303);
    await deliverFollowerNotifications({ site: siteUrl() });

    const link = `${siteUrl()}/questions/${id}`;
    const member = (await mailTo(memberEmail)).filter((m) => m.subject.includes("response"));
    expect(member.map((m) => m.subject)).toEqual(["A holding response to your question", "A full response to your question"]);
    expect(member[0].body).toContain("We are counting them by locality.");
    expect(member[0].body).toContain("The full response is expected by 31 January 2099.");
    expect(member[1].body).toContain("Twelve foster carers were recruited.");
    for (const m of member) {
      expect(m.body).toContain(link);
    }

    // The notifier may send the two in either order (both events in one run): compare by subject.
    const follower = (await mailTo(FOLLOWER))
      .filter((m) => !m.subject.startsWith("Confirm"))
      .sort((a, b) => b.subject.localeCompare(a.subject));
    expect(follower.map((m) => m.subject)).toEqual([
      "Holding response posted: How many foster carers were recruited?",
      "Full response posted: How many foster carers were recruited?",
    ]);
    expect(follower[0].body).toContain("We are counting them by locality.");
    expect(follower[1].body).toContain("Twelve foster carers were recruited.");
    expect(follower[1].body).toContain(link);

    expect((await post(`/questions/${id}`, cookies.officer, { intent: "correct", correctionBody: "Fourteen foster carers were recruited." })).status).toBe(303);
    await deliverFollowerNotifications({ site: siteUrl() });
    const corrected = (await mailTo(memberEmail)).filter((m) => m.subject.startsWith("A corrected"));
    expect(corrected.map((m) => m.subject)).toEqual(["A corrected full response to your question"]);
    expect(corrected[0].body).toContain("Fourteen foster carers were recruited.");
    const followerCorrected = (await mailTo(FOLLOWER)).filter((m) => m.subject.startsWith("Full response corrected"));
    expect(followerCorrected).toHaveLength(1);
    expect(followerCorrected[0].body).toContain("Fourteen foster carers were recruited.");
  });
});
