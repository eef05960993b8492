/**
 * Who may see what: the one place the rules live (docs/decisions/003-visibility.md).
 * Model functions build their queries with these conditions and redact exempt
 * content before anything leaves the server, so no page, feed, API or export
 * can show a draft or exempt content by forgetting a check in a component.
 *
 * - A meeting is public once its agenda is published.
 * - An agenda item is public once it is published and its meeting's agenda is.
 * - An exempt item (Schedule 12A) shows the public its number, public title and
 *   paragraph, and after the meeting its public summary; never its body,
 *   documents, minute or questions.
 * - Minutes are public once the meeting's minutes are published.
 * - A decision is seen where its item's minute is: the meeting's minutes published,
 *   on an item seen in full (a decision on an exempt item is private with the item).
 * - An exempt item released after review is no longer exempt: its content is public.
 * - A document is public once published, unless it belongs to an item the
 *   viewer cannot see in full.
 * - A question is public once accepted (and not rejected) on a public, non-exempt item.
 * - An action is seen where every record it came from is: its question, its
 *   minute (published, on an item seen in full), its recommendation (public).
 *   An officer also sees every action their organisation owns.
 * - A closure evidence document is seen only where its action is.
 * - A person is public only when the public record names them: a membership of a
 *   body, or a record the viewer may see (a question they asked, a response, an
 *   action they own, an agenda item they lead, a meeting's attendance, a
 *   declaration of interest). A demo account's or a not-yet-accepted invitation's
 *   person is never public by a membership alone, and a demo account's person
 *   never at all (docs/decisions/012-who-is-a-public-person.md).
 * - An inspection's recommendation is public (inspection reports are). A board's own
 *   recommendation is seen where the minute that agreed it is (published, on an item
 *   seen in full) and the review report it came from is; an officer also sees those
 *   addressed to their organisation (they must answer them). Actions from a
 *   recommendation are seen where it is.
 * - A work programme topic is seen by everyone once a clerk has accepted it onto the
 *   programme (planned, and every status after); a proposed one only by members, clerks
 *   and admins (docs/decisions/043-work-programme.md).
 * - A document's file is seen where the document is, while it is current: a
 *   superseded file (replaced, say to redact it) is for clerks only.
 */
import { and, eq, isNotNull, isNull, not, or, sql, type SQL } from "drizzle-orm";
import {
  actions,
  agendaItemDocuments,
  agendaItems,
  decisions,
  documentFiles,
  documents,
  interestDeclarations,
  meetingAttendance,
  meetings,
  memberships,
  recommendations,
  minutes,
  people,
  questions,
  responses,
  searchEntries,
  users,
  workProgrammeTopics,
} from "../../db/schema";
import { canSeeDrafts, canSeeExemptContent, type Viewer } from "./viewer.server";

const TRUE = sql`true`;

export function meetingVisible(viewer: Viewer): SQL {
  return canSeeDrafts(viewer) ? TRUE : isNotNull(meetings.agendaPublishedAt);
}

/** Use in a query that joins agenda_items to meetings. */
export function agendaItemVisible(viewer: Viewer): SQL {
  if (canSeeDrafts(viewer)) return TRUE;
  return and(isNotNull(agendaItems.publishedAt), isNotNull(meetings.agendaPublishedAt))!;
}

/** Whether the viewer sees an exempt item's content (body, documents, minute, questions). */
export function agendaItemContentVisible(viewer: Viewer): SQL {
  if (canSeeExemptContent(viewer)) return TRUE;
  if (viewer.kind === "user" && viewer.role === "officer" && viewer.organisationId) {
    return or(
      eq(agendaItems.isExempt, false),
      sql`exists (select 1 from people p where p.id = ${agendaItems.leadOfficerId} and p.organisation_id = ${viewer.organisationId})`,
    )!;
  }
  return eq(agendaItems.isExempt, false);
}

export function minutesVisible(viewer: Viewer): SQL {
  return canSeeDrafts(viewer) ? TRUE : isNotNull(meetings.minutesPublishedAt);
}

