import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { requirePermission } from "~/auth/permissions.server";
import { Button, ErrorSummary, NotificationBanner } from "~/components/forms";
import { Pagination } from "~/components/pagination";
import { sendPendingEmailsQuietly } from "~/models/publishing";
import { chaseRecords, countsByOrganisation, lastChasedOn, listActions, listQuestions, parseChaseTarget, type ChaseResult } from "~/models/questions";
import { chaseDay } from "~/rules/chase.server";
import { formatDate } from "~/rules/dates.server";
import { invalid, readForm } from "~/utils/forms.server";
import { PAGE_SIZE, pageCount, parsePage } from "~/utils/http.server";
import { pageTitle } from "~/utils/meta";
import { actorFor } from "~/handlers/question-action.server";
import { ChaseTable, SelectionError, type ChaseRow } from "./chase-tables";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "Chase list");
export const handle = { breadcrumbs: () => [{ label: "Home", to: "/" }] };

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requirePermission(request, "update:question:any");
  const url = new URL(request.url);
  const page = parsePage(url);
  const actionsPage = parsePage(url, "actionsPage");
  const { questions } = await listQuestions(viewer, { page: 1, all: true, filters: { overdue: true, sort: "late" } });
  const { actions } = await listActions(viewer, { page: 1, all: true, filters: { overdue: true, sort: "late" } });
  const submitted = (await listQuestions(viewer, { page: 1, all: true, filters: { status: "submitted" } })).total;
  const shownQuestions = questions.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);
  const shownActions = actions.slice((actionsPage - 1) * PAGE_SIZE, actionsPage * PAGE_SIZE);
  const chased = await lastChasedOn(shownQuestions.map((q) => q.id), shownActions.map((a) => a.id));
  const today = chaseDay(new Date());
  const last = (key: string) => ({ lastChased: chased.has(key) ? formatDate(chased.get(key)!) : null, chasedToday: chased.get(key) === today });
  return json({
    counts: countsByOrganisation(questions, actions),
    submitted,
    questions: shownQuestions.map((q): ChaseRow => ({ key: `question:${q.id}`, href: `/questions/${q.id}`, text: q.text, who: q.addressedTo, due: q.due, daysLate: q.daysLate, ...last(`question:${q.id}`) })),
    questionsTotal: questions.length,
    page,
    pageCount: pageCount(questions.length),
    actions: shownActions.map((a): ChaseRow => ({ key: `action:${a.id}`, href: `/actions/${a.id}`, text: a.description, who: [a.owner, a.organisation].filter(Boolean).join(", "), due: a.due, daysLate: a.daysLate, ...last(`action:${a.id}`) })),
    actionsTotal: actions.length,
    actionsPage,
    actionsPageCount: pageCount(actions.length),
  });
}

const NOTHING_CHOSEN = "Select at least one question or action to send a reminder about";

type ActionData = { intent: "chase"; errors: Record<string, string>; values: { records: string[] }; results?: ChaseResult[] };

export async function action({ request, context }: ActionFunctionArgs) {
  const viewer = await requirePermission(request, "update:question:any");
  const form = await readForm(request);
  const one = form.get("one");
  const records = form.getAll("records").map(String);
  const values = { records };
  const chosen = typeof one === "string" && one ? [one] : records;
  const targets = chosen.map(parseChaseTarget);
  if (targets.length === 0) return invalid(context, { intent: "chase", errors: { records: NOTHING_CHOSEN }, values });
  if (targets.some((t) => t === null)) return invalid(context, { intent: "chase", errors: { records: "Select questions and actions from the list" }, values });
  const results = await chaseRecords(actorFor(request, context, viewer), targets.filter((t) => t !== null));
  await sendPendingEmailsQuietly();
  const sent = results.filter((r) => r.outcome === "sent").length;
  if (sent === results.length) return redirect(`/clerk/chase?sent=${sent}`, { status: 303 });
  const refused = results.filter((r) => r.outcome === "closed" || r.outcome === "not_found");
  const errors: Record<string, string> = {};
  refused.forEach((r, i) => {
    errors[`refused-${i}`] = r.outcome === "closed" ? `No reminder sent about "${r.label}": it is already closed` : "A question or action chosen was not found: no reminder sent";
  });
  const payload: ActionData = { intent: "chase", errors, values: { records: [] }, results };
  return refused.length ? invalid(context, payload, 409) : json(payload);
}

