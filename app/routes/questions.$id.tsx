import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { getViewer } from "~/auth/viewer.server";
import { SourceNote, Tag } from "~/components/notes";
import { SummaryList } from "~/components/summary-list";
import { getQuestion } from "~/models/questions.server";
import { invariantFound } from "~/utils/http.server";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(matches, data ? `Question: ${data.question.text}` : "Question");
export const handle = {
  breadcrumbs: () => [
    { label: "Home", to: "/" },
    { label: "Questions", to: "/questions" },
  ],
};

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await getViewer(request);
  return json({ question: invariantFound(await getQuestion(viewer, params.id ?? "")) });
}

export default function QuestionPage() {
  const { question: q } = useLoaderData<typeof loader>();
  return (
    <>
      <span className="govuk-caption-l">Question to {q.addressedTo}</span>
      <h1 className="govuk-heading-l">{q.text}</h1>
      {q.isSummarised && (
        <div className="govuk-inset-text">
          The minutes record the response but not the question's wording: this question is a neutral summary written
          from the minutes.
        </div>
      )}
      <SummaryList
        rows={[
          ["Status", <span key="s"><Tag className={q.status === "closed" ? "govuk-tag--grey" : "govuk-tag--blue"}>{q.statusLabel}</Tag>{q.overdue && <> <Tag className="govuk-tag--red">Overdue</Tag></>}</span>],
          ["Asked by", q.askedBy ?? "Not named in the minutes"],
          ["Addressed to", q.addressedTo],
          ["Agenda item", <Link key="i" className="govuk-link" to={`/agenda-items/${q.agendaItem.id}`}>{q.agendaItem.title}</Link>],
          ["Meeting", <Link key="m" className="govuk-link" to={`/meetings/${q.meeting.slug}`}>{q.meeting.title}</Link>],
          ["Tabled", `${q.tabled.date}${q.tabled.approximate ? " (approximate)" : ""}`],
          ["Response due", q.due],
        ]}
      />
      <SourceNote note={q.sourceNote} />
      {q.parentQuestionId && (
        <p className="govuk-body">
          This is a supplementary question to <Link className="govuk-link" to={`/questions/${q.parentQuestionId}`}>an earlier question</Link>.
        </p>
      )}

      <h2 className="govuk-heading-l">Timeline</h2>
      <ol className="govuk-list">
        {q.timeline.map((e, index) => (
          <li key={`${e.at}-${index}`} className="govuk-!-margin-bottom-6">
            <h3 className="govuk-heading-s govuk-!-margin-bottom-1">{e.label}</h3>
            <p className="govuk-body-s portal-meta govuk-!-margin-bottom-2">
              {e.date}
              {e.approximate ? " (approximate)" : ""}
              {e.who ? ` · ${e.who}` : ""}
            </p>
            {e.html && <div className="portal-prose" dangerouslySetInnerHTML={{ __html: e.html }} />}
          </li>
        ))}
      </ol>

      {q.actions.length > 0 && (
        <>
          <h2 className="govuk-heading-l">Actions</h2>
          <ul className="govuk-list">
            {q.actions.map((a) => (
              <li key={a.id}>
                {a.description}: {a.status}, due {a.due}
                {a.overdue && <> <Tag className="govuk-tag--red">Overdue</Tag></>}
              </li>
            ))}
          </ul>
        </>
      )}
      {q.supplementaries.length > 0 && (
        <>
          <h2 className="govuk-heading-l">Supplementary questions</h2>
          <ul className="govuk-list">
            {q.supplementaries.map((s) => (
              <li key={s.id}><Link className="govuk-link" to={`/questions/${s.id}`}>{s.text}</Link></li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}