/** One minute, in a query that joins minutes to agenda_items and meetings: published, on an item seen in full. */
export function minuteVisible(viewer: Viewer): SQL {
  return and(meetingVisible(viewer), minutesVisible(viewer), agendaItemVisible(viewer), agendaItemContentVisible(viewer))!;
}

/**
 * One decision, in a query that joins decisions to agenda_items and meetings: where its
 * item's minute is seen (published, on an item seen in full), so a decision on an exempt
 * item stays private with the item on every surface.
 */
export function decisionVisible(viewer: Viewer): SQL {
  return minuteVisible(viewer);
}

/** What an exempt item is called where it has no public title. */
export const EXEMPT_ITEM_TITLE = "Exempt item";

/**
 * An agenda item's title as the viewer may see it, in a query that joins
 * agenda_items to meetings: its title where they see the item in full, an
 * exempt item's public title where they see only that, null where they may not
 * see the item at all. Every label naming an item (an action's origin, a link)
 * takes its title from here.
 */
export function agendaItemTitleSeen(viewer: Viewer): SQL<string | null> {
  return sql<string | null>`case when not (${agendaItemVisible(viewer)}) then null
    when ${agendaItemContentVisible(viewer)} then ${agendaItems.title}
    else coalesce(${agendaItems.publicTitle}, ${EXEMPT_ITEM_TITLE}) end`;
}

/**
 * A document is visible when published and every item it is attached to is one
 * the viewer can see in full (a report on an exempt or draft item stays hidden).
 */
export function documentVisible(viewer: Viewer): SQL {
  if (canSeeDrafts(viewer)) return TRUE;
  return and(publishedDocumentOnSeenItems(viewer), evidenceDocumentVisible(viewer))!;
}

/**
 * documentVisible without the closure-evidence part: published, and on no item the viewer
 * cannot see in full. A board recommendation's review report is checked with this, since
 * the evidence part asks about actions, and actions about recommendations.
 */
export function publishedDocumentOnSeenItems(viewer: Viewer): SQL {
  if (canSeeDrafts(viewer)) return TRUE;
  const hiddenAttachment = sql`exists (
    select 1 from ${agendaItemDocuments} aid
    join ${agendaItems} on ${agendaItems.id} = aid.agenda_item_id
    join ${meetings} on ${meetings.id} = ${agendaItems.meetingId}
    where aid.document_id = ${documents.id}
      and not (${and(agendaItemVisible(viewer), agendaItemContentVisible(viewer))})
  )`;
  return and(isNotNull(documents.publishedAt), not(hiddenAttachment))!;
}

/**
 * Use in a query over `document_files` joined to `documents`. A file is seen
 * where its document is, and only while it is the document's current file: a
 * superseded one (replaced to redact it, or corrected) is a 404 for everyone
 * but clerks, who see it marked superseded in the document's history.
 */
export function documentFileVisible(viewer: Viewer): SQL {
  if (canSeeDrafts(viewer)) return TRUE;
  return and(isNull(documentFiles.supersededAt), documentVisible(viewer))!;
}

/**
 * Use in a query over `documents`: false for the closure evidence of an action
 * the viewer cannot see (true for every other document). Part of
 * `documentVisible`, so lists, search, feeds, the API and file downloads all
 * keep an action's evidence where the action is.
 */
export function evidenceDocumentVisible(viewer: Viewer): SQL {
  if (canSeeDrafts(viewer)) return TRUE;
  return sql`not exists (select 1 from ${actions}
    where ${actions.closureEvidenceDocumentId} = ${documents.id} and not (${actionVisible(viewer)}))`;
}

/**
 * Use in a query over `actions`. An action is seen where every record it came
 * from is (its question; its minute, published and on an item seen in full);
 * one from a recommendation only is public (inspections are). An action with no
 * origin at all is for clerks. An officer sees all their organisation's actions.
 */
