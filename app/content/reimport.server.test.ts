/**
 * The content importer run again over content/ and edited copies of it, on this file's own
 * fresh database: nothing changes twice, edits are carried and audited, broken files are
 * refused whole. The tests share the database and run in order.
 */
import fs from "node:fs/promises";
import path from "node:path";
import { and, asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importContent } from "~/content/import.server";
import { contentId } from "~/content/ids.server";
import { db } from "~/db.server";
import { agendaItemPriorities, auditLog, contentSources, documents, inspections, meetings, organisations, people, questions, responses } from "../../db/schema";
import { CONTENT, ITEM, MEETING, RECORDS, copyOfContent, counts, edit, quiet, removeContentCopies } from "../../tests/support/content-import";

afterAll(removeContentCopies);

beforeAll(async () => {
  expect(await importContent({ directory: CONTENT, log: quiet })).toEqual({ imported: RECORDS, unchanged: 0 });
});

describe("importContent, again", () => {
  it("changes nothing when run again", async () => {
    const before = await counts();
    const meetingBefore = await db().query.meetings.findFirst({ where: eq(meetings.slug, "2021-trust-annual-review") });
    const summary = await importContent({ directory: CONTENT, log: quiet });
    expect(summary).toEqual({ imported: 0, unchanged: RECORDS });
    expect(await counts()).toEqual(before);
    const meetingAfter = await db().query.meetings.findFirst({ where: eq(meetings.slug, "2021-trust-annual-review") });
    expect(meetingAfter).toEqual(meetingBefore);
  });

  it("skips unchanged files, so a change made in the app is kept", async () => {
    const id = contentId("organisation", "sandwell-council");
    await db().update(organisations).set({ description: "Edited in the app." }).where(eq(organisations.id, id));
    expect(await importContent({ directory: CONTENT, log: quiet })).toEqual({ imported: 0, unchanged: RECORDS });
    const council = await db().query.organisations.findFirst({ where: eq(organisations.id, id) });
    expect(council?.description).toBe("Edited in the app.");
    // Once the file changes, the file wins again (here: forget its hash).
    await db().delete(contentSources).where(eq(contentSources.path, "organisations/sandwell-council.md"));
    expect(await importContent({ directory: CONTENT, log: quiet })).toEqual({ imported: 1, unchanged: RECORDS - 1 });
    const restored = await db().query.organisations.findFirst({ where: eq(organisations.id, id) });
    expect(restored?.description).toMatch(/^The local authority for Sandwell/);
  });

  it("re-imports an edited file, keeping its id, and audits the change", async () => {
    const dir = await copyOfContent();
    // A copy of unchanged files is unchanged.
    expect(await importContent({ directory: dir, log: quiet })).toEqual({ imported: 0, unchanged: RECORDS });

    await edit(dir, "organisations/ofsted.md", (t) => t.replace("name: Ofsted", "name: Ofsted (the inspectorate)"));
    const lines: string[] = [];
    const before = await counts();
    expect(await importContent({ directory: dir, log: (l) => lines.push(l) })).toEqual({
      imported: 1,
      unchanged: RECORDS - 1,
    });
    expect(lines).toEqual(["Content: imported organisations/ofsted.md"]);
    const ofsted = await db().query.organisations.findFirst({ where: eq(organisations.slug, "ofsted") });
    expect(ofsted).toMatchObject({ id: contentId("organisation", "ofsted"), name: "Ofsted (the inspectorate)" });
    const after = await counts();
    expect(after.organisations).toBe(before.organisations);
    expect(after.auditLog).toBe(before.auditLog + 1);
    const [entry] = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityType, "organisation"), eq(auditLog.entityId, ofsted!.id)))
      .orderBy(asc(auditLog.id))
      .offset(1);
    expect(entry).toMatchObject({ action: "import", userId: null });
    expect((entry.before as { name: string }).name).toBe("Ofsted");
    expect((entry.after as { name: string }).name).toBe("Ofsted (the inspectorate)");

    // Importing the original again puts it back.
    expect(await importContent({ directory: CONTENT, log: quiet })).toEqual({ imported: 1, unchanged: RECORDS - 1 });
    const restored = await db().query.organisations.findFirst({ where: eq(organisations.slug, "ofsted") });
    expect(restored?.name).toBe("Ofsted");
  });

  it("carries a meeting's new date to its questions and replaces an item's links", async () => {
    const dir = await copyOfContent();
    await edit(dir, `${MEETING}/meeting.md`, (t) =>
      t.replace("startsAt: 2021-09-01T12:00:00+01:00", "startsAt: 2021-10-06T18:00:00+01:00"),
    );
    await edit(dir, `${ITEM}/item.md`, (t) => t.replace("  - striving-for-excellence\n", ""));
    const summary = await importContent({ directory: dir, log: quiet });
    // The meeting, the item (links), and 12 questions with 12 responses.
    expect(summary).toEqual({ imported: 26, unchanged: RECORDS - 26 });

    const meeting = await db().query.meetings.findFirst({ where: eq(meetings.slug, "2021-trust-annual-review") });
    expect(meeting?.startsAt.toISOString()).toBe("2021-10-06T17:00:00.000Z");
    expect(meeting?.version).toBe(2);
    const tabled = await db().selectDistinct({ tabledOn: questions.tabledOn }).from(questions);
    expect(tabled).toEqual([{ tabledOn: "2021-10-06" }]);
    const answered = await db().selectDistinct({ at: responses.respondedAt }).from(responses);
    expect(answered.map((r) => r.at.toISOString())).toEqual(["2021-10-06T17:00:00.000Z"]);
    const links = await db().select().from(agendaItemPriorities);
    expect(links).toHaveLength(5);
    expect(links.map((l) => l.priorityId)).not.toContain(contentId("priority", "striving-for-excellence"));

    // And back.
    expect((await importContent({ directory: CONTENT, log: quiet })).imported).toBe(26);
    expect(await db().select().from(agendaItemPriorities)).toHaveLength(6);
  });

  it("refuses broken front matter, naming the file, and writes nothing", async () => {
    const dir = await copyOfContent();
    // A valid change early in the import order, then a broken file late in it:
    // neither may reach the database.
    await edit(dir, "organisations/ofsted.md", (t) => t.replace("name: Ofsted", "name: Changed"));
    await edit(dir, `${ITEM}/questions/05-complaints-about-staff.md`, (t) =>
      t.replace("isSummarised: true", "isSummarised: [true"),
    );
    const before = await counts();
    const sources = await db().select().from(contentSources).orderBy(asc(contentSources.path));
    await expect(importContent({ directory: dir, log: quiet })).rejects.toThrow(
      /questions\/05-complaints-about-staff\.md: has broken front matter/,
    );
    expect(await counts()).toEqual(before);
    expect(await db().select().from(contentSources).orderBy(asc(contentSources.path))).toEqual(sources);
    const ofsted = await db().query.organisations.findFirst({ where: eq(organisations.slug, "ofsted") });
    expect(ofsted?.name).toBe("Ofsted");
  });

  it("refuses a slug that refers to nothing, naming the file and the slug", async () => {
    const dir = await copyOfContent();
    await edit(dir, "documents/ofsted-focused-visit-letter-2024.md", (t) =>
      t.replace("organisation: ofsted", "organisation: ofstead"),
    );
    const before = await counts();
    await expect(importContent({ directory: dir, log: quiet })).rejects.toThrow(
      /documents\/ofsted-focused-visit-letter-2024\.md: organisation refers to organisation "ofstead"/,
    );
    expect(await counts()).toEqual(before);
  });

  const refusals: [string, (dir: string) => Promise<void>, RegExp][] = [
    [
      "a non-exact date without a note",
      (dir) => edit(dir, "inspections/ofsted-2022-inspection.md", (t) => t.replace(/dateNote: >-\n(  .*\n)+/, "")),
      /ofsted-2022-inspection\.md: invalid front matter: dateNote is required when datePrecision is "month"/,
    ],
    [
      "an unknown key",
      (dir) => edit(dir, "people/emma-taylor.md", (t) => t.replace("name: Emma Taylor", "name: Emma Taylor\nrole: chief")),
      /emma-taylor\.md: invalid front matter: .*Unrecognized key/,
    ],
    [
      "a date that does not exist",
      (dir) =>
        edit(dir, `${MEETING}/meeting.md`, (t) =>
          t.replace("startsAt: 2021-09-01T12:00:00+01:00", "startsAt: 2021-02-30T12:00:00+01:00"),
        ),
      /meeting\.md: invalid front matter: startsAt is not a real date/,
    ],
    [
      "a response without its text",
      (dir) =>
        edit(dir, `${ITEM}/questions/10-youth-offender-rehabilitation-services.md`, (t) => t.replace(/---\n[^-]+$/, "---\n")),
      /10-youth-offender-rehabilitation-services\.md: has a `response:` but no Markdown body/,
    ],
    [
      "an annual review presented at an item that does not exist",
      (dir) =>
        edit(dir, "documents/trust-annual-review-2021.md", (t) =>
          t.replace("presentedAt: 2021-trust-annual-review/trust-annual-review", "presentedAt: 2021-trust-annual-review/no-such-item"),
        ),
      /trust-annual-review-2021\.md: presentedAt refers to agenda item "2021-trust-annual-review\/no-such-item"/,
    ],
    [
      "a review year on a document that is not an annual review",
      (dir) => edit(dir, "documents/ofsted-focused-visit-letter-2024.md", (t) => t.replace("kind: letter", "kind: letter\nreviewYear: 2024")),
      /ofsted-focused-visit-letter-2024\.md: invalid front matter: reviewYear is only for documents of kind "annual_review"/,
    ],
    [
      "a file outside the layout",
      async (dir) => {
        await fs.mkdir(path.join(dir, "inspection"));
        await fs.writeFile(path.join(dir, "inspection/stray.md"), "---\ntitle: x\n---\n");
      },
      /inspection\/stray\.md: is not where content\/README\.md says files go/,
    ],
  ];

  it.each(refusals)("refuses %s, writing nothing", async (_what, change, message) => {
    const dir = await copyOfContent();
    await change(dir);
    const before = await counts();
    await expect(importContent({ directory: dir, log: quiet })).rejects.toThrow(message);
    expect(await counts()).toEqual(before);
  });
});
