import type { LoaderFunctionArgs } from "@remix-run/node";
import { getViewer } from "~/auth/viewer.server";
import { parseQuestionFilters, questionsInBatches } from "~/models/questions";
import { csvStreamResponse, mapBatches } from "~/utils/csv";
import { siteUrl } from "~/utils/site-url.server";

/** The question register as CSV: the same filters and the same visibility as /questions, streamed a batch at a time. */
export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await getViewer(request);
  const url = new URL(request.url);
  const batches = questionsInBatches(viewer, { filters: parseQuestionFilters(url.searchParams) });
  const origin = siteUrl();
  return csvStreamResponse(
    "questions.csv",
    ["id", "question", "summarised_from_minutes", "asked_by", "addressed_to", "body", "meeting", "agenda_item", "tabled_on", "tabled_on_precision", "tabled_on_note", "due_on", "status", "overdue", "days_open", "days_late", "open_actions", "address", "status_basis", "status_basis_note", "response_attribution_note", "entered_after_the_fact"],
    mapBatches(batches, (q) => [
        q.id, q.text, q.isSummarised ? "yes" : "no", q.askedBy ?? "", q.addressedTo, q.body, q.meeting.title, q.agendaItem.title,
        q.tabledOnKnown ?? "", q.tabledOnPrecision, q.tabledOnNote ?? "", q.dueOn ?? "", q.statusLabel, q.overdue ? "yes" : "no", q.daysOpen ?? "", q.daysLate, q.openActions, `${origin}/questions/${q.id}`,
        q.statusBasis.kind, q.statusBasis.note, q.responseAttributionNote ?? "", q.enteredAfterTheFact ? "yes" : "no",
      ]),
  );
}
