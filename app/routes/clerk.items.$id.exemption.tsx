import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { requirePermission } from "~/auth/permissions.server";
import { CheckboxGroup } from "~/components/clerk";
import { DateInput } from "~/components/date-input";
import { Button, ErrorSummary, HiddenFields, NotificationBanner } from "~/components/forms";
import { actorOf, runClerkWrite, type ClerkActionData } from "~/handlers/clerk-forms.server";
import { getClerkItem, releaseExemptItem, RELEASE_NOT_HELD, setExemptReview } from "~/models/meetings";
import { db } from "~/models/records";
import { formatDate } from "~/rules/dates.server";
import { meetingStatus } from "~/rules/meeting-status.server";
import { EXEMPT_PARAGRAPH_WORDING } from "~/rules/visibility.server";
import { dayField } from "~/utils/day-field";
import { formFields, formText, parseForm } from "~/utils/form-fields";
import { invalid, readForm } from "~/utils/forms.server";
import { idParam, invariantFound } from "~/utils/http.server";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(matches, data ? `Exemption: ${data.number}. ${data.title}` : "Exemption");
export const handle = { breadcrumbs: () => [{ label: "Clerk", to: "/clerk" }] };

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "update:agenda-item:any");
  const data = invariantFound(await getClerkItem(idParam(params)));
  const i = data.item;
  const done = new URL(request.url).searchParams.get("done");
  return json({
    itemId: i.id,
    number: data.number,
    title: i.title,
    isExempt: i.isExempt,
    paragraph: i.exemptParagraph,
    wording: i.exemptParagraph ? (EXEMPT_PARAGRAPH_WORDING[i.exemptParagraph] ?? null) : null,
    reason: i.exemptReason,
    reviewOn: i.exemptReviewOn ?? "",
    reviewOnText: i.exemptReviewOn ? formatDate(i.exemptReviewOn) : null,
    releasedOn: i.releasedAt ? formatDate(i.releasedAt) : null,
    meeting: { id: data.meeting.id, title: data.meeting.title, held: meetingStatus(data.meeting) === "held" },
    notHeld: RELEASE_NOT_HELD,
    notice: done === "review" ? "Review date saved." : done === "released" ? "The item has been released: its content is now public." : null,
  });
}

const reviewSchema = z.object({ reviewOn: dayField({ label: "Review date", optional: true }) });

export async function action({ request, params, context }: ActionFunctionArgs) {
  const viewer = await requirePermission(request, "update:agenda-item:any");
  const itemId = idParam(params);
  const actor = actorOf(viewer, context);
  const form = await readForm(request);
  const intent = formText(form, "intent");
  if (intent === "release") {
    const r = await runClerkWrite(context, intent, {}, () =>
      db().transaction((tx) => releaseExemptItem(tx, actor, itemId, form.getAll("confirm").includes("yes"))),
    );
    return r.ok ? redirect(`/clerk/items/${itemId}/exemption?done=released`, { status: 303 }) : r.response;
  }
  const values = formFields(form, ["reviewOn"]);
  const parsed = parseForm(reviewSchema, form);
  if (!parsed.ok) return invalid(context, { intent: "review", errors: parsed.errors, values });
  const r = await runClerkWrite(context, "review", values, () => db().transaction((tx) => setExemptReview(tx, actor, itemId, parsed.data.reviewOn)));
  return r.ok ? redirect(`/clerk/items/${itemId}/exemption?done=review`, { status: 303 }) : r.response;
}

export default function ClerkExemption() {
  const d = useLoaderData<typeof loader>();
  const data = useActionData<ClerkActionData>();
  const errors = data?.errors;
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary errors={errors} />
        {d.notice && <NotificationBanner success>{d.notice}</NotificationBanner>}
        <span className="govuk-caption-l">{d.meeting.title}</span>
        <h1 className="govuk-heading-l">
          Exemption: {d.number}. {d.title}
        </h1>
        {!d.isExempt ? (
          <p className="govuk-body">
            {d.releasedOn ? `This item was released on ${d.releasedOn} after review: its content is public.` : "This item is not exempt."}
          </p>
        ) : (
          <>
            <p className="govuk-body">
              Exempt under the Local Government Act 1972, Schedule 12A, paragraph {d.paragraph ?? "(not recorded)"}. {d.wording}
            </p>
            <p className="govuk-body">Public interest reason: {d.reason || "not recorded"}</p>
            <p className="govuk-body">The public sees the paragraph, the reason and the review date, never the content.</p>

            <Form method="post" noValidate>
              <h2 className="govuk-heading-m">When will the exemption be reviewed?</h2>
              <HiddenFields fields={[["intent", "review"]]} />
              <DateInput
                name="reviewOn"
                legend="Review date"
                hint="For example, 31 3 2027. Leave empty for no review date. The item appears on your dashboard from that day."
                defaultValue={data?.intent === "review" ? data.values.reviewOn : d.reviewOn}
                error={errors?.reviewOn}
              />
              <Button variant="secondary">Save review date</Button>
            </Form>

            <Form method="post" noValidate>
              <h2 className="govuk-heading-m">Release after review</h2>
              {d.meeting.held ? (
                <>
                  <p className="govuk-body">
                    Releasing makes the item's content public everywhere (its report, documents, minute, decisions and questions). The
                    item and meeting pages will then say when it was released after review. This is recorded in the audit log and cannot be
                    undone from here.
                  </p>
                  <HiddenFields fields={[["intent", "release"]]} />
                  <CheckboxGroup
                    name="confirm"
                    legend="Confirm the release"
                    options={[{ value: "yes", label: "The review found this item no longer needs to be exempt" }]}
                    checked={[]}
                    error={errors?.confirm}
                  />
                  <Button variant="warning">Release the item</Button>
                </>
              ) : (
                <p className="govuk-body">{d.notHeld}.</p>
              )}
            </Form>
          </>
        )}
        {errors?.form && <p className="govuk-error-message">{errors.form}</p>}
        <ul className="govuk-list">
          <li><Link className="govuk-link" to={`/clerk/items/${d.itemId}`}>Back to the item</Link></li>
        </ul>
      </div>
    </div>
  );
}
