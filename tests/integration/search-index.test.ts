/**
 * The one search index (migration 0028, docs/decisions/047-one-search-index.md) answers "who sees
 * this row" exactly as the rules of app/rules/visibility.server.ts answer it for the record, for
 * every record of a generated archive (drafts, exempt items, unaccepted and rejected questions,
 * actions from every origin, board and inspection recommendations, evidence documents, proposed
 * topics), for each kind of viewer; and stays so after the records change (the triggers).
 */
import { sql, type SQL } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import {
  actionVisible,
  agendaItemContentVisible,
  agendaItemVisible,
  decisionVisible,
  documentVisible,
  minuteVisible,
  questionVisible,
  recommendationVisible,
  searchEntryVisible,
  workProgrammeTopicVisible,
} from "~/rules/visibility.server";
import { PUBLIC_VIEWER, type Viewer } from "~/rules/viewer.server";
import {
  actions,
  agendaItemDocuments,
  agendaItems,
  decisions,
  documents,
  inspections,
  meetings,
  minutes,
  people,
  questions,
  recommendations,
  responses,
  searchEntries,
  workProgrammeTopics,
} from "../../db/schema";
import { makeBody, makeDocument, makeItem, makeMeeting, makeMinute, makeOrganisation, makeQuestion, makeResponse } from "../support/factories";

