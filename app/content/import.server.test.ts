/**
 * The content importer's first import of the real content/ folder, on this file's own fresh
 * database (PGlite, or PostgreSQL with DATABASE_URL): the records the pages rely on.
 * Re-imports, edits and refusals are in reimport.server.test.ts.
 */
import { and, asc, eq } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { importContent } from "~/content/import.server";
import { contentId, uuidV5 } from "~/content/ids.server";
import { db } from "~/db.server";
import { agendaItemDocuments, agendaItemPriorities, agendaItems, auditLog, bodies, contentSources, documentPriorities, documents, inspections, meetings, minutes, organisations, people, priorities, questions, recommendations, responses } from "../../db/schema";
import { CONTENT, FILES, RECORDS, counts, quiet, removeContentCopies } from "../../tests/support/content-import";

afterAll(removeContentCopies);

describe("content ids", () => {
  it("are RFC 4122 version 5 uuids, the same on every machine", () => {
    // The RFC's worked example: the DNS namespace and www.example.com.
    expect(uuidV5("www.example.com", "6ba7b810-9dad-11d1-80b4-00c04fd430c8")).toBe(
      "2ed6657d-e927-568b-95e1-2665a8aea6a2",
    );
    expect(contentId("organisation", "ofsted")).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(contentId("organisation", "ofsted")).not.toBe(contentId("person", "ofsted"));
  });
});