function Outcome({ results }: { results: ChaseResult[] }) {
  const sent = results.filter((r) => r.outcome === "sent");
  const again = results.filter((r) => r.outcome === "already_today");
  if (sent.length === 0 && again.length === 0) return null;
  return (
    <NotificationBanner success={again.length === 0}>
      {sent.length > 0 && <p className="govuk-notification-banner__heading">{sent.length === 1 ? "1 reminder sent" : `${sent.length} reminders sent`}</p>}
      {again.length > 0 && (
        <>
          <p className="govuk-body">Already chased today, so not sent again:</p>
          <ul className="govuk-list govuk-list--bullet">
            {again.map((r) => (
              <li key={`${r.kind}:${r.id}`}>{r.label}</li>
            ))}
          </ul>
        </>
      )}
    </NotificationBanner>
  );
}

export default function ChaseList() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<ActionData>();
  const [params] = useSearchParams();
  const sent = Number(params.get("sent") ?? 0);
  const selectionError = actionData?.errors.records;
  const checked = actionData?.values.records ?? [];
  const errorKeys = Object.keys(actionData?.errors ?? {}).filter((k) => k !== "records");
  const firstKey = data.questions[0] ? "questions" : data.actions[0] ? "actions" : null;
  return (
    <>
      <ErrorSummary errors={actionData?.errors} unlinked={errorKeys} />
      {actionData?.results && <Outcome results={actionData.results} />}
      {!actionData && sent > 0 && (
        <NotificationBanner success>
          <p className="govuk-notification-banner__heading">
            {sent === 1 ? "1 reminder sent" : `${sent} reminders sent`}: each is recorded on the question's or action's timeline
          </p>
        </NotificationBanner>
      )}
      <h1 className="govuk-heading-xl">Chase list</h1>
      <p className="govuk-body">
        Overdue questions and actions, most days late first. {data.submitted === 1 ? "1 question is" : `${data.submitted} questions are`} waiting
        to be accepted: <Link className="govuk-link" to="/questions?status=submitted">see them</Link>.
      </p>
      <p className="govuk-body">
        A reminder is an e-mail to whoever must answer (the organisation's officers, or the action's owner), recorded on the
        record's timeline. Each record is chased at most once a day.
      </p>
      <h2 className="govuk-heading-l">Overdue by organisation</h2>
      {data.counts.length === 0 ? (
        <p className="govuk-body">Nothing is overdue.</p>
      ) : (
        <table className="govuk-table">
          <caption className="govuk-table__caption govuk-visually-hidden">Overdue questions and actions per organisation</caption>
          <thead className="govuk-table__head">
            <tr className="govuk-table__row">
              <th scope="col" className="govuk-table__header">Organisation</th>
              <th scope="col" className="govuk-table__header govuk-table__header--numeric">Overdue questions</th>
              <th scope="col" className="govuk-table__header govuk-table__header--numeric">Overdue actions</th>
            </tr>
          </thead>
          <tbody className="govuk-table__body">
            {data.counts.map((c) => (
              <tr key={c.organisation} className="govuk-table__row">
                <th scope="row" className="govuk-table__header">{c.organisation}</th>
                <td className="govuk-table__cell govuk-table__cell--numeric">{c.questions}</td>
                <td className="govuk-table__cell govuk-table__cell--numeric">{c.actions}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Form method="post" noValidate>
        <div className={`govuk-form-group${selectionError ? " govuk-form-group--error" : ""}`}>
          <SelectionError error={selectionError} />
          <h2 className="govuk-heading-l">Overdue questions ({data.questionsTotal})</h2>
          <ChaseTable rows={data.questions} caption="Overdue questions, most days late first" checked={checked} firstId={firstKey === "questions" ? "records" : null} what="question" />
          <Pagination page={data.page} pageCount={data.pageCount} href={(p) => `/clerk/chase?page=${p}&actionsPage=${data.actionsPage}`} />
          <h2 className="govuk-heading-l">Overdue actions ({data.actionsTotal})</h2>
          <ChaseTable rows={data.actions} caption="Overdue actions, most days late first" checked={checked} firstId={firstKey === "actions" ? "records" : null} what="action" />
          <Pagination page={data.actionsPage} pageCount={data.actionsPageCount} href={(p) => `/clerk/chase?page=${data.page}&actionsPage=${p}`} />
        </div>
        {(data.questions.length > 0 || data.actions.length > 0) && <Button>Send reminders to the selected</Button>}
      </Form>
    </>
  );
}
