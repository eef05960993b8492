/**
 * Due-date reminders (`npm run reminders`, from cron, any number of times):
 * the addressed organisation's officers before a question is due and when it is
 * overdue; an action's owner (or, with no named owner, the owning organisation's
 * officers) the same. Each reminder's dedupe key names the record, the kind and
 * the due date, so a run never queues what an earlier run did; a changed due
 * date earns a fresh reminder.
 */
import { eq } from "drizzle-orm";
import { actions } from "../../../db/schema/questions";
import { db } from "../../db.server";
import { formatDate, isoDay } from "../../rules/dates.server";
import { addDays } from "../../rules/deadlines.server";
import { listActions } from "./action-register.server";
import { notifyOrganisation, notifyPerson } from "../publishing";
import { listQuestions } from "./register.server";

/** Days before the due date that the "due soon" reminder goes out. */
export const REMINDER_DAYS_BEFORE = 3;

/** The job reads as a clerk would (it must see every accepted question); it never writes as anyone. */
const SYSTEM_VIEWER = { kind: "user", userId: "system", name: "Reminders", email: "", role: "admin", personId: null, organisationId: null } as const;

export async function queueReminders(options: { now?: Date; site: string }) {
  const now = options.now ?? new Date();
  const today = isoDay(now);
  const soon = addDays(today, REMINDER_DAYS_BEFORE);
  const actor = { userId: null };
  let queued = 0;
  const { questions } = await listQuestions(SYSTEM_VIEWER, { page: 1, all: true, now });
  const { actions: allActions } = await listActions(SYSTEM_VIEWER, { page: 1, all: true, now });
  await db().transaction(async (tx) => {
    for (const q of questions) {
      if (!q.dueOn || (q.status !== "awaiting_response" && q.status !== "holding_response")) continue;
      const [full] = await tx.query.questions.findMany({ where: (t, { eq }) => eq(t.id, q.id), columns: { addressedToId: true } });
      const kind = q.overdue ? "overdue" : q.dueOn <= soon ? "due-soon" : null;
      if (!kind) continue;
      queued += await notifyOrganisation(tx, actor, full.addressedToId, {
        key: `reminder:question:${q.id}:${kind}:${q.dueOn}`,
        subject: kind === "overdue" ? `Overdue: a response was due on ${formatDate(q.dueOn)}` : `Reminder: a response is due on ${formatDate(q.dueOn)}`,
        body: `${kind === "overdue" ? `The response to this question was due on ${formatDate(q.dueOn)} and is ${q.daysLate} days late` : `The response to this question is due on ${formatDate(q.dueOn)}`}:\n\n"${q.text}"\n\n${options.site}/questions/${q.id}`,
      });
    }
    for (const a of allActions) {
      if (a.status === "completed" || a.status === "cancelled") continue;
      const kind = a.overdue ? "overdue" : a.dueOn <= soon ? "due-soon" : null;
      if (!kind) continue;
      const [row] = await tx.select({ ownerId: actions.ownerId, org: actions.owningOrganisationId }).from(actions).where(eq(actions.id, a.id));
      const mail = {
        key: `reminder:action:${a.id}:${kind}:${a.dueOn}`,
        subject: kind === "overdue" ? `Overdue: an action was due on ${formatDate(a.dueOn)}` : `Reminder: an action is due on ${formatDate(a.dueOn)}`,
        body: `${kind === "overdue" ? `This action was due on ${formatDate(a.dueOn)} and is ${a.daysLate} days late` : `This action is due on ${formatDate(a.dueOn)}`}:\n\n${a.description}\n\nUpdate it, or complete it with the closure evidence:\n${options.site}/actions/${a.id}`,
      };
      queued += row.ownerId ? await notifyPerson(tx, actor, row.ownerId, mail) : await notifyOrganisation(tx, actor, row.org, mail);
    }
  });
  return { queued };
}