describe("importContent", () => {
  it("imports the real content/ with the records the pages rely on", async () => {
    const lines: string[] = [];
    const summary = await importContent({ directory: CONTENT, log: (l) => lines.push(l) });
    expect(summary).toEqual({ imported: RECORDS, unchanged: 0 });
    expect(lines).toHaveLength(FILES);

    const c = await counts();
    expect(c).toMatchObject({
      organisations: 3,
      bodies: 1,
      people: 6,
      priorities: 6,
      documents: 5,
      inspections: 8,
      recommendations: 7,
      meetings: 1,
      agendaItems: 1,
      minutes: 1,
      questions: 12,
      responses: 12,
      agendaItemPriorities: 6,
      agendaItemDocuments: 1,
      contentSources: FILES,
    });
    // One audit row per record created, by the system.
    const audit = await db().select().from(auditLog);
    expect(audit).toHaveLength(RECORDS);
    expect(audit.every((a) => a.action === "import" && a.userId === null && a.before === null)).toBe(true);

    // Ids come from type and slug.
    const ofsted = await db().query.organisations.findFirst({ where: eq(organisations.slug, "ofsted") });
    expect(ofsted?.id).toBe(contentId("organisation", "ofsted"));
    const council = await db().query.organisations.findFirst({ where: eq(organisations.slug, "sandwell-council") });
    expect(council).toMatchObject({ name: "Sandwell Metropolitan Borough Council", kind: "council" });
    const board = await db().query.bodies.findFirst({ where: eq(bodies.slug, "scrutiny-board") });
    expect(board).toMatchObject({ kind: "board", organisationId: council?.id });
    expect(board?.sourceNote).toMatch(/"the Board"/);

    // The 2024 focused visit: exact dates, no judgement, one improvement point.
    const focused = await db().query.inspections.findFirst({
      where: eq(inspections.slug, "ofsted-2024-focused-visit"),
      with: { recommendations: true, document: true },
    });
    expect(focused).toMatchObject({
      kind: "focused_visit",
      visitStartOn: "2024-10-30",
      visitEndOn: "2024-10-31",
      // The letter is dated 29 November 2024; no source says when it was published.
      publishedOn: null,
      datePrecision: "exact",
      overallJudgement: null,
      organisationId: contentId("organisation", "sandwell-childrens-trust"),
      inspectorateId: ofsted?.id,
    });
    expect(focused?.document?.slug).toBe("ofsted-focused-visit-letter-2024");
    expect(focused?.recommendations).toHaveLength(1);
    expect(focused?.recommendations[0]).toMatchObject({
      kind: "improvement_point",
      text: "Regularity and quality of supervision of social workers, and oversight of children's casework.",
    });

    // The 2018 inspection: inadequate, six of Ofsted's 17 recommendations.
    const y2018 = await db().query.inspections.findFirst({
      where: eq(inspections.slug, "ofsted-2018-inspection"),
      with: { recommendations: { orderBy: asc(recommendations.position) }, document: true },
    });
    expect(y2018?.overallJudgement).toBe("Inadequate");
    expect(y2018?.datePrecision).not.toBe("exact");
    expect(y2018?.dateNote).toMatch(/January 2018/);
    expect(y2018?.organisationId).toBe(council?.id);
    expect(y2018?.document?.kind).toBe("news_report");
    expect(y2018?.recommendations.map((r) => r.reference)).toEqual(["R1", "R2", "R3", "R4", "R5", "R6"]);
    expect(y2018?.recommendations[4].text).toBe(
      "Increase the number of foster carers to meet the varied needs of children looked after.",
    );
    expect(y2018?.sourceNote).toMatch(/17/);
    expect(y2018?.summary).toMatch(/17 recommendations/);

    // No judgement invented for ungraded visits or where the sources give none.
    const ungraded = await db()
      .select({ slug: inspections.slug, judgement: inspections.overallJudgement })
      .from(inspections);
    const judged = ungraded.filter((i) => i.judgement !== null).map((i) => i.slug);
    expect(judged).toEqual(["ofsted-2018-inspection"]);
    const undated = await db().query.inspections.findFirst({
      where: eq(inspections.slug, "ofsted-third-monitoring-visit"),
    });
    expect(undated).toMatchObject({ kind: "monitoring_visit", datePrecision: "unknown", visitStartOn: null });
    expect(undated?.dateNote).toMatch(/third monitoring visit/);

    // The meeting: date not exact, and said so; published; held.
    const meeting = await db().query.meetings.findFirst({ where: eq(meetings.slug, "2021-trust-annual-review") });
    expect(meeting?.datePrecision).toBe("year");
    expect(meeting?.startsAt.getUTCFullYear()).toBe(2021);
    expect(meeting?.dateNote).toMatch(/July 2021/);
    expect(meeting?.status).toBe("held");
    // Agenda and minutes public, but no source says when they were published: stored so, not as a placeholder date.
    expect(meeting?.agendaPublishedAt).not.toBeNull();
    expect(meeting?.minutesPublishedAt).not.toBeNull();
    expect(meeting?.agendaPublishedPrecision).toBe("unknown");
    expect(meeting?.minutesPublishedPrecision).toBe("unknown");
    expect(meeting?.sourceNote).toMatch(/other items/);

    // Its one item: purpose, all six priorities, the annual review, the minute.
    const item = await db().query.agendaItems.findFirst({
      where: eq(agendaItems.meetingId, meeting!.id),
      with: { priorities: { with: { priority: true } }, documents: { with: { document: true } }, minute: true },
    });
    expect(item?.title).toBe("Sandwell Children's Trust Annual Review");
    expect(item?.purpose).toBe("Members to comment on and note the Sandwell Children's Trust Annual Review");
    expect(item?.publishedAt?.getTime()).toBe(meeting?.agendaPublishedAt?.getTime());
    expect(item?.priorities.map((p) => p.priority.slug).sort()).toEqual(
      [
        "meeting-need-and-measuring-progress",
        "partnerships",
        "people",
        "practice",
        "prevention",
        "striving-for-excellence",
      ].sort(),
    );
    expect(item?.documents.map((d) => d.document.slug)).toEqual(["trust-annual-review-2021"]);
    expect(item?.documents[0].document.kind).toBe("annual_review");
    // The annual review: its year, the item where it was presented, the six priorities it sets out.
    const review = await db().query.documents.findFirst({ where: eq(documents.slug, "trust-annual-review-2021") });
    // The period as the source states it, and no year reviewed the source does not name.
    expect(review).toMatchObject({ reviewYear: null, presentedAtItemId: item!.id, publishedPrecision: "unknown" });
    expect(review?.reviewPeriod).toMatch(/previous twelve months/);
    const reviewPriorities = await db()
      .select({ id: documentPriorities.priorityId })
      .from(documentPriorities)
      .where(eq(documentPriorities.documentId, review!.id));
    expect(reviewPriorities.map((p) => p.id).sort()).toEqual(item!.priorities.map((p) => p.priority.id).sort());
    expect(reviewPriorities).toHaveLength(6);
    expect(item?.minute?.decisions).toBe("");
    const minute = item!.minute!.body;
    expect(minute).toMatch(/^The Chief Executive of Sandwell Children's Trust delivered a presentation/);
    expect(minute).toContain(
      "Following comments and questions from members of the Board, the following responses were made, and issues highlighted:",
    );
    const bullets = minute.split("\n").filter((l) => l.startsWith("- ")).map((l) => l.slice(2));
    expect(bullets).toHaveLength(12);

    // Twelve questions, summarised, each with one verbatim response.
    const qs = await db().query.questions.findMany({
      where: eq(questions.agendaItemId, item!.id),
      with: { responses: true },
      orderBy: asc(questions.position),
    });
    expect(qs).toHaveLength(12);
    qs.forEach((q, i) => {
      expect(q).toMatchObject({
        position: i + 1,
        isSummarised: true,
        raisedAtMeeting: true,
        askedById: null,
        addressedToId: contentId("organisation", "sandwell-childrens-trust"),
        tabledOn: "2021-09-01",
        // Raised at a meeting the sources date only to the year: the question's own precision says so.
        tabledOnPrecision: "year",
      });
      expect(q.acceptedAt).not.toBeNull();
      expect(q.sourceNote).toMatch(/neutral summary/);
      expect(q.responses).toHaveLength(1);
      expect(q.responses[0]).toMatchObject({
        kind: "full",
        body: bullets[i],
        organisationId: contentId("organisation", "sandwell-childrens-trust"),
        respondedAtPrecision: "year",
      });
      expect(q.responses[0].respondedAt.getTime()).toBe(meeting?.startsAt.getTime());
    });
    expect(qs[0].text).toBe("Members commented on the emphasis on keeping children safe.");

    // Documents: published, boilerplate gone, page breaks repaired.
    const docs = await db().select().from(documents);
    expect(docs.every((d) => d.publishedAt !== null)).toBe(true);
    expect(docs.some((d) => /Mackman|Contact Us|01206/.test(d.body))).toBe(false);
    const letter = docs.find((d) => d.slug === "ofsted-focused-visit-letter-2024")!;
    // Dated 29 November 2024; when it was published no source says.
    expect(letter).toMatchObject({ kind: "letter", documentDate: "2024-11-29", datePrecision: "exact", publishedPrecision: "unknown" });
    expect(letter.body).toContain("early evidence of positive impact following the phased implementation");
    expect(letter.body).toContain("a richer understanding of the impact of the work for the child");
    expect(letter.body).toContain("Dear Sally Giles and Emma Taylor");
    expect(letter.body).not.toMatch(/Piccadilly Gate|enquiries@ofsted/);
    const news = docs.filter((d) => d.kind === "news_report");
    expect(news.map((d) => d.slug).sort()).toEqual([
      "news-2018-ofsted-inspection-sandwell",
      "news-monitoring-visit-partnership-working",
      "news-third-monitoring-visit-front-door",
    ]);
    expect(news.every((d) => /news/i.test(d.source ?? ""))).toBe(true);

    // People only as the sources name them: the 2021 presenter is not named.
    const names = (await db().select({ name: people.name }).from(people)).map((p) => p.name).sort();
    expect(names).toEqual([
      "Emma Taylor",
      "Malcolm Newsam",
      "Monique Lindsay",
      "Russel Breyer",
      "Sally Giles",
      "Simon Hackett",
    ]);
  });
});
