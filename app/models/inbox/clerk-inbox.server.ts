/**
 * The clerk's inbox: everything waiting for the clerk, as sections with a count, the first
 * rows, and where each one is done. Each section is one entry of INBOX_SECTIONS: a new kind
 * of work (exempt items due for review, responses to the board's recommendations due) is one
 * more entry. Statuses and overdue come from app/rules/status.server.ts through the registers;
 * agenda deadlines from app/rules/deadlines.server.ts.
 */
import type { Viewer } from "../../rules/viewer.server";
import { formatDate } from "../../rules/dates.server";
import { agendasDueToPublish, exemptItemsDueForReview, inaccessibleFiles, minutesNotPublished, minutesWaitingForApproval } from "../meetings";
import { isoDay } from "../../rules/dates.server";
import { listActions, listQuestions, waitingCancellationRequests, type QuestionFilters, type QuestionListRow } from "../questions";
import { PAGE_SIZE } from "../../utils/http.server";
import { responsesDue } from "../oversight";

/** One thing waiting: what it is, and the page where the clerk does it. */
export interface InboxRow {
  id: string;
  text: string;
  href: string;
  /** A line of detail under the link (who, when, deadline). */
  detail: string;
  /** A red tag beside it ("Deadline passed", "12 days late"). */
  warning?: string;
}

export interface InboxPage {
  count: number;
  /** True when the count stopped at the registers' cap (app/utils/paging.server.ts). */
  more: boolean;
  rows: InboxRow[];
}

export interface InboxContext {
  viewer: Viewer;
  now: Date;
}

export interface InboxSectionSource {
  /** In the section's address: /clerk/inbox/<key>. */
  key: string;
  title: string;
  /** What the clerk does with these, under the section's heading. */
  hint: string;
  /** What the section says when nothing waits. */
  empty: string;
  /** One page (PAGE_SIZE rows) of what waits, with the count of all of it. */
  load(context: InboxContext, page: number): Promise<InboxPage>;
}

const shorten = (text: string, max = 120) => (text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text);
const daysLate = (n: number) => (n === 1 ? "1 day late" : `${n} days late`);

/** A page of a list computed in full (the meetings' lists are short: a year at most). */
function pageOf<T>(all: T[], page: number, row: (x: T) => InboxRow): InboxPage {
  return { count: all.length, more: false, rows: all.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE).map(row) };
}

/** A page of the questions register as inbox rows, each linked to the question's page. */
async function questionPage(
  { viewer, now }: InboxContext,
  page: number,
  filters: QuestionFilters,
  describe: (q: QuestionListRow) => Pick<InboxRow, "detail" | "warning">,
): Promise<InboxPage> {
  const r = await listQuestions(viewer, { page, now, filters });
  return { count: r.total, more: r.more, rows: r.questions.map((q) => ({ id: q.id, text: shorten(q.text), href: `/questions/${q.id}`, ...describe(q) })) };
}

