import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { getViewer } from "~/auth/viewer.server";
import { Pagination } from "~/components/pagination";
import { ActionTable, FilterForm, recommendationFilter } from "~/components/question-tables";
import { ACTION_SORTS, listActions, parseActionFilters } from "~/models/questions";
import { filtersQuery, questionFilterOptions } from "~/models/questions";
import { ACTION_STATUS_LABELS, ACTION_STATUSES } from "~/rules/status.server";
import { parsePage } from "~/utils/http.server";
import { pageTotals } from "~/utils/paging.server";
import { pageTitle } from "~/utils/meta";
import { ErrorSummary } from "~/components/forms";
import { dayFilterState } from "~/utils/day-filter";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  pageTitle(matches, "Follow-up actions", { error: Object.keys(data?.dates.errors ?? {}).length > 0 });
export const handle = { breadcrumbs: () => [{ label: "Home", to: "/" }] };

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await getViewer(request);
  const url = new URL(request.url);
  const page = parsePage(url);
  const filters = parseActionFilters(url.searchParams);
  const list = await listActions(viewer, { page, filters });
  const options = await questionFilterOptions(viewer);
  const values = Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== undefined).map(([k, v]) => [k, v === true ? "yes" : String(v)]));
  const choices = {
    statuses: ACTION_STATUSES.map((s) => ({ value: s, label: ACTION_STATUS_LABELS[s] })),
    sorts: Object.entries(ACTION_SORTS).map(([value, label]) => ({ value, label })),
  };
  return json({ ...pageTotals(list, page, "action", "actions"), actions: list.actions, page, options, choices, values, dates: dayFilterState(url.searchParams, [["from", "Due from"], ["to", "Due to"]]), query: filtersQuery(filters) });
}

export default function Actions() {
  const data = useLoaderData<typeof loader>();
  const o = data.options;
  return (
    <>
      <ErrorSummary errors={data.dates.errors} />
      <h1 className="govuk-heading-xl">Follow-up actions</h1>
      <p className="govuk-body">
        Actions agreed in responses to <Link className="govuk-link" to="/questions">members' questions</Link>, in minutes and
        on inspection recommendations, tracked to completion with evidence.
      </p>
      <FilterForm
        action="/actions"
        resetTo="/actions"
        values={{ ...data.values, ...data.dates.typed }}
        errors={data.dates.errors}
        fields={[
          { name: "status", label: "Status", options: data.choices.statuses },
          { name: "overdue", label: "Overdue", options: [{ value: "yes", label: "Overdue only" }] },
          { name: "organisation", label: "Owning organisation", options: o.organisations.map((x) => ({ value: x.slug, label: x.name })) },
          { name: "priority", label: "Strategic priority", options: o.priorities.map((p) => ({ value: p.slug, label: p.title })) },
          recommendationFilter(o.recommendations),
          { name: "sort", label: "Sort by", options: data.choices.sorts },
          { name: "from", label: "Due from", hint: "For example, 1 1 2026", date: true },
          { name: "to", label: "Due to", hint: "For example, 31 12 2026", date: true },
        ]}
      />
      <p className="govuk-body">
        {data.totalText} ·{" "}
        <a className="govuk-link" href={`/actions.csv${data.query}`} download>Download these actions as CSV</a>
      </p>
      <ActionTable actions={data.actions} caption="Actions" />
      <Pagination page={data.page} pageCount={data.pageCount} more={data.more} href={(p) => `/actions${data.query ? `${data.query}&` : "?"}page=${p}`} />
    </>
  );
}
