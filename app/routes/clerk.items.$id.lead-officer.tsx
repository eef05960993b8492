/**
 * The lead officer of an agenda item, chosen from people a page at a time (a select of every
 * person the records name was 2,559 options at full size, and made the item's page too heavy
 * to edit under load: bench/README.md). Search by name, page through, pick one or none; a
 * published item's change needs its reason, as on the item's own form. Saved through
 * updateItem (setItemLeadOfficer): the same checks, revision and audit.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { requirePermission } from "~/auth/permissions.server";
import { Button, ErrorSummary, HiddenFields, Radios, Textarea } from "~/components/forms";
import { NameSearch, PeopleFound } from "~/components/name-search";
import { Pagination } from "~/components/pagination";
import { actorOf, runClerkWrite, type ClerkActionData } from "~/handlers/clerk-forms.server";
import { getClerkItem, setItemLeadOfficer } from "~/models/meetings";
import { listPeople, personSummary } from "~/models/people";
import { officerLabel } from "~/components/lead-officer";
import { db } from "~/models/records";
import { versionField } from "~/utils/clerk-schemas";
import { formFields, parseForm, recordChoiceField, textField } from "~/utils/form-fields";
import { invalid, readForm } from "~/utils/forms.server";
import { idParam, invariantFound, pageCount, parsePage, searchedName } from "~/utils/http.server";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  pageTitle(matches, data ? `Lead officer for item ${data.number}: ${data.item.title}` : "Lead officer");
export const handle = { breadcrumbs: () => [{ label: "Clerk", to: "/clerk" }] };

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "update:agenda-item:any");
  const data = invariantFound(await getClerkItem(idParam(params)));
  const url = new URL(request.url);
  const q = searchedName(url);
  const page = parsePage(url);
  const { total, people } = await listPeople({ page, q: q || undefined });
  const lead = data.item.leadOfficerId ? await personSummary(data.item.leadOfficerId) : null;
  return json({
    number: data.number,
    item: { id: data.item.id, title: data.item.title, version: data.item.version, published: data.item.publishedAt !== null, leadOfficerId: data.item.leadOfficerId ?? "" },
    meeting: { title: data.meeting.title },
    lead,
    people: people.map((p) => ({ id: p.id, name: `${p.honorific ? `${p.honorific} ` : ""}${p.name}`, jobTitle: p.jobTitle, organisation: p.organisation })),
    total,
    q,
    page,
    pageCount: pageCount(total),
  });
}

const schema = z.object({
  leadOfficerId: recordChoiceField({ optional: true, message: "Select a person from the list, or \"No lead officer\"" }),
  reason: textField({ label: "Reason for the change", max: 300, optional: true }),
  version: versionField,
});

export async function action({ request, params, context }: ActionFunctionArgs) {
  const viewer = await requirePermission(request, "update:agenda-item:any");
  const id = idParam(params);
  const form = await readForm(request);
  const values = formFields(form, ["leadOfficerId", "reason"]);
  if (!form.has("leadOfficerId")) {
    return invalid(context, { intent: "lead", errors: { leadOfficerId: "Select a person from the list, or \"No lead officer\"" }, values });
  }
  const parsed = parseForm(schema, form);
  if (!parsed.ok) return invalid(context, { intent: "lead", errors: parsed.errors, values });
  const d = parsed.data;
  const r = await runClerkWrite(context, "lead", values, () =>
    db().transaction((tx) => setItemLeadOfficer(tx, actorOf(viewer, context), id, d.version, d.leadOfficerId || null, d.reason)),
  );
  return r.ok ? redirect(`/clerk/items/${id}?done=lead-officer`, { status: 303 }) : r.response;
}

export default function LeadOfficer() {
  const data = useLoaderData<typeof loader>();
  const sent = useActionData<ClerkActionData>();
  const errors = sent?.errors;
  const chosen = sent?.values.leadOfficerId ?? data.item.leadOfficerId;
  const query = (page: number) => {
    const params = new URLSearchParams();
    if (data.q) params.set("q", data.q);
    if (page > 1) params.set("page", String(page));
    const s = params.toString();
    return s ? `?${s}` : "";
  };
  const options = [
    ...data.people.map((p) => ({
      value: p.id,
      label: officerLabel(p),
      hint: p.organisation ?? undefined,
    })),
    { value: "", label: "No lead officer" },
  ];
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary errors={errors} />
        <span className="govuk-caption-l">{data.meeting.title}</span>
        <h1 className="govuk-heading-l">{`Lead officer for item ${data.number}: ${data.item.title}`}</h1>
        <p className="govuk-body">
          {data.lead ? `The lead officer is ${officerLabel(data.lead)}.` : "No lead officer is set."}
        </p>
        <NameSearch q={data.q} label="Search people by name" />
        <PeopleFound total={data.total} q={data.q} page={data.page} pageCount={data.pageCount} />
        <Form method="post" noValidate>
          <HiddenFields fields={[["version", String(sent?.conflict?.currentVersion ?? data.item.version)]]} />
          <Radios name="leadOfficerId" legend="Choose the lead officer" small options={options} defaultValue={chosen} error={errors?.leadOfficerId} />
          {data.item.published && (
            <Textarea name="reason" label="Reason for the change" hint="The item is published: the public sees the reason" rows={2} defaultValue={sent?.values.reason} error={errors?.reason} />
          )}
          <Button>Save lead officer</Button>
        </Form>
        <Pagination page={data.page} pageCount={data.pageCount} href={(p) => `/clerk/items/${data.item.id}/lead-officer${query(p)}`} label="Pages of people" />
        <p className="govuk-body">
          <Link className="govuk-link" to={`/clerk/items/${data.item.id}`}>
            Back to the item
          </Link>
        </p>
      </div>
    </div>
  );
}