export const INBOX_SECTIONS: readonly InboxSectionSource[] = [
  {
    key: "questions-to-accept",
    title: "Questions to accept or reject",
    hint: "Accept or reject each on the question's page.",
    empty: "No question is waiting to be accepted.",
    load: (context, page) =>
      questionPage(context, page, { status: "submitted", sort: "oldest" }, (q) => ({
        detail: `${q.askedBy ? `Asked by ${q.askedBy}` : "Asked"} of ${q.addressedTo}, ${q.tabled} (${q.meeting.title})`,
      })),
  },
  {
    key: "responses-overdue",
    title: "Responses overdue",
    hint: "Questions whose answer is past its due date: chase the organisation from the question's page or the chase list.",
    empty: "No response is overdue.",
    load: (context, page) =>
      questionPage(context, page, { overdue: true, sort: "late" }, (q) => ({ detail: `${q.addressedTo}, due ${q.due}`, warning: daysLate(q.daysLate) })),
  },
  {
    key: "actions-overdue",
    title: "Actions overdue",
    hint: "Actions past their due date and not completed or cancelled.",
    empty: "No action is overdue.",
    async load({ viewer, now }, page) {
      const r = await listActions(viewer, { page, now, filters: { overdue: true, sort: "late" } });
      return {
        count: r.total,
        more: r.more,
        rows: r.actions.map((a) => ({
          id: a.id,
          text: shorten(`${a.reference ? `${a.reference}: ` : ""}${a.description}`),
          href: `/actions/${a.id}`,
          detail: `${a.organisation}${a.owner ? ` (${a.owner})` : ""}, due ${a.due}`,
          warning: daysLate(a.daysLate),
        })),
      };
    },
  },
  {
    key: "cancellations",
    title: "Requests to cancel an action",
    hint: "The board agreed these actions in a minute: the owning organisation asks you to cancel them. Confirm or refuse each on the action's page.",
    empty: "No request to cancel an action is waiting.",
    async load(_context, page) {
      return pageOf(await waitingCancellationRequests(), page, (c) => ({
        id: c.actionId,
        text: shorten(`${c.reference ? `${c.reference}: ` : ""}${c.description}`),
        href: `/actions/${c.actionId}`,
        detail: `${c.organisation}${c.requestedBy ? `, asked by ${c.requestedBy}` : ""} on ${formatDate(c.requestedAt)}`,
      }));
    },
  },
  {
    key: "agendas-to-publish",
    title: "Agendas due to publish",
    hint: "An agenda must be open to inspection five clear working days before the meeting (Local Government Act 1972 s100B): publish it by the date given.",
    empty: "No agenda is due to publish in the next ten working days.",
    async load({ now }, page) {
      return pageOf(await agendasDueToPublish(now), page, (m) => ({
        id: m.id,
        text: m.title,
        href: `/clerk/meetings/${m.id}`,
        detail: `${m.body}, ${m.when}. Publish by ${m.deadline}${
          m.deadlinePassed ? "" : m.workingDaysLeft === 0 ? " (today)" : ` (${m.workingDaysLeft} working ${m.workingDaysLeft === 1 ? "day" : "days"} left)`
        }`,
        warning: m.deadlinePassed ? "Deadline passed" : undefined,
      }));
    },
  },
  {
    key: "minutes-to-publish",
    title: "Draft minutes not yet published",
    hint: "Meetings held in the last twelve months whose minutes are not published: write each minute and publish the draft.",
    empty: "Every meeting held in the last twelve months has its minutes published.",
    async load({ now }, page) {
      return pageOf(await minutesNotPublished(now), page, (m) => ({
        id: m.id,
        text: m.title,
        href: `/clerk/meetings/${m.id}/minutes`,
        detail: `${m.body}, ${m.when}. ${m.written === 0 ? "No minutes written yet" : `${m.written} of ${m.items} items minuted`}`,
      }));
    },
  },
  {
    key: "minutes-to-approve",
    title: "Minutes waiting for approval",
    hint: "Published minutes are approved as a correct record at a later meeting of the same body.",
    empty: "No published minutes are waiting for approval.",
    async load(_context, page) {
      return pageOf(await minutesWaitingForApproval(), page, (m) => ({
        id: m.id,
        text: m.title,
        href: m.approveAt ? `/clerk/meetings/${m.approveAt.id}/minutes?approve=${m.id}` : `/clerk/meetings/${m.id}/minutes`,
        detail: `${m.body}, ${m.when}. ${m.approveAt ? `To approve at ${m.approveAt.title}` : "No later meeting of this body yet"}`,
      }));
    },
  },
  {
    key: "exempt-reviews",
    title: "Exempt items due for review",
    hint: "Their review date is today or past: review each, then release it or set a new review date.",
    empty: "No exempt item is due for review.",
    async load({ now }, page) {
      return pageOf(await exemptItemsDueForReview(isoDay(now)), page, (r) => ({
        id: r.id,
        text: r.title,
        href: `/clerk/items/${r.id}/exemption`,
        detail: `${r.meetingTitle}; paragraph ${r.paragraph ?? "not recorded"}; review due ${formatDate(r.reviewOn)}`,
      }));
    },
  },
  {
    key: "recommendation-responses",
    title: "Responses to the board's recommendations due or overdue",
    hint: "The addressee must respond within the period (two months for the statutory duty). Due soon means within ten working days: the lead is reminded then, and again when it is overdue. Record the response on the recommendation's page when it comes.",
    empty: "No response to a board recommendation is due in the next ten working days or overdue.",
    async load({ viewer, now }, page) {
      const r = await responsesDue(viewer, { page, now });
      return {
        count: r.total,
        more: false,
        rows: r.rows.map((x) => ({
          id: x.id,
          text: shorten(`${x.reference}: ${x.text}`),
          href: `/recommendations/${x.id}`,
          detail: `${x.body} to ${x.addressee}, response due ${x.due}`,
          warning: x.state === "overdue" ? daysLate(x.daysLate) : undefined,
        })),
      };
    },
  },
  {
    key: "inaccessible-files",
    title: "Uploaded PDFs that are not accessible documents",
    hint: "The Public Sector Bodies (Websites and Mobile Applications) (No. 2) Accessibility Regulations 2018 require the documents the board publishes to be accessible. Replace each with a PDF that has a text layer (not a scan), a document title and a language set: the warning goes when the file is replaced.",
    empty: "Every uploaded PDF has a text layer, a title and a language.",
    async load(_context, page) {
      const r = await inaccessibleFiles(page);
      return {
        count: r.total,
        more: false,
        rows: r.rows.map((f) => ({
          id: f.id,
          text: shorten(`${f.documentTitle}: ${f.fileName}`),
          href: `/clerk/documents/${f.documentId}`,
          detail: f.problems.join(" "),
          warning: "Not accessible",
        })),
      };
    },
  },
];

/** How many rows of each section the dashboard shows before "See all". */
export const INBOX_FIRST_ROWS = 5;

export type InboxSection = Omit<InboxSectionSource, "load"> & InboxPage & { href: string };

export function inboxSectionSource(key: string): InboxSectionSource | null {
  return INBOX_SECTIONS.find((s) => s.key === key) ?? null;
}

/** Every section of the clerk's inbox with its count and first rows (the dashboard). */
export async function clerkInbox(viewer: Viewer, now: Date = new Date()): Promise<InboxSection[]> {
  const context = { viewer, now };
  return Promise.all(
    INBOX_SECTIONS.map(async ({ load, ...source }) => {
      const page = await load(context, 1);
      return { ...source, ...page, rows: page.rows.slice(0, INBOX_FIRST_ROWS), href: `/clerk/inbox/${source.key}` };
    }),
  );
}

/** One section of the inbox, a page at a time (its "See all" page). */
export async function clerkInboxSection(viewer: Viewer, key: string, page: number, now: Date = new Date()): Promise<InboxSection | null> {
  const source = inboxSectionSource(key);
  if (!source) return null;
  const { load, ...rest } = source;
  return { ...rest, ...(await load({ viewer, now }, page)), href: `/clerk/inbox/${key}` };
}
