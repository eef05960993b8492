/**
 * How a work programme topic reads wherever it is listed (the year page, the priority
 * coverage, the clerk's list): its status, kind, why it is on the programme and where it is
 * planned or taken.
 */
import { Link } from "@remix-run/react";
import { Tag } from "./notes";

export interface TopicSummaryView {
  id: string;
  href: string;
  title: string;
  status: string;
  statusLabel: string;
  kindLabel: string;
  reasonLabel: string;
  decisionReason: string | null;
  body: { name: string };
  priority: { slug: string; title: string } | null;
  recommendation: { href: string; reference: string } | null;
  leadOfficer: { name: string; slug: string } | null;
  plannedMeeting: { slug: string; title: string; date: string } | null;
  plannedMeetingUnannounced: boolean;
  agendaItem: { id: string; title: string; meeting: { slug: string; title: string; date: string } } | null;
}

const TAG_CLASS: Record<string, string> = {
  proposed: "govuk-tag--purple",
  planned: "govuk-tag--blue",
  on_agenda: "govuk-tag--turquoise",
  done: "govuk-tag--green",
  deferred: "govuk-tag--orange",
  dropped: "govuk-tag--grey",
};

export function TopicStatusTag({ status, label }: { status: string; label: string }) {
  return <Tag className={TAG_CLASS[status] ?? ""}>{label}</Tag>;
}

/** Where the topic is: on the agenda of a meeting, planned for one, or to be scheduled. */
export function TopicWhere({ t }: { t: TopicSummaryView }) {
  if (t.agendaItem) {
    return (
      <>
        On the agenda of <Link className="govuk-link" to={`/meetings/${t.agendaItem.meeting.slug}`}>{t.agendaItem.meeting.title}</Link>{" "}
        ({t.agendaItem.meeting.date}): <Link className="govuk-link" to={`/agenda-items/${t.agendaItem.id}`}>{t.agendaItem.title}</Link>
      </>
    );
  }
  if (t.plannedMeeting) {
    return (
      <>
        Planned for <Link className="govuk-link" to={`/meetings/${t.plannedMeeting.slug}`}>{t.plannedMeeting.title}</Link> ({t.plannedMeeting.date})
      </>
    );
  }
  if (t.plannedMeetingUnannounced) return <>Planned for a meeting whose agenda is not yet published</>;
  return <>To be scheduled</>;
}

export function TopicDetails({ t }: { t: TopicSummaryView }) {
  return (
    <dl className="govuk-summary-list govuk-summary-list--no-border govuk-!-margin-bottom-4">
      <div className="govuk-summary-list__row">
        <dt className="govuk-summary-list__key">When</dt>
        <dd className="govuk-summary-list__value"><TopicWhere t={t} /></dd>
      </div>
      <div className="govuk-summary-list__row">
        <dt className="govuk-summary-list__key">Kind of scrutiny</dt>
        <dd className="govuk-summary-list__value">{t.kindLabel}</dd>
      </div>
      <div className="govuk-summary-list__row">
        <dt className="govuk-summary-list__key">Why</dt>
        <dd className="govuk-summary-list__value">
          {t.reasonLabel}
          {t.priority && (
            <>: <Link className="govuk-link" to={`/priorities/${t.priority.slug}`}>{t.priority.title}</Link></>
          )}
          {t.recommendation && (
            <>: <Link className="govuk-link" to={t.recommendation.href}>{t.recommendation.reference}</Link></>
          )}
        </dd>
      </div>
      {t.leadOfficer && (
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">Lead officer</dt>
          <dd className="govuk-summary-list__value"><Link className="govuk-link" to={`/people/${t.leadOfficer.slug}`}>{t.leadOfficer.name}</Link></dd>
        </div>
      )}
      {t.decisionReason && (t.status === "deferred" || t.status === "dropped") && (
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">{t.status === "deferred" ? "Why deferred" : "Why dropped"}</dt>
          <dd className="govuk-summary-list__value">{t.decisionReason}</dd>
        </div>
      )}
    </dl>
  );
}

export function TopicList({ topics }: { topics: TopicSummaryView[] }) {
  return (
    <ul className="govuk-list portal-topic-list">
      {topics.map((t) => (
        <li key={t.id} className="portal-topic">
          <h3 className="govuk-heading-s govuk-!-margin-bottom-1">
            <Link className="govuk-link" to={t.href}>{t.title}</Link> <TopicStatusTag status={t.status} label={t.statusLabel} />
          </h3>
          <TopicDetails t={t} />
        </li>
      ))}
    </ul>
  );
}