export function actionVisible(viewer: Viewer): SQL {
  if (canSeeDrafts(viewer)) return TRUE;
  const questionSeen = sql`exists (select 1 from ${questions}
      join ${agendaItems} on ${agendaItems.id} = ${questions.agendaItemId}
      join ${meetings} on ${meetings.id} = ${agendaItems.meetingId}
      where ${questions.id} = ${actions.questionId} and ${questionVisible(viewer)})`;
  const minuteSeen = sql`exists (select 1 from ${minutes}
      join ${agendaItems} on ${agendaItems.id} = ${minutes.agendaItemId}
      join ${meetings} on ${meetings.id} = ${agendaItems.meetingId}
      where ${minutes.id} = ${actions.minuteId} and ${minuteVisible(viewer)})`;
  const recommendationSeen = sql`exists (select 1 from ${recommendations}
      where ${recommendations.id} = ${actions.recommendationId} and ${recommendationVisible(viewer)})`;
  const fromSeenOrigins = and(
    or(isNotNull(actions.questionId), isNotNull(actions.minuteId), isNotNull(actions.recommendationId)),
    or(isNull(actions.questionId), questionSeen),
    or(isNull(actions.minuteId), minuteSeen),
    or(isNull(actions.recommendationId), recommendationSeen),
  )!;
  if (viewer.kind === "user" && viewer.role === "officer" && viewer.organisationId) {
    return or(eq(actions.owningOrganisationId, viewer.organisationId), fromSeenOrigins)!;
  }
  return fromSeenOrigins;
}

/**
 * Use in a query over `recommendations`: an inspection's are public; a board's are seen
 * where the minute and the review report that agreed it are, or by an officer of the
 * organisation it is addressed to.
 */
export function recommendationVisible(viewer: Viewer): SQL {
  if (canSeeDrafts(viewer)) return TRUE;
  const minuteSeen = sql`exists (select 1 from ${minutes}
      join ${agendaItems} on ${agendaItems.id} = ${minutes.agendaItemId}
      join ${meetings} on ${meetings.id} = ${agendaItems.meetingId}
      where ${minutes.id} = ${recommendations.agreedAtMinuteId} and ${minuteVisible(viewer)})`;
  const documentSeen = sql`exists (select 1 from ${documents}
      where ${documents.id} = ${recommendations.agreedInDocumentId} and ${publishedDocumentOnSeenItems(viewer)})`;
  const boardSeen = and(
    or(isNull(recommendations.agreedAtMinuteId), minuteSeen),
    or(isNull(recommendations.agreedInDocumentId), documentSeen),
  )!;
  const seen = or(eq(recommendations.source, "inspection"), boardSeen)!;
  if (viewer.kind === "user" && viewer.role === "officer" && viewer.organisationId) {
    return or(seen, eq(recommendations.addresseeOrganisationId, viewer.organisationId))!;
  }
  return seen;
}

/** Use in a query that joins questions to agenda_items and meetings. */
export function questionVisible(viewer: Viewer): SQL {
  if (canSeeDrafts(viewer)) return TRUE;
  const publicQuestion = and(
    isNotNull(questions.acceptedAt),
    isNull(questions.rejectedAt),
    agendaItemVisible(viewer),
    agendaItemContentVisible(viewer),
  )!;
  if (viewer.kind === "user" && viewer.personId) {
    // A member always sees their own questions, including unaccepted and rejected ones.
    return or(publicQuestion, eq(questions.askedById, viewer.personId))!;
  }
  if (viewer.kind === "user" && viewer.role === "officer" && viewer.organisationId) {
    // An officer sees accepted questions addressed to their organisation.
    return or(
      publicQuestion,
      and(isNotNull(questions.acceptedAt), eq(questions.addressedToId, viewer.organisationId)),
    )!;
  }
  return publicQuestion;
}

/** The wording of each Schedule 12A paragraph, shown beside an exempt item. */
export const EXEMPT_PARAGRAPH_WORDING: Record<number, string> = {
  1: "Information relating to any individual.",
  2: "Information which is likely to reveal the identity of an individual.",
  3: "Information relating to the financial or business affairs of any particular person (including the authority holding that information).",
  4: "Information relating to any consultations or negotiations, or contemplated consultations or negotiations, in connection with any labour relations matter arising between the authority or a Minister of the Crown and employees of, or office holders under, the authority.",
  5: "Information in respect of which a claim to legal professional privilege could be maintained in legal proceedings.",
  6: "Information which reveals that the authority proposes (a) to give under any enactment a notice under or by virtue of which requirements are imposed on a person; or (b) to make an order or direction under any enactment.",
  7: "Information relating to any action taken or to be taken in connection with the prevention, investigation or prosecution of crime.",
};

