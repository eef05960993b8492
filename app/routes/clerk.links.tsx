/**
 * Linking records to priorities and recommendations, from either end: the
 * subject is any record (?subject=question:<id>, priority:<id>, ...). Without
 * JavaScript a GET search form narrows the plain <select>; with JavaScript the
 * same list updates as the clerk types.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useFetcher, useLoaderData } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { requirePermission } from "~/auth/permissions.server";
import { Button, ErrorSummary, HiddenFields, Select } from "~/components/forms";
import { db } from "~/models/records";
import {
  addLink,
  describeRecord,
  LinkError,
  listLinks,
  parseRef,
  RECORD_TYPE_LABELS,
  refString,
  removeLink,
  searchCandidates,
  type RecordRef,
} from "~/models/oversight";
import { formFields, type FieldErrors } from "~/utils/form-fields";
import { invalid, readForm } from "~/utils/forms.server";
import { invariantFound } from "~/utils/http.server";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  pageTitle(matches, data ? `Links: ${data.subject.label}` : "Links");
export const handle = { breadcrumbs: () => [{ label: "Home", to: "/" }] };

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requirePermission(request, "update:priority:any");
  const url = new URL(request.url);
  const ref = invariantFound(parseRef(url.searchParams.get("subject")));
  const subject = invariantFound(await describeRecord(viewer, ref));
  const q = (url.searchParams.get("q") ?? "").trim().slice(0, 200);
  const candidates = await searchCandidates(viewer, ref, q);
  const links = await listLinks(viewer, ref);
  return json({
    subject,
    subjectTypeLabel: RECORD_TYPE_LABELS[subject.type].toLowerCase(),
    subjectRef: refString(ref),
    q,
    candidates: candidates.map((c) => ({ value: refString(c), label: `${RECORD_TYPE_LABELS[c.type]}: ${c.label}` })),
    links: links.map((l) => {
      const other = l.source.type === ref.type && l.source.id === ref.id ? l.target : l.source;
      return { other: refString(other), type: RECORD_TYPE_LABELS[other.type], label: other.label, href: other.href };
    }),
    linked: url.searchParams.get("linked"),
  });
}

/** Which end is the source and which the target. */
function pairOf(subject: RecordRef, other: RecordRef): { source: RecordRef; target: RecordRef } {
  if (other.type === "priority") return { source: subject, target: other };
  if (subject.type === "priority") return { source: other, target: subject };
  if (other.type === "recommendation") return { source: subject, target: other };
  return { source: other, target: subject };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const viewer = await requirePermission(request, "update:priority:any");
  const form = await readForm(request);
  const values = formFields(form, ["intent", "subject", "other", "q"] as const);
  const subject = parseRef(values.subject);
  if (!subject) return invalid(context, { errors: { other: "The record to link from is missing: go back and try again" }, values });
  const other = parseRef(values.other);
  if (!other) return invalid(context, { errors: { other: "Select a record to link" }, values });
  const actor = { userId: viewer.userId, ipAddress: context?.clientIp ?? null };
  const pair = pairOf(subject, other);
  try {
    if (values.intent === "unlink") await db().transaction((tx) => removeLink(tx, viewer, actor, pair));
    else if (values.intent === "link") await db().transaction((tx) => addLink(tx, viewer, actor, pair));
    else return invalid(context, { errors: { other: "Choose link or remove" }, values });
  } catch (error) {
    if (error instanceof LinkError) return invalid(context, { errors: { other: error.message }, values });
    throw error;
  }
  return redirect(`/clerk/links?subject=${refString(subject)}&linked=${values.intent === "unlink" ? "removed" : "added"}`, { status: 303 });
}

export default function Links() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<{ errors: FieldErrors; values: Record<string, string> }>();
  const fetcher = useFetcher<typeof loader>();
  const [query, setQuery] = useState(data.q);
  const timer = useRef<ReturnType<typeof setTimeout>>();
  useEffect(() => () => clearTimeout(timer.current), []);
  // A new page (after linking, or a search without JavaScript) starts from its own query.
  useEffect(() => setQuery(data.q), [data.q, data.links]);
  const candidates = fetcher.data && fetcher.data.q === query.trim() ? fetcher.data.candidates : data.candidates;
  const errors = actionData?.errors;
  const onType = (value: string) => {
    setQuery(value);
    clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      fetcher.load(`/clerk/links?subject=${encodeURIComponent(data.subjectRef)}&q=${encodeURIComponent(value)}`);
    }, 250);
  };
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary errors={errors} />
        {data.linked && (
          <div className="govuk-notification-banner govuk-notification-banner--success" role="alert" aria-labelledby="linked-title">
            <div className="govuk-notification-banner__header">
              <h2 className="govuk-notification-banner__title" id="linked-title">Success</h2>
            </div>
            <div className="govuk-notification-banner__content">
              <p className="govuk-notification-banner__heading">{data.linked === "removed" ? "The link has been removed." : "The records have been linked."}</p>
            </div>
          </div>
        )}
        <span className="govuk-caption-l">Links</span>
        <h1 className="govuk-heading-l">{data.subject.label}</h1>
        <p className="govuk-body">
          <Link className="govuk-link" to={data.subject.href}>Back to the {data.subjectTypeLabel}</Link>
        </p>

        <h2 className="govuk-heading-m">Linked now</h2>
        {data.links.length === 0 ? (
          <p className="govuk-body">Nothing is linked yet.</p>
        ) : (
          <ul className="govuk-list">
            {data.links.map((l) => (
              <li key={l.other}>
                {l.type}: <Link className="govuk-link" to={l.href}>{l.label}</Link>{" "}
                <Form method="post" action={`/clerk/links?subject=${encodeURIComponent(data.subjectRef)}`} className="portal-inline-form">
                  <HiddenFields fields={[["intent", "unlink"], ["subject", data.subjectRef], ["other", l.other]]} />
                  <button type="submit" className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0">
                    Remove<span className="govuk-visually-hidden"> the link to {l.label}</span>
                  </button>
                </Form>
              </li>
            ))}
          </ul>
        )}

        <h2 className="govuk-heading-m">Add a link</h2>
        <Form method="get" role="search" className="govuk-!-margin-bottom-4">
          <HiddenFields fields={[["subject", data.subjectRef]]} />
          <div className="govuk-form-group">
            <label className="govuk-label" htmlFor="q">Find a record</label>
            <div id="q-hint" className="govuk-hint">Words from its title or text; the list below narrows as you type</div>
            <input className="govuk-input govuk-!-width-two-thirds" id="q" name="q" type="search" aria-describedby="q-hint" value={query} onChange={(e) => onType(e.target.value)} />
          </div>
          <Button variant="secondary">Search</Button>
        </Form>
        <Form method="post" action={`/clerk/links?subject=${encodeURIComponent(data.subjectRef)}`} noValidate>
          <HiddenFields fields={[["intent", "link"], ["subject", data.subjectRef], ["q", query]]} />
          <Select
            name="other"
            label={`Record to link (${candidates.length} found)`}
            placeholder="Select a record"
            options={candidates}
            defaultValue={actionData?.values?.other}
            error={errors?.other}
          />
          <Button>Link</Button>
        </Form>
      </div>
    </div>
  );
}
