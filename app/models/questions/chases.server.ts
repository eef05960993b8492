/**
 * Chasing (docs/decisions/037): the clerk sends a reminder to whoever must answer a
 * question (the addressed organisation's officers) or complete an action (its owner, or
 * with none named the owning organisation's officers), through the outbox, recorded on
 * the record's timeline and in the audit log. At most one per record per day: the row in
 * `chases` is inserted first and its unique index (record, day) decides, so a double
 * submit or two servers at once send one e-mail; a closed record is refused.
 */
import { asc, eq, inArray, or } from "drizzle-orm";
import { actions, chases } from "../../../db/schema/questions";
import { db, type Executor } from "../../db.server";
import { chaseDay, chaseRefusal, type ChaseOutcome } from "../../rules/chase.server";
import { formatDate } from "../../rules/dates.server";
import { actionStatus, questionStatus } from "../../rules/status.server";
import { user } from "../people/refs.server";
import { notifyOrganisation, notifyPerson } from "../publishing";
import { audit, excerpt, QuestionError, who, type Actor } from "./question-changes.server";
import { isUuid, questionState } from "./questions.server";

export type ChaseTarget = { kind: "question" | "action"; id: string };

export interface ChaseResult extends ChaseTarget {
  outcome: ChaseOutcome;
  /** The question's text or the action's description, shortened, to name it in a message. */
  label: string;
}

/** "question:<uuid>" or "action:<uuid>" as the chase list posts them; null for anything else. */
export function parseChaseTarget(value: string): ChaseTarget | null {
  const match = /^(question|action):(.+)$/.exec(value);
  return match && isUuid(match[2]) ? { kind: match[1] as ChaseTarget["kind"], id: match[2] } : null;
}

async function chaseOne(tx: Executor, actor: Actor, target: ChaseTarget, now: Date): Promise<ChaseResult> {
  const day = chaseDay(now);
  // The action's row read here, not through actions.server.ts (which reads chases for its timeline).
  const state = target.kind === "question" ? await questionState(tx, target.id) : (await tx.select().from(actions).where(eq(actions.id, target.id)))[0];
  if (!state) return { ...target, outcome: "not_found", label: "" };
  const label = excerpt("text" in state ? state.text : state.description);
  const status = "text" in state ? { kind: "question" as const, status: questionStatus(state) } : { kind: "action" as const, status: actionStatus(state) };
  const refusal = chaseRefusal(status, [], now);
  if (refusal) return { ...target, outcome: refusal, label };
  const [row] = await tx
    .insert(chases)
    .values({ questionId: target.kind === "question" ? target.id : null, actionId: target.kind === "action" ? target.id : null, chasedOn: day, chasedById: actor.viewer.userId, createdAt: now })
    .onConflictDoNothing()
    .returning();
  if (!row) return { ...target, outcome: "already_today", label };
  await audit(tx, actor, { action: "chase", entityType: target.kind, entityId: target.id, after: { chasedOn: day } });
  const key = `chase:${target.kind}:${target.id}:${day}`;
  if ("text" in state) {
    const due = state.dueOn ? ` was due on ${formatDate(state.dueOn)}` : " is awaited";
    await notifyOrganisation(tx, who(actor), state.addressedToId, {
      key,
      subject: "Reminder from the clerk: a response is awaited",
      body: `The clerk asks for the response to this question, which${due}:\n\n"${state.text}"\n\nRespond here:\n${actor.site}/questions/${target.id}`,
    });
  } else {
    const mail = {
      key,
      subject: "Reminder from the clerk: an action is awaited",
      body: `The clerk asks for progress on this action, due ${formatDate(state.dueOn)}:\n\n${state.description}\n\nUpdate it, or complete it with the closure evidence:\n${actor.site}/actions/${target.id}`,
    };
    if (state.ownerId) await notifyPerson(tx, who(actor), state.ownerId, mail);
    else await notifyOrganisation(tx, who(actor), state.owningOrganisationId, mail);
  }
  return { ...target, outcome: "sent", label };
}

/** Chases each record (each in its own transaction, so one refused does not hold back the others). */
export async function chaseRecords(actor: Actor, targets: ChaseTarget[]): Promise<ChaseResult[]> {
  if (actor.viewer.role !== "clerk" && actor.viewer.role !== "admin") throw new QuestionError("Only the clerk sends reminders", "records", 403);
  const now = actor.now ?? new Date();
  const seen = new Set<string>();
  const results: ChaseResult[] = [];
  for (const t of targets) {
    if (seen.has(`${t.kind}:${t.id}`)) continue;
    seen.add(`${t.kind}:${t.id}`);
    results.push(await db().transaction((tx) => chaseOne(tx, actor, t, now)));
  }
  return results;
}

/** The chases of these questions and actions, oldest first, with who sent them. */
export async function chasesOf(questionIds: string[], actionIds: string[]) {
  if (questionIds.length === 0 && actionIds.length === 0) return [];
  return db()
    .select({ questionId: chases.questionId, actionId: chases.actionId, chasedOn: chases.chasedOn, createdAt: chases.createdAt, who: user.name })
    .from(chases)
    .leftJoin(...user.on(chases.chasedById))
    .where(or(questionIds.length ? inArray(chases.questionId, questionIds) : undefined, actionIds.length ? inArray(chases.actionId, actionIds) : undefined))
    .orderBy(asc(chases.createdAt));
}

/** A chase as a timeline step: "Chased by Demo Clerk on 6 December 2026". */
export function chaseLabel(c: { chasedOn: string; who: string | null }, what = "Chased") {
  return `${what} by ${c.who ?? "the clerk"} on ${formatDate(c.chasedOn)}`;
}

/** The last day each record was chased (for the chase list), keyed "question:<id>" / "action:<id>". */
export async function lastChasedOn(questionIds: string[], actionIds: string[]) {
  const out = new Map<string, string>();
  for (const c of await chasesOf(questionIds, actionIds)) out.set(c.questionId ? `question:${c.questionId}` : `action:${c.actionId}`, c.chasedOn);
  return out;
}

