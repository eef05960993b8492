/**
 * The public sees exactly what the law allows: no draft meeting, draft item or
 * exempt content reaches a public model function, while clerks see it all.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { getAgendaItem, listAgendaItems, minutesForMeeting } from "~/models/meetings";
import { getDocument, listDocuments } from "~/models/meetings";
import { getMeeting, listMeetings } from "~/models/meetings";
import { getQuestion, listQuestions } from "~/models/questions";
import { PUBLIC_VIEWER, type Viewer } from "~/rules/viewer.server";
import {
  makeBody,
  makeDocument,
  makeItem,
  makeMeeting,
  makeMinute,
  makeOrganisation,
  makeQuestion,
} from "../support/factories";

const clerk: Viewer = {
  kind: "user",
  userId: "00000000-0000-0000-0000-000000000001",
  name: "Clerk",
  email: "clerk@example.org",
  role: "clerk",
  personId: null,
  organisationId: null,
};

const DRAFT_MARKER = "DRAFTMARKER7741";
const EXEMPT_MARKER = "EXEMPTMARKER9902";

let ids: {
  published: { slug: string; id: string };
  draftMeeting: { slug: string };
  draftItem: string;
  exemptItem: string;
  exemptDoc: string;
  draftDoc: string;
  exemptQuestion: string;
};

beforeAll(async () => {
  const org = await makeOrganisation();
  const body = await makeBody();
  const published = await makeMeeting(body.id, {
    minutesPublishedAt: new Date("2026-01-20T09:00:00Z"),
    startsAt: new Date("2026-01-15T18:00:00Z"),
  });
  const open = await makeItem(published.id, { position: 1, title: "Budget monitoring" });
  await makeMinute(open.id, "The board noted the report.");
  const draftItem = await makeItem(published.id, {
    position: 2,
    title: `Draft item ${DRAFT_MARKER}`,
    body: DRAFT_MARKER,
    publishedAt: null,
  });
  const exemptItem = await makeItem(published.id, {
    position: 3,
    title: `Contract award ${EXEMPT_MARKER}`,
    body: `Confidential terms ${EXEMPT_MARKER}`,
    isExempt: true,
    exemptParagraph: 3,
    exemptReason: "Commercially sensitive",
    publicTitle: "Contract award (exempt)",
    publicSummary: "The board approved the award.",
  });
  await makeMinute(exemptItem.id, `Minute of the exempt item ${EXEMPT_MARKER}`);
  const exemptDoc = await makeDocument({ title: `Exempt report ${EXEMPT_MARKER}` }, exemptItem.id);
  const draftDoc = await makeDocument({ title: `Draft report ${DRAFT_MARKER}`, publishedAt: null });
  const exemptQuestion = await makeQuestion(exemptItem.id, org.id, { text: `Exempt question ${EXEMPT_MARKER}` });
  const draftMeeting = await makeMeeting(body.id, { title: `Draft meeting ${DRAFT_MARKER}`, agendaPublishedAt: null });
  await makeItem(draftMeeting.id, { title: `Item of draft meeting ${DRAFT_MARKER}` });
  ids = {
    published: { slug: published.slug, id: published.id },
    draftMeeting: { slug: draftMeeting.slug },
    draftItem: draftItem.id,
    exemptItem: exemptItem.id,
    exemptDoc: exemptDoc.slug,
    draftDoc: draftDoc.slug,
    exemptQuestion: exemptQuestion.id,
  };
});

describe("what the public sees", () => {
  it("lists only published meetings", async () => {
    const { meetings } = await listMeetings(PUBLIC_VIEWER, { page: 1 });
    expect(JSON.stringify(meetings)).not.toContain(DRAFT_MARKER);
    expect(await getMeeting(PUBLIC_VIEWER, ids.draftMeeting.slug)).toBeNull();
  });

  it("numbers the published agenda and shows an exempt item only by public title and paragraph", async () => {
    const meeting = await getMeeting(PUBLIC_VIEWER, ids.published.slug);
    expect(meeting).not.toBeNull();
    const json = JSON.stringify(meeting);
    expect(json).not.toContain(DRAFT_MARKER);
    expect(json).not.toContain(EXEMPT_MARKER);
    expect(meeting!.items.map((i) => `${i.number} ${i.title}`)).toEqual([
      "1 Budget monitoring",
      "2 Contract award (exempt)",
    ]);
    const exempt = meeting!.items[1];
    expect(exempt.exemptParagraph).toBe(3);
    expect(exempt.exemptParagraphWording).toMatch(/financial or business affairs/);
    // After the meeting, the s100C(2) public summary is shown.
    expect(exempt.publicSummaryHtml).toContain("The board approved the award.");
  });

  it("never returns exempt or draft content from item, minutes, document or question functions", async () => {
    expect(await getAgendaItem(PUBLIC_VIEWER, ids.draftItem)).toBeNull();
    const exempt = await getAgendaItem(PUBLIC_VIEWER, ids.exemptItem);
    expect(JSON.stringify(exempt)).not.toContain(EXEMPT_MARKER);
    expect(exempt!.minute).toBeNull();
    const minutes = await minutesForMeeting(PUBLIC_VIEWER, ids.published.id);
    expect(JSON.stringify(minutes)).not.toContain(EXEMPT_MARKER);
    expect(Object.values(minutes).map((m) => m.bodyHtml)).toEqual(["<p>The board noted the report.</p>\n"]);
    expect(await getDocument(PUBLIC_VIEWER, ids.exemptDoc)).toBeNull();
    expect(await getDocument(PUBLIC_VIEWER, ids.draftDoc)).toBeNull();
    const docs = await listDocuments(PUBLIC_VIEWER, { page: 1 });
    expect(JSON.stringify(docs)).not.toMatch(new RegExp(`${EXEMPT_MARKER}|${DRAFT_MARKER}`));
    expect(await getQuestion(PUBLIC_VIEWER, ids.exemptQuestion)).toBeNull();
    const questions = await listQuestions(PUBLIC_VIEWER, { page: 1 });
    expect(JSON.stringify(questions)).not.toContain(EXEMPT_MARKER);
  });
});

describe("what a clerk sees", () => {
  it("sees drafts and exempt content, numbered in the clerk's order", async () => {
    const items = await listAgendaItems(clerk, ids.published.id);
    expect(items.map((i) => i.number)).toEqual(["1", "2", "3"]);
    expect(items[2].title).toContain(EXEMPT_MARKER);
    expect(await getMeeting(clerk, ids.draftMeeting.slug)).not.toBeNull();
    expect(await getDocument(clerk, ids.exemptDoc)).not.toBeNull();
  });
});