/** Use in a query over `people`: the person exists only as a demo login (never part of the public record). */
export function demoPerson(): SQL {
  return sql`exists (select 1 from ${users} where ${users.personId} = ${people.id} and ${users.isDemo})`;
}

/**
 * Use in a query over `people`: whether the viewer may see this person at all
 * (their name, organisation and memberships). Clerks and administrators see
 * everyone.
 */
export function personVisible(viewer: Viewer): SQL {
  if (canSeeDrafts(viewer)) return TRUE;
  // A membership names a person, unless the person exists only because of a demo
  // account or an invitation that has not been accepted.
  const byMembership = sql`(exists (select 1 from ${memberships} where ${memberships.personId} = ${people.id})
    and not exists (select 1 from ${users} where ${users.personId} = ${people.id}
      and (${users.isDemo} or ${users.passwordHash} is null)))`;
  const visibleItem = and(agendaItemVisible(viewer), agendaItemContentVisible(viewer));
  const asked = sql`exists (select 1 from ${questions}
      join ${agendaItems} on ${agendaItems.id} = ${questions.agendaItemId}
      join ${meetings} on ${meetings.id} = ${agendaItems.meetingId}
      where ${questions.askedById} = ${people.id} and ${questionVisible(viewer)})`;
  const responded = sql`exists (select 1 from ${responses}
      join ${questions} on ${questions.id} = ${responses.questionId}
      join ${agendaItems} on ${agendaItems.id} = ${questions.agendaItemId}
      join ${meetings} on ${meetings.id} = ${agendaItems.meetingId}
      where ${responses.respondedById} = ${people.id} and ${questionVisible(viewer)})`;
  const owns = sql`exists (select 1 from ${actions} where ${actions.ownerId} = ${people.id} and ${actionVisible(viewer)})`;
  const leads = sql`exists (select 1 from ${agendaItems}
      join ${meetings} on ${meetings.id} = ${agendaItems.meetingId}
      where ${agendaItems.leadOfficerId} = ${people.id} and ${agendaItemVisible(viewer)})`;
  const attended = sql`exists (select 1 from ${meetingAttendance}
      join ${meetings} on ${meetings.id} = ${meetingAttendance.meetingId}
      where (${meetingAttendance.personId} = ${people.id} or ${meetingAttendance.substituteForId} = ${people.id})
        and ${meetingVisible(viewer)})`;
  const declared = sql`exists (select 1 from ${interestDeclarations}
      join ${agendaItems} on ${agendaItems.id} = ${interestDeclarations.agendaItemId}
      join ${meetings} on ${meetings.id} = ${agendaItems.meetingId}
      where ${interestDeclarations.personId} = ${people.id} and ${visibleItem})`;
  // A person the imported sources name (content/people, with the note saying where).
  const namedInSources = isNotNull(people.sourceNote);
  // A person who is only a demo login (docs/demo-accounts.md) is never part of the public
  // record, whatever they did while someone tried the portal (issue #15 item 10).
  const demoOnly = demoPerson();
  return and(not(demoOnly), or(byMembership, asked, responded, owns, leads, attended, declared, namedInSources))!;
}

/** Use in a query over `work_programme_topics`: a proposed topic is for members and clerks only. */
export function workProgrammeTopicVisible(viewer: Viewer): SQL {
  if (viewer.kind === "user" && (viewer.role === "member" || viewer.role === "clerk" || viewer.role === "admin")) return TRUE;
  return sql`${workProgrammeTopics.decision} <> 'proposed'`;
}

/**
 * Use in a query over `search_entries` (the one search index, docs/decisions/047-one-search-index.md):
 * whether the viewer sees the row. The index stores the public's answer (`public_visible`, kept by
 * the triggers of migration 0028); anyone who sees more than the public (a member's own question,
 * an officer's organisation's actions, exempt content) is answered for the rows the public may not
 * see by this module's own rule for the record's kind. An exempt item's public-title row is for
 * those who may not read the item in full. tests/integration/search-index.test.ts proves the answer
 * equals each kind's rule for every record, for each kind of viewer.
 */
