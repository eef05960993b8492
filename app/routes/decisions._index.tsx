import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { getViewer } from "~/auth/viewer.server";
import { DecisionList } from "~/components/decisions";
import { Pagination } from "~/components/pagination";
import { ErrorSummary } from "~/components/forms";
import { FilterForm } from "~/components/question-tables";
import { DECISION_SORTS, decisionBodyChoices, decisionFiltersQuery, listDecisions, parseDecisionFilters } from "~/models/meetings";
import { pageCount, parsePage } from "~/utils/http.server";
import { pageTitle } from "~/utils/meta";
import { dayFilterState } from "~/utils/day-filter";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "Decisions");
export const handle = { breadcrumbs: () => [{ label: "Home", to: "/" }] };

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await getViewer(request);
  const url = new URL(request.url);
  const page = parsePage(url);
  const { filters, errors } = parseDecisionFilters(url.searchParams);
  const [{ total, decisions }, bodies] = await Promise.all([listDecisions(viewer, { filters, page }), decisionBodyChoices(viewer)]);
  // What was typed stays in the fields, a date that is not a real day included.
  const values = { ...Object.fromEntries(["body", "q", "sort"].map((k) => [k, url.searchParams.get(k) ?? ""])), ...dayFilterState(url.searchParams, [["from", "Made from"], ["to", "Made to"]]).typed };
  // The sorts and the count's words travel with the data: the browser bundle has no .server module.
  const sorts = Object.entries(DECISION_SORTS).map(([value, label]) => ({ value, label }));
  const totalText = total === 1 ? "1 decision" : `${total.toLocaleString("en-GB")} decisions`;
  return json({ total, totalText, decisions, page, pageCount: pageCount(total), bodies, errors, values, sorts, query: decisionFiltersQuery(filters) });
}

export default function Decisions() {
  const data = useLoaderData<typeof loader>();
  return (
    <>
      <ErrorSummary errors={data.errors} />
      <h1 className="govuk-heading-xl">Decisions</h1>
      <p className="govuk-body">
        The resolutions recorded in the published minutes of the board and its committees: what was decided, by whom, when, the
        reasons where the minutes give them, and each decision's status.
      </p>
      <FilterForm
        action="/decisions"
        resetTo="/decisions"
        values={data.values}
        fields={[
          { name: "q", label: "Words in the decision", hint: "For example, fostering" },
          { name: "body", label: "Made by", options: data.bodies.map((b) => ({ value: b.slug, label: b.name })) },
          { name: "sort", label: "Sort by", options: data.sorts },
          { name: "from", label: "Made from", hint: "For example, 1 1 2026", error: data.errors.from, date: true },
          { name: "to", label: "Made to", hint: "For example, 31 12 2026", error: data.errors.to, date: true },
        ]}
      />
      <p className="govuk-body">
        {data.totalText} ·{" "}
        <a className="govuk-link" href={`/decisions.csv${data.query}`} download>Download these decisions as CSV</a>
      </p>
      {data.decisions.length === 0 ? (
        <p className="govuk-body">There are no decisions to show.</p>
      ) : (
        <DecisionList decisions={data.decisions} withOrigin />
      )}
      <Pagination page={data.page} pageCount={data.pageCount} href={(p) => `/decisions${data.query ? `${data.query}&` : "?"}page=${p}`} />
    </>
  );
}