/** A small seeded generator, so the archive is the same on every run. */
function prng(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const rows = <T>(r: unknown) => (Array.isArray(r) ? r : (r as { rows: T[] }).rows) as T[];

let viewers: Record<string, Viewer>;
const ids = { items: [] as string[], questions: [] as string[], meetings: [] as string[], documents: [] as string[], actions: [] as string[] };

beforeAll(async () => {
  const random = prng(47);
  const pick = <T>(xs: T[]) => xs[Math.floor(random() * xs.length)];
  const chance = (p: number) => random() < p;
  const orgA = await makeOrganisation({ name: "Trust A" });
  const orgB = await makeOrganisation({ name: "Trust B" });
  const [asker, leadA, leadB, officerPerson] = await db()
    .insert(people)
    .values([
      { slug: "idx-asker", name: "Asker" },
      { slug: "idx-lead-a", name: "Lead A", organisationId: orgA.id },
      { slug: "idx-lead-b", name: "Lead B", organisationId: orgB.id },
      { slug: "idx-officer", name: "Officer with a person", organisationId: orgA.id },
    ])
    .returning();
  const user = (role: "member" | "officer" | "clerk", personId: string | null, organisationId: string | null): Viewer => ({
    kind: "user",
    userId: "00000000-0000-4000-8000-0000000000" + String(Object.keys(viewers ?? {}).length).padStart(2, "0"),
    name: role,
    email: `${role}@example.org`,
    role,
    personId,
    organisationId,
  });
  viewers = {} as Record<string, Viewer>;
  viewers.public = PUBLIC_VIEWER;
  viewers.member = user("member", asker.id, null);
  viewers.officer = user("officer", null, orgA.id);
  viewers.officerWithPerson = user("officer", officerPerson.id, orgA.id);
  viewers.clerk = user("clerk", null, null);

  const body = await makeBody({ name: "Index Board" });
  const [inspection] = await db().insert(inspections).values({ slug: "idx-inspection", title: "Index inspection", kind: "full_inspection" }).returning();
  const minuteIds: string[] = [];
  const recommendationIds: string[] = [];
  for (let m = 0; m < 5; m++) {
    const meeting = await makeMeeting(body.id, {
      title: `Meeting ${m}`,
      startsAt: new Date(Date.UTC(2020 + m, 2, 10, 18)),
      agendaPublishedAt: chance(0.8) ? new Date(Date.UTC(2020 + m, 2, 1)) : null,
      minutesPublishedAt: chance(0.7) ? new Date(Date.UTC(2020 + m, 3, 1)) : null,
    });
    ids.meetings.push(meeting.id);
    for (let i = 0; i < 3; i++) {
      const exempt = chance(0.3);
      const item = await makeItem(meeting.id, {
        position: i + 1,
        title: `Item ${m}.${i} gazebo`,
        body: "The gazebo report",
        publishedAt: chance(0.85) ? new Date(Date.UTC(2020 + m, 2, 1)) : null,
        isExempt: exempt,
        exemptParagraph: exempt ? 3 : null,
        publicTitle: exempt && chance(0.5) ? "A gazebo contract" : null,
        leadOfficerId: pick([null, leadA.id, leadB.id]),
      });
      ids.items.push(item.id);
      const minute = await makeMinute(item.id, "Minuted: the gazebo");
      minuteIds.push(minute.id);
      if (chance(0.5)) await db().insert(decisions).values({ agendaItemId: item.id, text: "Resolved on the gazebo" });
      const document = await makeDocument(
        { title: `Gazebo paper ${m}.${i}`, kind: chance(0.2) ? "annual_review" : "report", publishedAt: chance(0.8) ? new Date() : null },
        chance(0.7) ? item.id : undefined,
      );
      ids.documents.push(document.id);
      for (let k = 0; k < 2; k++) {
        const question = await makeQuestion(item.id, pick([orgA.id, orgB.id]), {
          text: `Gazebo question ${m}.${i}.${k}`,
          askedById: chance(0.5) ? asker.id : null,
          acceptedAt: chance(0.8) ? new Date() : null,
          rejectedAt: chance(0.15) ? new Date() : null,
        });
        ids.questions.push(question.id);
        if (chance(0.6)) await makeResponse(question.id, { body: "A gazebo answer" });
        if (chance(0.5)) {
          const [action] = await db()
            .insert(actions)
            .values({
              description: "Mend the gazebo",
              dueOn: "2026-01-01",
              owningOrganisationId: pick([orgA.id, orgB.id]),
              questionId: question.id,
              minuteId: chance(0.3) ? minute.id : null,
              closureEvidenceDocumentId: chance(0.3) ? pick(ids.documents) : null,
            })
            .returning();
          ids.actions.push(action.id);
        }
      }
    }
  }
  for (let r = 0; r < 8; r++) {
    const board = chance(0.6);
    const [rec] = await db()
      .insert(recommendations)
      .values({
        reference: `R${r}`,
        text: "Improve the gazebo",
        source: board ? "board" : "inspection",
        inspectionId: board ? null : inspection.id,
        bodyId: board ? body.id : null,
        agreedAtMinuteId: board && chance(0.7) ? pick(minuteIds) : null,
        agreedInDocumentId: board && chance(0.5) ? pick(ids.documents) : null,
        addresseeOrganisationId: board ? pick([orgA.id, orgB.id, null]) : null,
      })
      .returning();
    recommendationIds.push(rec.id);
    const [action] = await db()
      .insert(actions)
      .values({
        description: "Gazebo action from a recommendation",
        dueOn: "2026-01-01",
        owningOrganisationId: pick([orgA.id, orgB.id]),
        recommendationId: rec.id,
        closureEvidenceDocumentId: chance(0.4) ? pick(ids.documents) : null,
      })
      .returning();
    ids.actions.push(action.id);
  }
  // An action from nowhere (clerks only).
  await db().insert(actions).values({ description: "Orphan gazebo action", dueOn: "2026-01-01", owningOrganisationId: orgB.id });
  for (const decision of ["proposed", "planned", "deferred"] as const) {
    await db()
      .insert(workProgrammeTopics)
      .values({ bodyId: body.id, municipalYear: 2025, title: `Gazebo topic ${decision}`, reason: "priority", decision, decisionReason: decision === "deferred" ? "Later" : null });
  }
}, 60_000);

/** What the rules say each viewer sees, kind by kind, straight from the records. */
function byRules(v: Viewer): SQL {
  const itemJoin = sql`join ${meetings} on ${meetings.id} = ${agendaItems.meetingId}`;
  return sql`
    select 'agenda_item' as kind, ${agendaItems.id} as id, true as whole from ${agendaItems} ${itemJoin}
      where ${agendaItemVisible(v)} and ${agendaItemContentVisible(v)}
    union all select 'agenda_item', ${agendaItems.id}, false from ${agendaItems} ${itemJoin}
      where ${agendaItemVisible(v)} and not (${agendaItemContentVisible(v)})
    union all select 'minute', ${minutes.id}, true from ${minutes} join ${agendaItems} on ${agendaItems.id} = ${minutes.agendaItemId} ${itemJoin}
      where ${minuteVisible(v)}
    union all select 'decision', ${decisions.id}, true from ${decisions} join ${agendaItems} on ${agendaItems.id} = ${decisions.agendaItemId} ${itemJoin}
      where ${decisionVisible(v)}
    union all select case when ${documents.kind} = 'annual_review' then 'annual_review' else 'document' end, ${documents.id}, true
      from ${documents} where ${documentVisible(v)}
    union all select 'question', ${questions.id}, true from ${questions} join ${agendaItems} on ${agendaItems.id} = ${questions.agendaItemId} ${itemJoin}
      where ${questionVisible(v)}
    union all select 'response', ${responses.id}, true from ${responses} join ${questions} on ${questions.id} = ${responses.questionId}
      join ${agendaItems} on ${agendaItems.id} = ${questions.agendaItemId} ${itemJoin} where ${questionVisible(v)}
    union all select 'action', ${actions.id}, true from ${actions} where ${actionVisible(v)}
    union all select 'recommendation', ${recommendations.id}, true from ${recommendations} where ${recommendationVisible(v)}
    union all select 'topic', ${workProgrammeTopics.id}, true from ${workProgrammeTopics} where ${workProgrammeTopicVisible(v)}`;
}

async function compare() {
  const differences: string[] = [];
  for (const [name, v] of Object.entries(viewers)) {
    const expected = rows<{ key: string }>(
      await db().execute(sql`select kind || ':' || id::text || ':' || whole::text as key from (${byRules(v)}) as r`),
    ).map((r) => r.key);
    const actual = rows<{ key: string }>(
      await db().execute(sql`select ${searchEntries.kind} || ':' || ${searchEntries.recordId}::text || ':' || ${searchEntries.fullContent}::text as key
        from ${searchEntries} where ${searchEntryVisible(v)}`),
    ).map((r) => r.key);
    const want = new Set(expected);
    const got = new Set(actual);
    for (const k of want) if (!got.has(k)) differences.push(`${name} should see ${k}`);
    for (const k of got) if (!want.has(k)) differences.push(`${name} should not see ${k}`);
    expect(got.size, `${name}: no row twice`).toBe(actual.length);
  }
  return differences;
}

describe("the search index's visibility", () => {
  it("equals the rules' answer for every record and every kind of viewer", async () => {
    const [count] = rows<{ n: number }>(await db().execute(sql`select count(*)::int as n from ${searchEntries}`));
    expect(Number(count.n)).toBeGreaterThan(100);
    // The archive really holds what differs between viewers.
    const [mix] = rows<{ hidden: number; titles: number }>(
      await db().execute(sql`select count(*) filter (where not ${searchEntries.publicVisible})::int as hidden,
        count(*) filter (where not ${searchEntries.fullContent})::int as titles from ${searchEntries}`),
    );
    expect(Number(mix.hidden)).toBeGreaterThan(20);
    expect(Number(mix.titles)).toBeGreaterThan(0);
    expect(await compare()).toEqual([]);
  });

  it("stays equal as records are published, made exempt, rejected, re-linked and deleted (the triggers)", async () => {
    await db().update(meetings).set({ agendaPublishedAt: null }).where(sql`${meetings.id} = ${ids.meetings[0]}`);
    await db().update(meetings).set({ agendaPublishedAt: new Date(), minutesPublishedAt: new Date() }).where(sql`${meetings.id} = ${ids.meetings[1]}`);
    await db().update(agendaItems).set({ isExempt: true, exemptParagraph: 1 }).where(sql`${agendaItems.id} = ${ids.items[10]}`);
    await db().update(agendaItems).set({ isExempt: false, exemptParagraph: null }).where(sql`${agendaItems.isExempt} and ${agendaItems.id} <> ${ids.items[10]}`);
    await db().update(questions).set({ rejectedAt: new Date() }).where(sql`${questions.id} = ${ids.questions[3]}`);
    await db().update(documents).set({ publishedAt: null }).where(sql`${documents.id} = ${ids.documents[2]}`);
    await db().insert(agendaItemDocuments).values({ agendaItemId: ids.items[0], documentId: ids.documents[5] }).onConflictDoNothing();
    await db().update(actions).set({ closureEvidenceDocumentId: ids.documents[6] }).where(sql`${actions.id} = ${ids.actions[0]}`);
    await db().delete(actions).where(sql`${actions.questionId} = ${ids.questions[7]}`);
    await db().delete(responses).where(sql`${responses.questionId} = ${ids.questions[7]}`);
    await db().delete(questions).where(sql`${questions.id} = ${ids.questions[7]}`);
    await db().delete(agendaItemDocuments).where(sql`${agendaItemDocuments.documentId} = ${ids.documents[8]}`);
    await db().delete(responses).where(sql`${responses.questionId} = ${ids.questions[9]}`);
    await db().update(workProgrammeTopics).set({ decision: "planned" }).where(sql`${workProgrammeTopics.decision} = 'proposed'`);
    expect(await compare()).toEqual([]);
    // A deleted record leaves no row behind.
    const [left] = rows<{ n: number }>(
      await db().execute(sql`select count(*)::int as n from ${searchEntries} where ${searchEntries.recordId} = ${ids.questions[7]}`),
    );
    expect(Number(left.n)).toBe(0);
  });

  it("keeps an entry's text and body in step with its record", async () => {
    await db().update(agendaItems).set({ title: "Renamed pergola item" }).where(sql`${agendaItems.id} = ${ids.items[1]}`);
    const [entry] = rows<{ title: string; hit: boolean }>(
      await db().execute(sql`select ${searchEntries.title} as title, ${searchEntries.search} @@ websearch_to_tsquery('english', 'pergola') as hit
        from ${searchEntries} where ${searchEntries.recordId} = ${ids.items[1]} and ${searchEntries.fullContent}`),
    );
    expect(entry).toEqual({ title: "Renamed pergola item", hit: true });
  });
});
