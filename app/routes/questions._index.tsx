import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { getViewer } from "~/auth/viewer.server";
import { Pagination } from "~/components/pagination";
import { choiceOrText, FilterForm, QuestionTable, recommendationFilter } from "~/components/question-tables";
import { filtersQuery, listQuestions, parseQuestionFilters, QUESTION_SORTS, questionFilterOptions } from "~/models/questions";
import { QUESTION_STATUS_LABELS, QUESTION_STATUSES } from "~/rules/status.server";
import { parsePage } from "~/utils/http.server";
import { pageTotals } from "~/utils/paging.server";
import { pageTitle } from "~/utils/meta";
import { ErrorSummary } from "~/components/forms";
import { dayFilterState } from "~/utils/day-filter";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  pageTitle(matches, "Questions and responses", { error: Object.keys(data?.dates.errors ?? {}).length > 0 });
export const handle = { breadcrumbs: () => [{ label: "Home", to: "/" }] };

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await getViewer(request);
  const url = new URL(request.url);
  const page = parsePage(url);
  const filters = parseQuestionFilters(url.searchParams);
  const list = await listQuestions(viewer, { page, filters });
  const options = await questionFilterOptions(viewer, filters);
  const values = Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== undefined).map(([k, v]) => [k, v === true ? "yes" : String(v)]));
  const choices = {
    statuses: QUESTION_STATUSES.filter((s) => s !== "submitted" && s !== "rejected").map((s) => ({ value: s, label: QUESTION_STATUS_LABELS[s] })),
    sorts: Object.entries(QUESTION_SORTS).map(([value, label]) => ({ value, label })),
  };
  return json({
    ...pageTotals(list, page, "question", "questions"),
    questions: list.questions,
    page,
    options,
    choices,
    values,
    dates: dayFilterState(url.searchParams, [["from", "Tabled from"], ["to", "Tabled to"]]),
    query: filtersQuery(filters),
  });
}

export default function Questions() {
  const data = useLoaderData<typeof loader>();
  const o = data.options;
  const withPage = (p: number) => `/questions${data.query ? `${data.query}&` : "?"}page=${p}`;
  return (
    <>
      <ErrorSummary errors={data.dates.errors} />
      <h1 className="govuk-heading-xl">Questions and responses</h1>
      <p className="govuk-body">
        Every question raised by members on an agenda item, who it was addressed to, the response and what happened
        next. See also the <Link className="govuk-link" to="/actions">register of follow-up actions</Link>.
      </p>
      <p className="govuk-body portal-no-print">
        New answers as they are published: <Link className="govuk-link" to="/feeds">feeds and calendars</Link>.
      </p>
      <FilterForm
        action="/questions"
        resetTo="/questions"
        values={{ ...data.values, ...data.dates.typed }}
        errors={data.dates.errors}
        fields={[
          { name: "status", label: "Status", options: data.choices.statuses },
          { name: "overdue", label: "Overdue", options: [{ value: "yes", label: "Overdue only" }] },
          { name: "body", label: "Board or committee", options: o.bodies.map((b) => ({ value: b.slug, label: b.name })) },
          { name: "meeting", label: "Meeting", options: o.meetings.map((m) => ({ value: m.slug, label: m.title })) },
          { name: "organisation", label: "Addressed to", options: o.organisations.map((x) => ({ value: x.slug, label: x.name })) },
          choiceOrText("member", "Member", o.members, (m) => ({ value: m.slug, label: m.name }), "Their name or part of it"),
          { name: "priority", label: "Strategic priority", options: o.priorities.map((p) => ({ value: p.slug, label: p.title })) },
          recommendationFilter(o.recommendations),
          { name: "sort", label: "Sort by", options: data.choices.sorts },
          { name: "from", label: "Tabled from", hint: "For example, 1 1 2026", date: true },
          { name: "to", label: "Tabled to", hint: "For example, 31 12 2026", date: true },
        ]}
      />
      <p className="govuk-body">
        {data.totalText} ·{" "}
        <a className="govuk-link" href={`/questions.csv${data.query}`} download>Download these questions as CSV</a>
      </p>
      <QuestionTable questions={data.questions} caption="Questions" />
      <Pagination page={data.page} pageCount={data.pageCount} more={data.more} href={withPage} />
    </>
  );
}
