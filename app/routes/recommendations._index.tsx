import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { getViewer } from "~/auth/viewer.server";
import { ErrorSummary } from "~/components/forms";
import { Pagination } from "~/components/pagination";
import { FilterForm } from "~/components/question-tables";
import { RegisterTable } from "~/components/recommendation-register";
import { listRegister, parseRegisterFilters, registerFilterChoices, registerFiltersQuery } from "~/models/oversight";
import { invalid } from "~/utils/forms.server";
import { pageCount, parsePage } from "~/utils/http.server";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  pageTitle(matches, "Recommendations", { error: Object.keys(data?.errors ?? {}).length > 0 });
export const handle = { breadcrumbs: () => [{ label: "Home", to: "/" }] };

/**
 * The register: an inspectorate's and the board's own recommendations in one list. A filter
 * value that is not one of the choices answers 400, its message beside the field, what was
 * typed kept; the list shows without that filter.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const viewer = await getViewer(request);
  const url = new URL(request.url);
  const page = parsePage(url);
  const { filters, errors, typed } = parseRegisterFilters(url.searchParams);
  const [{ total, rows }, choices] = await Promise.all([listRegister(viewer, { filters, page }), registerFilterChoices(viewer)]);
  const totalText = total === 1 ? "1 recommendation" : `${total.toLocaleString("en-GB")} recommendations`;
  const payload = { total, totalText, rows, page, pageCount: pageCount(total), choices, errors, values: typed, query: registerFiltersQuery(filters) };
  return Object.keys(errors).length > 0 ? invalid(context, payload) : json(payload);
}

export default function Recommendations() {
  const data = useLoaderData<typeof loader>();
  const c = data.choices;
  return (
    <>
      {/* Each message links to its field: a select's id is filter-<name>, a date's first box is <name>. */}
      <ErrorSummary errors={Object.fromEntries(Object.entries(data.errors).map(([k, v]) => [k === "from" || k === "to" ? k : `filter-${k}`, v]))} />
      <h1 className="govuk-heading-xl">Recommendations</h1>
      <p className="govuk-body">
        Every recommendation made to the Trust and its partners: an inspectorate's, from its reports, and the board's own, agreed at its meetings
        or in its review reports. For the board's own, the addressee must respond, within two months of receiving it where the law requires;
        each shows when its response is due and whether it came. See also the{" "}
        <Link className="govuk-link" to="/reports/tracking">recommendation and action tracker</Link>.
      </p>
      <FilterForm
        action="/recommendations"
        resetTo="/recommendations"
        values={data.values}
        errors={data.errors}
        fields={[
          { name: "source", label: "Made by", options: c.sources, error: data.errors.source },
          { name: "body", label: "Board or committee", options: c.bodies },
          { name: "addressee", label: "Addressed to", options: c.addressees },
          { name: "state", label: "Response", options: c.states, error: data.errors.state },
          { name: "overdue", label: "Overdue", options: [{ value: "yes", label: "Overdue only" }], error: data.errors.overdue },
          { name: "priority", label: "Strategic priority", options: c.priorities },
          { name: "sort", label: "Sort by", options: c.sorts, error: data.errors.sort },
          { name: "from", label: "Agreed from", hint: "For example, 1 5 2025", date: true },
          { name: "to", label: "Agreed to", hint: "For example, 30 4 2026", date: true },
        ]}
      />
      <p className="govuk-body">
        {data.totalText} ·{" "}
        <a className="govuk-link" href={`/recommendations.csv${data.query}`} download>Download these recommendations as CSV</a>
      </p>
      <RegisterTable rows={data.rows} />
      <Pagination page={data.page} pageCount={data.pageCount} href={(p) => `/recommendations${data.query ? `${data.query}&` : "?"}page=${p}`} />
    </>
  );
}
