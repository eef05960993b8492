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
 * - A document's file is seen where the document is, while it is current: a
 *   superseded file (replaced, say to redact it) is for clerks only.
 */
import { and, eq, isNotNull, isNull, not, or, sql, type SQL } from "drizzle-orm";
import {
  actions,
  agendaItemDocuments,
  agendaItems,
  documentFiles,
  documents,
  interestDeclarations,
  meetingAttendance,
  meetings,
  memberships,
  minutes,
  people,
  questions,
  responses,
  users,
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
  const hiddenAttachment = sql`exists (
    select 1 from ${agendaItemDocuments} aid
    join ${agendaItems} on ${agendaItems.id} = aid.agenda_item_id
    join ${meetings} on ${meetings.id} = ${agendaItems.meetingId}
    where aid.document_id = ${documents.id}
      and not (${and(agendaItemVisible(viewer), agendaItemContentVisible(viewer))})
  )`;
  return and(isNotNull(documents.publishedAt), not(hiddenAttachment), evidenceDocumentVisible(viewer))!;
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
  const fromSeenOrigins = and(
    or(isNotNull(actions.questionId), isNotNull(actions.minuteId), isNotNull(actions.recommendationId)),
    or(isNull(actions.questionId), questionSeen),
    or(isNull(actions.minuteId), minuteSeen),
  )!;
  if (viewer.kind === "user" && viewer.role === "officer" && viewer.organisationId) {
    return or(eq(actions.owningOrganisationId, viewer.organisationId), fromSeenOrigins)!;
  }
  return fromSeenOrigins;
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
