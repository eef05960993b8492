/**
 * Issue 18, item 8: the open data API's new fields (a person's memberships with terms,
 * attendance and declarations; a meeting's attendance and declarations) and the bulk download
 * of the whole public record: every API resource in it, nothing draft or exempt, built again
 * when anything changes.
 */
import { unzipSync, strFromU8 } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { RESOURCES } from "~/models/publishing";
import { recordAudit } from "~/models/records";
import { interestDeclarations, meetingAttendance, memberships, people } from "../../db/schema";
import { makeBody, makeDocument, makeItem, makeMeeting, makeMinute } from "../support/factories";
import { send, startTestServer, type TestServer } from "../support/remix-app";

const DRAFT = "BULKDRAFTMARKER4471";
const EXEMPT = "BULKEXEMPTMARKER5582";
let server: TestServer;
let ids: { member: string; june: string; item: string; body: string };

beforeAll(async () => {
  server = await startTestServer();
  const body = await makeBody({ name: "Open Data Panel" });
  const [member, sub] = await db()
    .insert(people)
    .values([
      { slug: "od-amira-shah", name: "Amira Shah", honorific: "Councillor" },
      { slug: "od-ben-ward", name: "Ben Ward", honorific: "Councillor" },
    ])
    .returning();
  await db().insert(memberships).values([
    { personId: member.id, bodyId: body.id, role: "chair", startOn: "2021-05-20" },
    { personId: member.id, bodyId: body.id, role: "member", startOn: "2019-05-20", endOn: "2021-05-19" },
  ]);
  const june = await makeMeeting(body.id, { title: "Panel June", startsAt: new Date("2021-06-10T17:00:00Z"), minutesPublishedAt: new Date("2021-06-20T09:00:00Z") });
  const sept = await makeMeeting(body.id, { title: "Panel September", startsAt: new Date("2021-09-10T17:00:00Z") });
  const draft = await makeMeeting(body.id, { title: `Panel draft ${DRAFT}`, agendaPublishedAt: null });
  await db().insert(meetingAttendance).values([
    { meetingId: june.id, personId: member.id, status: "present" },
    { meetingId: sept.id, personId: member.id, status: "apologies" },
    { meetingId: june.id, personId: sub.id, role: "substitute", status: "present", substituteForId: member.id },
    { meetingId: draft.id, personId: member.id, status: "absent" },
  ]);
  const item = await makeItem(june.id, { title: "Internal audit plan" });
  await makeMinute(item.id, "The panel noted the plan.");
  const exempt = await makeItem(june.id, { title: `Staffing ${EXEMPT}`, body: EXEMPT, isExempt: true, exemptParagraph: 1, position: 2 });
  await makeMinute(exempt.id, `Minute ${EXEMPT}`);
  await makeDocument({ title: `Exempt report ${EXEMPT}` }, exempt.id);
  await makeDocument({ title: `Draft report ${DRAFT}`, publishedAt: null });
  await makeItem(draft.id, { title: `Draft item ${DRAFT}` });
  await db().insert(interestDeclarations).values([
    { agendaItemId: item.id, personId: member.id, kind: "other", nature: "Governor of a school in the audit sample" },
    { agendaItemId: exempt.id, personId: member.id, kind: "pecuniary", nature: `Spouse employed ${EXEMPT}` },
  ]);
  ids = { member: member.id, june: june.id, item: item.id, body: body.id };
}, 120_000);
afterAll(async () => server?.close());

async function json(path: string) {
  const res = await send(server, path);
  expect(res.status).toBe(200);
  return (await res.json()) as any;
}

