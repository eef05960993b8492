/** What may be followed (a body, meeting, question, action or priority) and how each is found and named. */
import { and, eq } from "drizzle-orm";
import {
  actions,
  agendaItems,
  bodies,
  FOLLOW_TARGET_TYPES,
  meetings,
  priorities,
  questions,
} from "../../../db/schema";
import { db, type Executor } from "../../db.server";
import { type Viewer } from "../../rules/viewer.server";
import { actionVisible, meetingVisible, questionVisible } from "../../rules/visibility.server";
import { isUuid } from "../../utils/uuid";

export type FollowTargetType = (typeof FOLLOW_TARGET_TYPES)[number];

export const FOLLOW_TYPE_LABELS: Record<FollowTargetType, string> = {
  body: "board or committee",
  meeting: "meeting",
  question: "question",
  action: "action",
  priority: "priority",
};

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
      const [b] = await executor.select().from(bodies).where(eq(bodies.id, id));
      return b ? { type, id, title: b.name, path: `/bodies/${b.slug}` } : null;
    }
    case "meeting": {
      const [m] = await executor
        .select({ title: meetings.title, slug: meetings.slug, body: bodies.name })
        .from(meetings)
        .innerJoin(bodies, eq(bodies.id, meetings.bodyId))
        .where(and(eq(meetings.id, id), meetingVisible(viewer)));
      return m ? { type, id, title: `${m.body}: ${m.title}`, path: `/meetings/${m.slug}` } : null;
    }
    case "question": {
      const [q] = await executor
        .select({ text: questions.text })
        .from(questions)
        .innerJoin(agendaItems, eq(agendaItems.id, questions.agendaItemId))
        .innerJoin(meetings, eq(meetings.id, agendaItems.meetingId))
        .where(and(eq(questions.id, id), questionVisible(viewer)));
      return q ? { type, id, title: short(q.text), path: `/questions/${id}` } : null;
    }
    case "action": {
      const [a] = await executor
        .select({ description: actions.description, reference: actions.reference })
        .from(actions)
        .where(and(eq(actions.id, id), actionVisible(viewer)));
      return a ? { type, id, title: short(`${a.reference ? `${a.reference}: ` : ""}${a.description}`), path: `/actions/${id}` } : null;
    }
    case "priority": {
      const [p] = await executor.select().from(priorities).where(eq(priorities.id, id));
      return p ? { type, id, title: p.title, path: `/priorities/${p.slug}` } : null;
    }
  }
}
