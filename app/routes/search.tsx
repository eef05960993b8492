import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData, useLocation } from "@remix-run/react";
import { getViewer } from "~/auth/viewer.server";
import { ErrorSummary, Select, TextInput } from "~/components/forms";
import { DateText, StatusBasisNote, Tag } from "~/components/notes";
import { Pagination } from "~/components/pagination";
import {
  isSearchKind,
  MAX_QUERY_LENGTH,
  normaliseQuery,
  search,
  SEARCH_KIND_LABELS,
  SEARCH_STATUS_LABELS,
  searchFilterOptions,
} from "~/models/search";
import { pageCount, parsePage } from "~/utils/http.server";
import { pageTitle } from "~/utils/meta";
import { DateInput } from "~/components/date-input";
import { readDayFilter } from "~/utils/day-filter";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  pageTitle(matches, data?.q ? `Search: ${data.q.slice(0, 60)}` : "Search", {
    error: data ? Object.keys(data.errors).length > 0 : false,
  });

export const handle = { breadcrumbs: () => [{ label: "Home", to: "/" }] };


export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await getViewer(request);
  const url = new URL(request.url);
  const params = url.searchParams;
  const rawQ = params.get("q") ?? "";
  const q = normaliseQuery(rawQ);
  const page = parsePage(url);
  const options = await searchFilterOptions();
  const errors: Record<string, string> = {};
  if (q.length > MAX_QUERY_LENGTH) errors.q = `Search words must be ${MAX_QUERY_LENGTH} characters or fewer`;
  // The GOV.UK date input's three boxes (or the old from=YYYY-MM-DD of links made before).
  const fromFilter = readDayFilter(params, "from", "From");
  const toFilter = readDayFilter(params, "to", "To");
  const from = fromFilter.value ?? "";
  const to = toFilter.value ?? "";
  if (fromFilter.error) errors.from = fromFilter.error;
  if (toFilter.error) errors.to = toFilter.error;
  if (!errors.from && !errors.to && from && to && from > to) errors.to = "To must be the same as or after From";

  // Unknown filter values are ignored: the search runs across everything.
  const kindParam = params.get("kind");
  const kind = isSearchKind(kindParam) ? kindParam : undefined;
  const bodySlug = options.bodies.some((b) => b.slug === params.get("body")) ? params.get("body")! : undefined;
  const prioritySlug = options.priorities.some((p) => p.slug === params.get("priority"))
    ? params.get("priority")!
    : undefined;
  const status = params.get("status") && Object.hasOwn(SEARCH_STATUS_LABELS, params.get("status")!) ? params.get("status")! : undefined;
  const sort = params.get("sort") === "date" ? ("date" as const) : ("relevance" as const);

  // What was typed goes back into the boxes, a bad date included.
  const filters = { kind: kind ?? "", body: bodySlug ?? "", priority: prioritySlug ?? "", status: status ?? "", from: fromFilter.typed, to: toFilter.typed, sort };
  const hasErrors = Object.keys(errors).length > 0;
  const outcome = hasErrors
    ? null
    : await search(viewer, { q, kind, bodySlug, prioritySlug, status, from: from || undefined, to: to || undefined, sort, page });
  const total = outcome?.kind === "results" ? outcome.total : 0;
  return json(
    {
      q: hasErrors ? rawQ.slice(0, MAX_QUERY_LENGTH * 2) : q,
      errors,
      filters,
      outcome,
      page,
      pageCount: pageCount(total),
      choices: {
        kinds: Object.entries(SEARCH_KIND_LABELS).map(([value, label]) => ({ value, label })),
        bodies: options.bodies.map((b) => ({ value: b.slug, label: b.name })),
        priorities: options.priorities.map((p) => ({ value: p.slug, label: p.title })),
        statuses: Object.entries(SEARCH_STATUS_LABELS).map(([value, label]) => ({ value, label })),
      },
    },
    { status: hasErrors ? 400 : 200 },
  );
}