describe("the API's people and meetings", () => {
  it("gives a person's memberships with terms, attendance with its figures, and declarations", async () => {
    const { data } = await json(`/api/v1/people/${ids.member}`);
    expect(data.memberships).toHaveLength(2);
    const chair = data.memberships.find((m: any) => m.role === "chair");
    expect(chair).toMatchObject({ organization_id: ids.body, label: "Chair", start_date: "2021-05-20", end_date: null, term_status: "current" });
    expect(chair.organization.name).toBe("Open Data Panel");
    expect(data.memberships.find((m: any) => m.role === "member").term_status).toBe("ended");
    expect(data.attendance.summary).toEqual([
      expect.objectContaining({ organization_id: ids.body, municipal_year: "2021/22", expected: 2, present: 1, apologies: 1, absent: 0, percentage: 50 }),
    ]);
    expect(data.attendance.meetings.map((m: any) => [m.meeting_name, m.status])).toEqual([
      ["Panel September", "apologies"],
      ["Panel June", "present"],
    ]);
    expect(data.attendance.meetings[1].meeting_id).toBe(ids.june);
    expect(data.declarations).toEqual([
      expect.objectContaining({ agenda_item_id: ids.item, meeting_id: ids.june, kind: "other", nature: "Governor of a school in the audit sample", left_room: false }),
    ]);
    const text = JSON.stringify(data);
    expect(text).not.toContain(EXEMPT);
    expect(text).not.toContain(DRAFT);
    // The list gives the same fields.
    const list = await json(`/api/v1/people?body=${ids.body}`);
    expect(list.data.find((p: any) => p.id === ids.member).attendance.summary[0].percentage).toBe(50);
  });

  it("gives a meeting's attendance and declarations once its minutes are published, none on an exempt item", async () => {
    const { data } = await json(`/api/v1/meetings/${ids.june}`);
    expect(data.attendance).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ person_id: ids.member, name: "Councillor Amira Shah", role: "member", status: "present", substitute_for: null }),
        expect.objectContaining({ name: "Councillor Ben Ward", role: "substitute", status: "present", substitute_for: "Amira Shah" }),
      ]),
    );
    expect(data.declarations).toEqual([
      expect.objectContaining({ agenda_item_id: ids.item, person_id: ids.member, kind: "other", nature: "Governor of a school in the audit sample" }),
    ]);
    expect(JSON.stringify(data)).not.toContain(EXEMPT);
  });
});

describe("the bulk download", () => {
  it("is linked from /api/v1", async () => {
    const index = await json("/api/v1");
    expect(index.bulk_download.url).toMatch(/\/api\/v1\/bulk\.zip$/);
  });

  it("is a ZIP of one JSON Lines file per API resource, with the public's records only", async () => {
    const res = await send(server, "/api/v1/bulk.zip");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/zip");
    expect(res.headers.get("content-disposition")).toContain("public-record.zip");
    const files = unzipSync(new Uint8Array(await res.arrayBuffer()));
    // Every resource the API serves, from its one list.
    for (const name of Object.keys(RESOURCES)) expect(Object.keys(files)).toContain(`${name}.jsonl`);
    const manifest = JSON.parse(strFromU8(files["manifest.json"]));
    expect(manifest.files.map((f: any) => f.resource)).toEqual(Object.keys(RESOURCES));
    const all = Object.values(files).map((f) => strFromU8(f)).join("\n");
    expect(all).not.toContain(EXEMPT);
    expect(all).not.toContain(DRAFT);
    // Each line is a record as its own API address gives it.
    const person = strFromU8(files["people.jsonl"]).trim().split("\n").map((l) => JSON.parse(l)).find((p) => p.id === ids.member);
    expect(person).toEqual((await json(`/api/v1/people/${ids.member}`)).data);
    const meeting = strFromU8(files["meetings.jsonl"]).trim().split("\n").map((l) => JSON.parse(l)).find((m) => m.id === ids.june);
    expect(meeting.agenda.map((i: any) => i.description)).toContain("Internal audit plan");
    expect(manifest.files.find((f: any) => f.resource === "meetings").records).toBeGreaterThanOrEqual(2);
  });

  it("is kept until something changes, then built again", async () => {
    const first = await send(server, "/api/v1/bulk.zip");
    const etag = first.headers.get("etag");
    expect(etag).toBeTruthy();
    expect((await send(server, "/api/v1/bulk.zip")).headers.get("etag")).toBe(etag);
    await recordAudit(db(), { userId: null, action: "update", entityType: "setting", entityId: "test", ipAddress: null });
    expect((await send(server, "/api/v1/bulk.zip")).headers.get("etag")).not.toBe(etag);
  });
});
