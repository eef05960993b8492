/**
 * Responses to the board's own recommendations that are due soon or overdue (issue 17, item 5):
 * the clerk's inbox lists them, and the addressee's lead is reminded of each, once before the
 * due day (when it enters the "due soon" window of app/rules/response-state.server.ts) and once
 * when it is overdue, through the outbox (`npm run reminders`, with the question and action
 * reminders). Each reminder's dedupe key names the recommendation, the kind, the due day and the
 * account, so neither a second run nor a second server sends it again; a changed due day
 * (the receipt date corrected) earns a fresh one.
 *
 * Nobody is sent what they may not see: each recipient's account is checked with
 * recommendationVisible, as its own Viewer, before anything about the recommendation is written.
 */
import { and, asc, count, eq, isNotNull, isNull, lte, type SQL } from "drizzle-orm";
import { recommendationResponses, recommendations } from "../../../db/schema/oversight";
import { db, type Executor } from "../../db.server";
import { formatDate, isoDay } from "../../rules/dates.server";
import { daysBetween, workingDaysBetween } from "../../rules/deadlines.server";
import { dueSoonBoundary, RESPONSE_STATE_LABELS } from "../../rules/response-state.server";
import type { Viewer } from "../../rules/viewer.server";
import { recommendationVisible } from "../../rules/visibility.server";
import { PAGE_SIZE } from "../../utils/http.server";
import { refTable } from "../../utils/refs.server";
import { body, organisation, user } from "../people/refs.server";
import { queueEmail } from "../publishing";

/** A board recommendation whose response is due soon or overdue, and no response recorded. */
const awaitingBy = (boundary: string) =>
  and(
    eq(recommendations.source, "board"),
    isNotNull(recommendations.receivedOn),
    isNull(recommendationResponses.id),
    lte(recommendations.responseDueOn, boundary),
  );

/** The responses due soon or overdue (by `boundary`), with who made each and to whom, soonest due first. */
function dueQuery(executor: Executor, where: SQL | undefined) {
  return executor
    .select({
      id: recommendations.id,
      reference: recommendations.reference,
      text: recommendations.text,
      dueOn: recommendations.responseDueOn,
      leadPersonId: recommendations.leadPersonId,
      organisationId: recommendations.addresseeOrganisationId,
      body: body.name,
      addressee: organisation.name,
    })
    .from(recommendations)
    .leftJoin(recommendationResponses, eq(recommendationResponses.recommendationId, recommendations.id))
    .innerJoin(...body.on(recommendations.bodyId))
    .innerJoin(...organisation.on(recommendations.addresseeOrganisationId))
    .where(where)
    .orderBy(asc(recommendations.responseDueOn), asc(recommendations.reference), asc(recommendations.id))
    .$dynamic();
}

export interface ResponseDueRow {
  id: string;
  reference: string;
  text: string;
  body: string;
  addressee: string;
  dueOn: string;
  due: string;
  state: "due_soon" | "overdue";
  stateLabel: string;
  /** Calendar days overdue (0 when not yet due). */
  daysLate: number;
}

/** A page of the responses due soon or overdue, the viewer may see, soonest due (most overdue) first. */
export async function responsesDue(viewer: Viewer, options: { page: number; now?: Date; pageSize?: number }): Promise<{ total: number; rows: ResponseDueRow[] }> {
  const today = isoDay(options.now ?? new Date());
  const where = and(awaitingBy(dueSoonBoundary(today)), recommendationVisible(viewer));
  const size = options.pageSize ?? PAGE_SIZE;
  const [{ total }] = await db()
    .select({ total: count() })
    .from(recommendations)
    .leftJoin(recommendationResponses, eq(recommendationResponses.recommendationId, recommendations.id))
    .where(where);
  const found = await dueQuery(db(), where)
    .limit(size)
    .offset((options.page - 1) * size);
  const rows = found.map((r) => {
    const dueOn = r.dueOn!;
    const state = dueOn < today ? ("overdue" as const) : ("due_soon" as const);
    return {
      id: r.id,
      reference: r.reference,
      text: r.text,
      body: String(r.body),
      addressee: String(r.addressee),
      dueOn,
      due: formatDate(dueOn),
      state,
      stateLabel: RESPONSE_STATE_LABELS[state],
      daysLate: state === "overdue" ? daysBetween(dueOn, today) : 0,
    };
  });
  return { total, rows };
}

