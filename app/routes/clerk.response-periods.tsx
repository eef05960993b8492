/**
 * Each organisation's period for answering the board's recommendations (issue 17): the
 * statutory two months (Local Government Act 2000 s9FE, s9FF for partner authorities), or,
 * where the duty does not apply, the working days the board asks for (5 to 130). Changing
 * it moves the due days of the organisation's recommendations (setResponsePeriod, audited).
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/permissions.server";
import { Button, ErrorSummary, HiddenFields, NotificationBanner, Radios, TextInput } from "~/components/forms";
import { actorOf } from "~/handlers/clerk-forms.server";
import { runRecommendationWrite, type RecommendationFormData } from "~/handlers/board-recommendation-forms.server";
import { setResponsePeriod } from "~/models/oversight";
import { recommendationAddressees } from "~/models/people";
import { db } from "~/models/records";
import { formFields } from "~/utils/form-fields";
import { invalid, readForm } from "~/utils/forms.server";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "Response periods for the board's recommendations");
export const handle = { breadcrumbs: () => [{ label: "Clerk", to: "/clerk" }] };

const periodText = (o: { statutoryResponseDuty: boolean; responseWorkingDays: number | null }) =>
  o.statutoryResponseDuty || !o.responseWorkingDays ? "Two months (statutory duty)" : `${o.responseWorkingDays} working days`;

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "update:recommendation:any");
  const url = new URL(request.url);
  const organisations = (await recommendationAddressees()).map((o) => ({ ...o, period: periodText(o) }));
  const chosen = organisations.find((o) => o.id === url.searchParams.get("organisation")) ?? null;
  return json({ organisations, chosen, notice: url.searchParams.get("done") === "saved" ? "Response period saved." : null });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const viewer = await requirePermission(request, "update:recommendation:any");
  const values = formFields(await readForm(request), ["organisationId", "duty", "responseWorkingDays"]);
  const org = (await recommendationAddressees()).find((o) => o.id === values.organisationId);
  if (!org) return invalid(context, { intent: "period", errors: { form: "Choose an organisation from the list" }, values });
  if (values.duty !== "statutory" && values.duty !== "working_days") {
    return invalid(context, { intent: "period", errors: { duty: "Select whether the statutory duty applies" }, values });
  }
  const days = /^\s*\d{1,6}\s*$/.test(values.responseWorkingDays) ? Number(values.responseWorkingDays) : Number.NaN;
  const period = values.duty === "statutory" ? { statutory: true as const } : { statutory: false as const, workingDays: days };
  const r = await runRecommendationWrite(context, { intent: "period", values }, () => db().transaction((tx) => setResponsePeriod(tx, actorOf(viewer, context), org.id, period)));
  return r.ok ? redirect(`/clerk/response-periods?done=saved`, { status: 303 }) : r.response;
}

export default function ResponsePeriods() {
  const d = useLoaderData<typeof loader>();
  const data = useActionData<RecommendationFormData>();
  const errors = data?.errors;
  const v = data?.values;
  const chosen = d.chosen ?? (v ? d.organisations.find((o) => o.id === v.organisationId) ?? null : null);
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary errors={errors} />
        {d.notice && <NotificationBanner success>{d.notice}</NotificationBanner>}
        <h1 className="govuk-heading-l">Response periods for the board's recommendations</h1>
        <p className="govuk-body">
          The executive, and partner authorities, must respond to the board's recommendations within two months of receiving them
          (Local Government Act 2000, sections 9FE and 9FF). Where the duty does not apply, the board asks for a response within a
          number of working days. Changing a period moves the due dates of that organisation's recommendations.
        </p>
        <table className="govuk-table">
          <caption className="govuk-table__caption govuk-table__caption--m">Organisations</caption>
          <thead className="govuk-table__head">
            <tr className="govuk-table__row">
              <th scope="col" className="govuk-table__header">Organisation</th>
              <th scope="col" className="govuk-table__header">Period to respond</th>
              <th scope="col" className="govuk-table__header"><span className="govuk-visually-hidden">Change</span></th>
            </tr>
          </thead>
          <tbody className="govuk-table__body">
            {d.organisations.map((o) => (
              <tr className="govuk-table__row" key={o.id}>
                <td className="govuk-table__cell">{o.name}</td>
                <td className="govuk-table__cell">{o.period}</td>
                <td className="govuk-table__cell">
                  <Link className="govuk-link" to={`/clerk/response-periods?organisation=${o.id}#period-form`}>
                    Change<span className="govuk-visually-hidden"> the period for {o.name}</span>
                  </Link>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {chosen && (
          <Form method="post" noValidate id="period-form">
            <h2 className="govuk-heading-m">{chosen.name}</h2>
            <HiddenFields fields={[["organisationId", chosen.id]]} />
            <Radios
              name="duty"
              legend="Does the statutory duty to respond within two months apply?"
              options={[
                { value: "statutory", label: "Yes: two months from receipt" },
                { value: "working_days", label: "No: the board asks for a response within a number of working days" },
              ]}
              defaultValue={v?.duty ?? (chosen.statutoryResponseDuty ? "statutory" : "working_days")}
              error={errors?.duty}
            />
            <TextInput
              name="responseWorkingDays"
              label="Working days to respond (where the duty does not apply)"
              hint="From 5 to 130. Weekends and bank holidays are not counted"
              width="4"
              inputMode="numeric"
              defaultValue={v?.responseWorkingDays ?? (chosen.responseWorkingDays ? String(chosen.responseWorkingDays) : "")}
              error={errors?.responseWorkingDays}
            />
            <Button>Save the period</Button>
          </Form>
        )}
      </div>
    </div>
  );
}
