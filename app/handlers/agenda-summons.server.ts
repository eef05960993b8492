/**
 * The summons (issue 16, item 7): publishing an agenda can send every member of the body,
 * its officers and the items' lead officers an e-mail with the meeting's details, the
 * agenda and the link to the pack; publishing a supplementary agenda sends them a short
 * "supplement published" e-mail listing the new items. Each goes through the outbox in the
 * publishing transaction, once per person (the outbox's unique dedupe key), and is recorded
 * on the meeting's history (the audit log). Links come from SITE_URL, never the request.
 */
import type { Executor } from "../models/records";
import { agendaForSummons, summonsRecipients } from "../models/meetings";
import { queueEmail } from "../models/publishing";
import { recordAudit } from "../models/records";
import { formatDateTime } from "../rules/dates.server";
import type { Actor } from "../utils/clerk-errors.server";
import { siteAddress } from "../utils/site-url.server";

export interface SummonsMeeting {
  id: string;
  slug: string;
  bodyId: string;
  title: string;
  startsAt: Date;
  venue: string | null;
}

type Line = { number: string; depth: number; title: string };
const agendaLines = (items: Line[]) => items.map((i) => `${"  ".repeat(i.depth)}${i.number}. ${i.title}`).join("\n");

/** The summons' text (pure: the tests read it). */
export function summonsText(site: string, bodyName: string, m: SummonsMeeting, items: Line[]) {
  const page = `${site}/meetings/${m.slug}`;
  return {
    subject: `Summons: ${bodyName}, ${m.title}, ${formatDateTime(m.startsAt)}`,
    body: [
      `You are summoned to the meeting of ${bodyName}.`,
      "",
      `Meeting: ${m.title}`,
      `When: ${formatDateTime(m.startsAt)}`,
      `Where: ${m.venue || "the venue will be confirmed"}`,
      "",
      "Agenda",
      agendaLines(items),
      "",
      `The agenda and its papers: ${page}`,
      `The agenda pack: ${page}/pack`,
    ].join("\n"),
  };
}

/** The supplement's text (pure). */
export function supplementText(site: string, bodyName: string, m: SummonsMeeting, added: Line[]) {
  const page = `${site}/meetings/${m.slug}`;
  return {
    subject: `Supplementary agenda published: ${bodyName}, ${m.title}`,
    body: [
      `A supplementary agenda is published for the meeting of ${bodyName}, ${m.title}, ${formatDateTime(m.startsAt)}.`,
      "",
      "Added to the agenda:",
      agendaLines(added.map((i) => ({ ...i, depth: 0 }))),
      "",
      `The agenda and its papers: ${page}`,
      `The agenda pack: ${page}/pack`,
    ].join("\n"),
  };
}

/**
 * Queues the summons (or, with `supplement`, the supplement for the items just published)
 * to everyone it is for; records on the meeting's history who was sent it and who has no
 * address. Returns how many were queued now (0 when it had already gone).
 */
export async function sendSummons(
  tx: Executor,
  actor: Actor,
  meeting: SummonsMeeting,
  bodyName: string,
  supplement?: { publishedAt: Date; itemIds: string[] },
) {
  const site = siteAddress().origin;
  const { addresses, unreached } = await summonsRecipients(tx, meeting);
  const items = await agendaForSummons(tx, meeting.id, supplement?.itemIds);
  const text = supplement ? supplementText(site, bodyName, meeting, items) : summonsText(site, bodyName, meeting, items);
  const kind = supplement ? `supplement:${meeting.id}:${supplement.publishedAt.getTime()}` : `summons:${meeting.id}`;
  let queued = 0;
  for (const a of addresses) {
    const row = await queueEmail(tx, { to: a.email, subject: text.subject, body: `Dear ${a.name},\n\n${text.body}`, dedupeKey: `${kind}:${a.personId}` }, actor);
    if (row) queued += 1;
  }
  await recordAudit(tx, {
    userId: actor.userId,
    action: supplement ? "send_supplement" : "send_summons",
    entityType: "meeting",
    entityId: meeting.id,
    after: { sentTo: queued, alreadySent: addresses.length - queued, noAddress: unreached, ...(supplement ? { items: supplement.itemIds.length } : {}) },
    ipAddress: actor.ipAddress,
  });
  return { queued, unreached };
}
