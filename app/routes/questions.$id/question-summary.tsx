/** What the question is: its status, who asked whom, where and when, and what it is linked to. */
import type { SerializeFrom } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { StatusBasisNote, Tag } from "~/components/notes";
import { SummaryList } from "~/components/summary-list";
import type { loader } from "./route";

export function QuestionSummary({ q }: { q: SerializeFrom<typeof loader>["question"] }) {
  return (
    <SummaryList
      rows={[
        [
          "Status",
          <span key="s">
            <Tag className={q.status === "closed" ? "govuk-tag--grey" : q.status === "rejected" ? "govuk-tag--red" : "govuk-tag--blue"}>{q.statusLabel}</Tag>
            <StatusBasisNote basis={q.statusBasis} />
            {q.overdue && (
              <>
                {" "}
                <Tag className="govuk-tag--red">Overdue</Tag> {q.daysLate} {q.daysLate === 1 ? "day" : "days"} late
              </>
            )}
          </span>,
        ],
        ["Asked by", q.askedBy ?? "Not named in the minutes"],
        ["Addressed to", q.addressedTo],
        ["Agenda item", <Link key="i" className="govuk-link" to={`/agenda-items/${q.agendaItem.id}`}>{q.agendaItem.title}</Link>],
        ["Meeting", <Link key="m" className="govuk-link" to={`/meetings/${q.meeting.slug}`}>{q.meeting.title}</Link>],
        ["Tabled", `${q.tabled.date}${q.tabled.approximate ? " (approximate)" : ""}${q.raisedAtMeeting ? ", raised at the meeting" : ""}`],
        ...(q.recordedOn ? ([["Entered after the fact", `Recorded here on ${q.recordedOn}, with the dates it was tabled and due`]] as [string, string][]) : []),
        ["Response due", q.due ? `${q.due}${q.dueChangeReason ? ` (changed: ${q.dueChangeReason})` : ""}` : "No due date recorded"],
        ...(q.closedAt ? ([["Closed", q.closedAt.date]] as [string, string][]) : []),
        ["Days open", q.daysOpenUnknown ?? (q.daysOpen !== null ? String(q.daysOpen) : q.status === "answered_at_meeting" ? "Not counted: answered at the meeting" : "Not yet accepted")],
        ...(q.rejectionReason ? ([["Reason for rejection", q.rejectionReason]] as [string, string][]) : []),
        ...(q.closureReason ? ([["Reason for closing", q.closureReason]] as [string, string][]) : []),
        ...(q.priorities.length
          ? ([
              [
                "Strategic priorities",
                <ul key="p" className="govuk-list">
                  {q.priorities.map((p) => (
                    <li key={p.slug}><Link className="govuk-link" to={`/priorities/${p.slug}`}>{p.title}</Link></li>
                  ))}
                </ul>,
              ],
            ] as [string, JSX.Element][])
          : []),
        ...(q.recommendations.length
          ? ([
              [
                "Inspection recommendations",
                <ul key="r" className="govuk-list">
                  {q.recommendations.map((r) => (
                    <li key={`${r.inspectionSlug}-${r.reference}`}>
                      <Link className="govuk-link" to={`/inspections/${r.inspectionSlug}`}>{r.reference}</Link>: {r.text}
                    </li>
                  ))}
                </ul>,
              ],
            ] as [string, JSX.Element][])
          : []),
      ]}
    />
  );
}