export default function SearchPage() {
  const data = useLoaderData<typeof loader>();
  const location = useLocation();
  const { filters, outcome } = data;
  const href = (p: number) => {
    const params = new URLSearchParams(location.search);
    params.set("page", String(p));
    return `/search?${params}`;
  };
  return (
    <>
      <ErrorSummary errors={data.errors} />
      <h1 className="govuk-heading-xl">Search</h1>
      <Form method="get" action="/search" className="portal-no-print" key={location.search}>
        <TextInput
          name="q"
          type="search"
          label="Search agendas, minutes, documents, questions and actions"
          hint={'Use "quotation marks" for an exact phrase, OR for either word, and a minus sign to leave a word out, for example: supervision -fostering'}
          defaultValue={data.q}
          error={data.errors.q}
          spellCheck={false}
        />
        <details className="govuk-details" open={Object.values(filters).some((v) => v && v !== "relevance")}>
          <summary className="govuk-details__summary">
            <span className="govuk-details__summary-text">Filter and sort</span>
          </summary>
          <div className="govuk-details__text">
            <Select name="kind" label="Kind" options={data.choices.kinds} defaultValue={filters.kind} placeholder="All kinds" />
            <Select name="body" label="Board or committee" options={data.choices.bodies} defaultValue={filters.body} placeholder="All boards and committees" />
            <Select name="priority" label="Strategic priority" options={data.choices.priorities} defaultValue={filters.priority} placeholder="Any priority" />
            <Select name="status" label="Status" options={data.choices.statuses} defaultValue={filters.status} placeholder="Any status" />
            <DateInput name="from" legend="From" hint="For example, 30 11 2021" defaultValue={filters.from} error={data.errors.from} />
            <DateInput name="to" legend="To" hint="For example, 31 12 2024" defaultValue={filters.to} error={data.errors.to} />
            <Select
              name="sort"
              label="Sort by"
              options={[
                { value: "relevance", label: "Relevance" },
                { value: "date", label: "Date (newest first)" },
              ]}
              defaultValue={filters.sort}
            />
          </div>
        </details>
        <button type="submit" className="govuk-button" data-module="govuk-button">Search</button>
      </Form>

      {outcome?.kind === "empty" && <p className="govuk-body">Enter the words you are looking for.</p>}
      {outcome?.kind === "too_slow" && (
        <p className="govuk-body">
          This search matched too much to finish in time. Make it more specific: add a less common word, put an exact
          phrase in quotes, or narrow it by kind, board or dates under “Filter and sort”.
        </p>
      )}
      {outcome?.kind === "no_words" && (
        <p className="govuk-body">Your search has no words in it, only punctuation or symbols. Type the words you are looking for.</p>
      )}
      {outcome?.kind === "only_exclusions" && (
        <p className="govuk-body">
          Your search only leaves words out (a word after “-” is left out). Add a word to look for, such as{" "}
          <code>report -draft</code>.
        </p>
      )}
      {outcome?.kind === "stop_words_only" && (
        <p className="govuk-body">
          Your search has only words that are too common to search for (such as “the” or “and”). Try more specific words.
        </p>
      )}
      {outcome?.kind === "results" && (
        <>
          <h2 className="govuk-heading-m" id="results-heading">
            {outcome.more
              ? `More than ${outcome.total.toLocaleString("en-GB")} results`
              : outcome.total === 0
                ? "No results"
                : outcome.total === 1
                  ? "1 result"
                  : `${outcome.total.toLocaleString("en-GB")} results`}
          </h2>
          {outcome.total === 0 && (
            <p className="govuk-body">Check the spelling, use fewer or different words, or remove a filter.</p>
          )}
          {outcome.total > 0 && outcome.results.length === 0 && (
            <p className="govuk-body">
              There are no results on this page. <Link className="govuk-link" to={href(1)}>Go to the first page</Link>.
            </p>
          )}
          <ol className="govuk-list portal-search-results" aria-labelledby="results-heading">
            {outcome.results.map((r) => (
              <li key={`${r.kind}:${r.id}`} className="govuk-!-margin-bottom-6">
                <h3 className="govuk-heading-s govuk-!-margin-bottom-1">
                  <Link className="govuk-link" to={r.href}>{r.title}</Link>
                </h3>
                <p className="govuk-body-s govuk-!-margin-bottom-1 portal-meta">
                  {r.kindLabel}
                  {r.body ? ` · ${r.body.name}` : ""}
                  {r.date ? (
                    <>
                      {" · "}
                      <DateText text={r.date} approximate={r.dateApproximate} />
                    </>
                  ) : null}
                  {r.statusLabel ? (
                    <>
                      {" · "}
                      <Tag className="govuk-tag--grey">{r.statusLabel}</Tag>
                      <StatusBasisNote basis={r.statusBasis} />
                    </>
                  ) : null}
                </p>
                <p className="govuk-body govuk-!-margin-bottom-0 portal-snippet">
                  {r.snippet.map((part, i) => (part.hit ? <mark key={i}>{part.text}</mark> : <span key={i}>{part.text}</span>))}
                </p>
              </li>
            ))}
          </ol>
          <Pagination page={data.page} pageCount={data.pageCount} href={href} />
        </>
      )}
    </>
  );
}
