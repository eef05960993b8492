/**
 * What may be followed (a body, meeting, question, action, priority, a board recommendation or the
 * whole register of them) and how each is found and named.
 */
import { and, eq } from "drizzle-orm";
import { FOLLOW_TARGET_TYPES } from "../../../db/schema/publishing";
import { db, type Executor } from "../../db.server";
import { type Viewer } from "../../rules/viewer.server";
import { actionVisible, meetingVisible, questionVisible, recommendationVisible } from "../../rules/visibility.server";
import { refTable } from "../../utils/refs.server";
import { isUuid } from "../../utils/uuid";
import { agendaItem, meeting } from "../meetings/refs.server";
import { boardRecommendation, priority } from "../oversight/refs.server";
import { body } from "../people/refs.server";
import { action, question } from "../questions/refs.server";

export type FollowTargetType = (typeof FOLLOW_TARGET_TYPES)[number];

export const FOLLOW_TYPE_LABELS: Record<FollowTargetType, string> = {
  body: "board or committee",
  meeting: "meeting",
  question: "question",
  action: "action",
  priority: "priority",
  recommendation: "recommendation",
  recommendation_register: "register of recommendations",
};

const CHANGES = "We will send you an email when the agenda or minutes are published, a response is posted, an action is completed or a meeting is cancelled.";
/** What a follower of each kind of record is e-mailed about (the follow page says so). */
export const FOLLOW_WHAT_IS_SENT: Record<FollowTargetType, string> = {
  body: CHANGES,
  meeting: CHANGES,
  question: CHANGES,
  action: CHANGES,
  priority: CHANGES,
  recommendation: "We will send you an email when the response to this recommendation is recorded, when the response becomes overdue, and when the board records its judgement on whether it was implemented.",
  recommendation_register:
    "We will send you an email when a response to any of the board's public recommendations is recorded, when one becomes overdue, and when the board records its judgement on one.",
};

/** The one id the whole register of recommendations is followed by (a subscription needs a target id). */
export const RECOMMENDATION_REGISTER_FOLLOW_ID = "00000000-0000-0000-0000-000000000000";

export function isFollowTargetType(value: unknown): value is FollowTargetType {
  return typeof value === "string" && (FOLLOW_TARGET_TYPES as readonly string[]).includes(value);
}

export interface FollowTarget {
  type: FollowTargetType;
  id: string;
  title: string;
  path: string;
}

function short(text: string, n = 90) {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > n ? `${flat.slice(0, n - 1)}…` : flat;
}

/** The thing to follow, if it exists and the viewer may see it. */
export async function findFollowTarget(
  viewer: Viewer,
  type: string,
  id: string,
  executor: Executor = db(),
): Promise<FollowTarget | null> {
  if (!isFollowTargetType(type) || !isUuid(id)) return null;
  switch (type) {
    case "body": {
      const [b] = await executor.select({ name: body.name, slug: body.slug }).from(refTable(body)).where(eq(body.id, id));
      return b ? { type, id, title: String(b.name), path: `/bodies/${b.slug}` } : null;
    }
    case "meeting": {
      const [m] = await executor
        .select({ title: meeting.title, slug: meeting.slug, body: body.name })
        .from(refTable(meeting))
        .innerJoin(...body.on(meeting.bodyId))
        .where(and(eq(meeting.id, id), meetingVisible(viewer)));
      return m ? { type, id, title: `${m.body}: ${m.title}`, path: `/meetings/${m.slug}` } : null;
    }
    case "question": {
      const [q] = await executor
        .select({ text: question.text })
        .from(refTable(question))
        .innerJoin(...agendaItem.on(question.agendaItemId))
        .innerJoin(...meeting.on(agendaItem.meetingId))
        .where(and(eq(question.id, id), questionVisible(viewer)));
      return q ? { type, id, title: short(q.text), path: `/questions/${id}` } : null;
    }
    case "action": {
      const [a] = await executor
        .select({ description: action.description, reference: action.reference })
        .from(refTable(action))
        .where(and(eq(action.id, id), actionVisible(viewer)));
      return a ? { type, id, title: short(`${a.reference ? `${a.reference}: ` : ""}${a.description}`), path: `/actions/${id}` } : null;
    }
    case "priority": {
      const [p] = await executor.select({ title: priority.title, slug: priority.slug }).from(refTable(priority)).where(eq(priority.id, id));
      return p ? { type, id, title: p.title, path: `/priorities/${p.slug}` } : null;
    }
    case "recommendation": {
      // Only a board's own: an inspection's has no response clock or judgement to tell of.
      const [r] = await executor
        .select({ reference: boardRecommendation.reference, text: boardRecommendation.text })
        .from(refTable(boardRecommendation))
        .where(and(eq(boardRecommendation.id, id), eq(boardRecommendation.source, "board"), recommendationVisible(viewer)));
      return r ? { type, id, title: short(`${r.reference}: ${r.text}`), path: `/recommendations/${id}` } : null;
    }
    case "recommendation_register":
      return id === RECOMMENDATION_REGISTER_FOLLOW_ID ? { type, id, title: "The board's recommendations: responses and judgements", path: "/recommendations" } : null;
  }
}
