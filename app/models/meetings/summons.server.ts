/**
 * Who a meeting's summons goes to and what agenda it carries (issue 16, item 7): every
 * member of the body on the meeting's day (app/rules/attendance.server.ts), the body's
 * officers on that day and the items' lead officers; the agenda as published, an exempt
 * item by its public title and paragraph only. Sending is app/handlers/agenda-summons.server.ts.
 */
import { and, eq, isNotNull } from "drizzle-orm";
import { agendaItems } from "../../../db/schema/meetings";
import { addressesOfPeople, bodyMembershipsWithPeople } from "../people/refs.server";
import type { Executor } from "../../db.server";
import { registerMembers } from "../../rules/attendance.server";
import { isoDay } from "../../rules/dates.server";
import { numberAgendaItems } from "../../rules/numbering.server";

/** The people a summons is for, with the address of each one who has an account. */
export async function summonsRecipients(executor: Executor, meeting: { id: string; bodyId: string; startsAt: Date }) {
  const day = isoDay(meeting.startsAt);
  const memberships = await bodyMembershipsWithPeople(executor, meeting.bodyId);
  const members = registerMembers(memberships, day);
  const officers = memberships.filter((m) => m.role === "officer" && (m.startOn === null || m.startOn <= day) && (m.endOn === null || m.endOn >= day));
  const leads = await executor
    .selectDistinct({ personId: agendaItems.leadOfficerId })
    .from(agendaItems)
    .where(and(eq(agendaItems.meetingId, meeting.id), isNotNull(agendaItems.leadOfficerId), isNotNull(agendaItems.publishedAt)));
  const ids = [...new Set([...members.map((m) => m.personId), ...officers.map((o) => o.personId), ...leads.map((l) => l.personId as string)])];
  const addresses = await addressesOfPeople(executor, ids);
  const reached = new Set(addresses.map((a) => a.personId));
  const names = new Map(memberships.map((m) => [m.personId, m.name]));
  return {
    addresses,
    /** Members and officers without an account: the clerk sends them the summons another way. */
    unreached: ids.filter((id) => !reached.has(id)).map((id) => names.get(id) ?? "A lead officer"),
  };
}

/** The published agenda as an e-mail lists it (numbered as the agenda is); `only` limits it to some items. */
export async function agendaForSummons(executor: Executor, meetingId: string, only?: string[]) {
  const rows = await executor
    .select({
      id: agendaItems.id,
      parentId: agendaItems.parentId,
      position: agendaItems.position,
      title: agendaItems.title,
      isExempt: agendaItems.isExempt,
      exemptParagraph: agendaItems.exemptParagraph,
      publicTitle: agendaItems.publicTitle,
    })
    .from(agendaItems)
    .where(and(eq(agendaItems.meetingId, meetingId), isNotNull(agendaItems.publishedAt)));
  const numbered = numberAgendaItems(rows).filter((i) => !only || only.includes(i.id));
  return numbered.map((i) => ({
    number: i.number,
    depth: i.depth,
    title: i.isExempt
      ? `${i.publicTitle || "Exempt item"} (exempt: Schedule 12A, paragraph ${i.exemptParagraph ?? "not given"})`
      : i.title,
  }));
}