export function searchEntryVisible(viewer: Viewer): SQL {
  const e = searchEntries;
  if (canSeeDrafts(viewer)) return sql`${e.fullContent}`;
  if (viewer.kind !== "user") return sql`${e.publicVisible}`;
  const beyondPublic = sql.join(
    Object.entries(SEARCH_KIND_RULES).map(([kind, rule]) => sql`when ${kind} then ${rule(viewer)}`),
    sql` `,
  );
  const itemContentSeen = sql`exists (select 1 from ${agendaItems} where ${agendaItems.id} = ${e.recordId} and ${agendaItemContentVisible(viewer)})`;
  return sql`(case when ${e.fullContent} then ${e.publicVisible} or (case ${e.kind} ${beyondPublic} else false end)
    else ${e.publicVisible} and not ${itemContentSeen} end)`;
}

/** The document a search row of kind document or annual review is about: its own, or its file's (migration 0030). */
export const searchEntryDocumentId = sql`coalesce((${searchEntries.facts}->>'documentId')::uuid, ${searchEntries.recordId})`;

/**
 * Each search kind's rule, as an EXISTS over its record (`search_entries.record_id`). Adding a kind
 * to the search index means adding its rule here (and its refresh function and trigger to a migration).
 */
export const SEARCH_KIND_RULES: Record<string, (viewer: Viewer) => SQL> = {
  agenda_item: (v) => sql`exists (select 1 from ${agendaItems} join ${meetings} on ${meetings.id} = ${agendaItems.meetingId}
    where ${agendaItems.id} = ${searchEntries.recordId} and ${agendaItemVisible(v)} and ${agendaItemContentVisible(v)})`,
  minute: (v) => sql`exists (select 1 from ${minutes} join ${agendaItems} on ${agendaItems.id} = ${minutes.agendaItemId}
    join ${meetings} on ${meetings.id} = ${agendaItems.meetingId}
    where ${minutes.id} = ${searchEntries.recordId} and ${minuteVisible(v)})`,
  decision: (v) => sql`exists (select 1 from ${decisions} join ${agendaItems} on ${agendaItems.id} = ${decisions.agendaItemId}
    join ${meetings} on ${meetings.id} = ${agendaItems.meetingId}
    where ${decisions.id} = ${searchEntries.recordId} and ${decisionVisible(v)})`,
  // A document's row, or one of its current files' text (migration 0030: facts.documentId), seen where the document is.
  document: (v) => sql`exists (select 1 from ${documents} where ${documents.id} = ${searchEntryDocumentId} and ${documentVisible(v)})`,
  annual_review: (v) => sql`exists (select 1 from ${documents} where ${documents.id} = ${searchEntryDocumentId} and ${documentVisible(v)})`,
  question: (v) => sql`exists (select 1 from ${questions} join ${agendaItems} on ${agendaItems.id} = ${questions.agendaItemId}
    join ${meetings} on ${meetings.id} = ${agendaItems.meetingId}
    where ${questions.id} = ${searchEntries.recordId} and ${questionVisible(v)})`,
  response: (v) => sql`exists (select 1 from ${responses} join ${questions} on ${questions.id} = ${responses.questionId}
    join ${agendaItems} on ${agendaItems.id} = ${questions.agendaItemId} join ${meetings} on ${meetings.id} = ${agendaItems.meetingId}
    where ${responses.id} = ${searchEntries.recordId} and ${questionVisible(v)})`,
  action: (v) => sql`exists (select 1 from ${actions} where ${actions.id} = ${searchEntries.recordId} and ${actionVisible(v)})`,
  recommendation: (v) =>
    sql`exists (select 1 from ${recommendations} where ${recommendations.id} = ${searchEntries.recordId} and ${recommendationVisible(v)})`,
  topic: (v) =>
    sql`exists (select 1 from ${workProgrammeTopics} where ${workProgrammeTopics.id} = ${searchEntries.recordId} and ${workProgrammeTopicVisible(v)})`,
};