type Account = { id: string; name: string; email: string; role: string; personId: string | null; organisationId: string | null };

const accountFields = { id: user.id, name: user.name, email: user.email, role: user.role, personId: user.personId, organisationId: user.organisationId };

/** Who is reminded: the lead's active accounts; with no lead named (or none with an account), the addressee's officers. */
async function recipients(tx: Executor, leadPersonId: string | null, organisationId: string): Promise<{ accounts: Account[]; asLead: boolean }> {
  if (leadPersonId) {
    const lead = (await tx.select(accountFields).from(refTable(user)).where(and(eq(user.personId, leadPersonId), isNull(user.disabledAt)))) as Account[];
    if (lead.length > 0) return { accounts: lead, asLead: true };
  }
  const officers = (await tx
    .select(accountFields)
    .from(refTable(user))
    .where(and(eq(user.organisationId, organisationId), eq(user.role, "officer"), isNull(user.disabledAt)))) as Account[];
  return { accounts: officers, asLead: false };
}

async function maySee(tx: Executor, account: Account, recommendationId: string): Promise<boolean> {
  const viewer = { kind: "user", userId: account.id, name: account.name, email: account.email, role: account.role, personId: account.personId, organisationId: account.organisationId } as Viewer;
  const [row] = await tx.select({ id: recommendations.id }).from(recommendations).where(and(eq(recommendations.id, recommendationId), recommendationVisible(viewer)));
  return Boolean(row);
}

/**
 * Queues the reminders due today: "due soon" for each response inside the due-soon window, and
 * "overdue" for each past its due day, to the addressee's lead. Returns how many were queued.
 */
export async function queueRecommendationReminders(options: { now?: Date; site: string }): Promise<{ queued: number }> {
  const today = isoDay(options.now ?? new Date());
  const site = options.site.replace(/\/+$/, "");
  let queued = 0;
  await db().transaction(async (tx) => {
    const due = await dueQuery(tx, awaitingBy(dueSoonBoundary(today)));
    for (const r of due) {
      const dueOn = r.dueOn!;
      const kind = dueOn < today ? "overdue" : "due-soon";
      const { accounts, asLead } = await recipients(tx, r.leadPersonId, r.organisationId!);
      const left = workingDaysBetween(today, dueOn);
      const subject =
        kind === "overdue" ? `Overdue: the response to recommendation ${r.reference} was due on ${formatDate(dueOn)}` : `Reminder: the response to recommendation ${r.reference} is due on ${formatDate(dueOn)}`;
      const clock =
        kind === "overdue"
          ? `The response to this recommendation of ${r.body} was due on ${formatDate(dueOn)} and is ${daysBetween(dueOn, today)} days late.`
          : `The response to this recommendation of ${r.body} is due on ${formatDate(dueOn)}${left > 0 ? `, in ${left} working ${left === 1 ? "day" : "days"}` : ", today"}.`;
      for (const account of accounts) {
        if (!(await maySee(tx, account, r.id))) continue;
        const row = await queueEmail(tx, {
          to: account.email,
          subject,
          body: [
            `Dear ${account.name},`,
            "",
            clock,
            "",
            `${r.reference}: ${r.text}`,
            "",
            asLead ? `It is addressed to ${r.addressee}, and you are named as its lead.` : `It is addressed to ${r.addressee}; no lead with an account is named, so this goes to its officers.`,
            "",
            `${site}/recommendations/${r.id}`,
            "",
          ].join("\n"),
          dedupeKey: `reminder:recommendation:${r.id}:${kind}:${dueOn}:${account.id}`,
        });
        if (row) queued += 1;
      }
    }
  });
  return { queued };
}
