/**
 * What answers an inspection recommendation, and the status and RAG that
 * follow from it, with the words that say how (issues 15 item 2 and 23 item 2).
 * The one place the linked-work rule is stated: the recommendation page, the
 * inspection pages, the timeline, the priority pages, the tracking report and
 * its CSV, and the API all call recommendationState(). ADR 020.
 *
 * The work that answers a recommendation is:
 *   - the actions made from it (actions.recommendation_id),
 *   - the questions members linked to it, with their responses, and
 *   - the actions agreed on those questions.
 */
import { formatDate, isoDay } from "./dates.server";
import { AMBER_WINDOW_DAYS, ragStatus, RAG_LABELS, type Rag } from "./rag.server";
import { actionStatus, isActionDone, type ActionFacts, type QuestionStatus } from "./status.server";
import { recordedBasis, ruleBasis, type StatusBasis } from "./status-basis.server";

export const LINKED_WORK_RULE =
  "What answers a recommendation: the actions made from it, the questions members linked to it with their responses, and the actions agreed on those questions.";

/** How a recommendation stands, taking its linked work into account. */
export type RecommendationProgress = "open" | "in_progress" | "actions_completed" | "met" | "closed";

export const RECOMMENDATION_PROGRESS_LABELS: Record<RecommendationProgress, string> = {
  open: "Open",
  in_progress: "Open, actions under way",
  actions_completed: "Actions completed, not yet closed",
  met: "Met (found by a later visit)",
  closed: "Closed with evidence",
};

export interface RecommendationRecord {
  metByInspectionId: string | null;
  closedAt: Date | null;
  dueOn: string | null;
}

export interface LinkedWork {
  /** Actions made from the recommendation and actions on the questions linked to it (each once). */
  actions: (ActionFacts & { reference?: string | null })[];
  /** Questions linked to it, with their status. */
  questions: { status: QuestionStatus }[];
}

export const NO_WORK: LinkedWork = { actions: [], questions: [] };

export interface RecommendationState {
  progress: RecommendationProgress;
  progressLabel: string;
  rag: Rag;
  ragLabel: string;
  /** Counts as done in open / closed counts: met, closed, or every action completed. */
  done: boolean;
  overdue: boolean;
  basis: StatusBasis;
}

const RAG_ORDER: Record<Rag, number> = { green: 0, amber: 1, red: 2 };

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

function answeredNote(work: LinkedWork): string {
  const answered = work.questions.filter((q) => q.status === "answered" || q.status === "closed").length;
  if (work.questions.length === 0) return "";
  return `; ${plural(work.questions.length, "linked question")}, ${answered} answered`;
}

/** Why an open thing with this due date has this RAG, in a reader's words. */
function dueReason(rag: Rag, dueOn: string | null, whose: string): string {
  if (!dueOn) return "no due date set";
  if (rag === "red") return `${whose} due date (${formatDate(dueOn)}) has passed`;
  if (rag === "amber") return `${whose} due date (${formatDate(dueOn)}) is within ${AMBER_WINDOW_DAYS} days`;
  return `${whose} due date (${formatDate(dueOn)}) is more than ${AMBER_WINDOW_DAYS} days away`;
}

export function recommendationState(r: RecommendationRecord, work: LinkedWork = NO_WORK, now: Date = new Date()): RecommendationState {
  const make = (progress: RecommendationProgress, rag: Rag, basis: StatusBasis, overdue = false): RecommendationState => ({
    progress,
    progressLabel: RECOMMENDATION_PROGRESS_LABELS[progress],
    rag,
    ragLabel: RAG_LABELS[rag],
    done: progress === "met" || progress === "closed" || progress === "actions_completed",
    overdue,
    basis,
  });
  if (r.metByInspectionId) return make("met", "green", recordedBasis("Green: a later visit found it met"));
  if (r.closedAt) return make("closed", "green", recordedBasis(`Green: closed with evidence on ${formatDate(r.closedAt)}`));

  const open = work.actions.filter((a) => !isActionDone(a));
  const completed = work.actions.filter((a) => actionStatus(a) === "completed");
  if (work.actions.length > 0 && open.length === 0 && completed.length > 0) {
    return make(
      "actions_completed",
      "green",
      ruleBasis(`Green: every action answering it is completed (${completed.length} of ${work.actions.length}${work.actions.length > completed.length ? ", the rest cancelled" : ""}); not yet closed with evidence`),
    );
  }

  const own = ragStatus({ done: false, dueOn: r.dueOn }, now);
  const today = isoDay(now);
  if (open.length > 0) {
    // The worst of its own due date (when it has one) and those of the open actions answering it.
    let rag: Rag = r.dueOn ? own : "green";
    let reason = r.dueOn ? dueReason(own, r.dueOn, "its") : "";
    for (const a of open) {
      const ar = ragStatus({ done: false, dueOn: a.dueOn }, now);
      if (RAG_ORDER[ar] > RAG_ORDER[rag] || !reason) {
        rag = ar;
        reason = dueReason(ar, a.dueOn, a.reference ? `action ${a.reference}'s` : "an action's");
      }
    }
    const overdue = (r.dueOn !== null && r.dueOn < today) || open.some((a) => a.dueOn < today);
    return make(
      "in_progress",
      rag,
      ruleBasis(`${RAG_LABELS[rag]}: open, ${plural(open.length, "action")} under way; ${reason}${answeredNote(work)}`),
      overdue,
    );
  }
  const overdue = r.dueOn !== null && r.dueOn < today;
  return make("open", own, ruleBasis(`${RAG_LABELS[own]}: open, ${dueReason(own, r.dueOn, "its")}${answeredNote(work)}`), overdue);
}
