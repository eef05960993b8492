/** The clerk's pages through the real server, without JavaScript: forms post, redirect with 303, and bad input gets a message. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { db } from "~/db.server";
import { agendaItems, meetings } from "../../db/schema";
import { cookieFor, makeUser } from "../support/accounts";
import { makeBody } from "../support/factories";
import { send, startTestServer, type TestServer } from "../support/remix-app";

let server: TestServer;
let cookie: string;
let bodyId: string;

beforeAll(async () => {
  server = await startTestServer();
  cookie = await cookieFor((await makeUser("clerk")).id);
  bodyId = (await makeBody({ name: "Pages Board" })).id;
});
afterAll(async () => {
  await server?.close();
});

describe("a clerk without JavaScript", () => {
  it("creates a meeting, builds and publishes its agenda, and every clerk page renders", async () => {
    const bad = await send(server, "/clerk/meetings/new", { cookie, form: { bodyId, title: "", day: "2020-01-01", startTime: "18:00", endTime: "", venue: "", attendanceMode: "in_person" } });
    expect(bad.status).toBe(400);
    const badHtml = await bad.text();
    expect(badHtml).toContain("<title>Error: ");
    expect(badHtml).toContain("Enter the meeting&#x27;s title");

    const created = await send(server, "/clerk/meetings/new", { cookie, form: { bodyId, title: "Board meeting", day: "2034-03-13", startTime: "18:00", endTime: "20:00", venue: "Council House", attendanceMode: "hybrid" } });
    expect(created.status).toBe(303);
    const meetingPath = created.headers.get("location")!;
    const meetingId = meetingPath.split("/").pop()!;

    expect((await send(server, meetingPath, { cookie, form: { intent: "add", title: "Budget", parentId: "" } })).status).toBe(303);
    const [parent] = await db().select().from(agendaItems).where(eq(agendaItems.meetingId, meetingId));
    expect((await send(server, meetingPath, { cookie, form: { intent: "add", title: "Appendix", parentId: parent.id } })).status).toBe(303);
    const tooFar = await send(server, meetingPath, { cookie, form: { intent: "move-down", itemId: parent.id } });
    expect(tooFar.status).toBe(400);
    expect(await tooFar.text()).toContain("The item is already last");

    const page = await (await send(server, meetingPath, { cookie })).text();
    expect(page).toContain("1.1");
    expect(page).toContain("Appendix");

    const preview = await send(server, `/clerk/items/${parent.id}`, {
      cookie,
      form: { intent: "preview", title: "Budget", purpose: "", body: "**Bold** text", leadOfficerId: "", isExempt: "no", exemptParagraph: "", exemptReason: "", publicTitle: "", publicSummary: "", reason: "", version: "1" },
    });
    expect(preview.status).toBe(200);
    expect(await preview.text()).toContain("<strong>Bold</strong>");

    expect((await send(server, meetingPath, { cookie, form: { intent: "publish", urgencyReason: "" } })).status).toBe(303);
    const [m] = await db().select().from(meetings).where(eq(meetings.id, meetingId));
    expect(m.agendaPublishedAt).not.toBeNull();

    for (const path of [
      "/clerk",
      meetingPath,
      `${meetingPath}/edit`,
      `${meetingPath}/attendance`,
      `${meetingPath}/minutes`,
      `/clerk/items/${parent.id}`,
      `/clerk/items/${parent.id}/minute`,
      `/clerk/history/meeting/${meetingId}`,
      `/clerk/history/agenda_item/${parent.id}`,
    ]) {
      const response = await send(server, path, { cookie });
      expect(response.status, path).toBe(200);
    }
    const publicPage = await (await send(server, `/meetings/${m.slug}`)).text();
    expect(publicPage).toContain("Appendix");
  }, 120_000);
});
