import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Button, ErrorSummary } from "~/components/forms";
import { db } from "~/models/records";
import { eraseFollowerData, findByManageToken, followerData } from "~/models/publishing";
import { formatDateTime } from "~/rules/dates.server";
import type { FieldErrors } from "~/utils/form-fields";
import { formText, invalid, readForm } from "~/utils/forms.server";
import { notFound } from "~/utils/http.server";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "Everything we hold about you");

const PRIVATE = { "Cache-Control": "no-store", "Referrer-Policy": "no-referrer" };

/**
 * A follower's own data, from the manage link in each e-mail (the token is the guard):
 * see it, download it (data.json beside this page), delete it
 * (docs/decisions/031-peoples-data-and-retention.md).
 */
export async function loader({ params }: LoaderFunctionArgs) {
  const token = params.token ?? "";
  const sub = await findByManageToken(db(), token);
  if (!sub) notFound("This link is not valid.");
  const data = await followerData(db(), sub.email);
  const when = (iso: string | null) => (iso ? formatDateTime(new Date(iso)) : null);
  return json(
    {
      token,
      email: data.email,
      follows: data.follows.map((f) => ({ ...f, asked: when(f.askedAt), confirmed: when(f.confirmedAt), stopped: when(f.stoppedAt) })),
      emails: data.emails.map((e) => ({ ...e, queued: when(e.queuedAt), sent: when(e.sentAt) })),
    },
    { headers: PRIVATE },
  );
}

export async function action({ params, request, context }: ActionFunctionArgs) {
  const sub = await findByManageToken(db(), params.token ?? "");
  if (!sub) notFound("This link is not valid.");
  const form = await readForm(request);
  if (formText(form, "confirm") !== "yes") {
    const errors: FieldErrors = { confirm: "Tick the box to say you want everything we hold about you deleted" };
    return invalid(context, { errors });
  }
  await db().transaction((tx) => eraseFollowerData(tx, sub.email, { userId: null, ipAddress: context?.clientIp ?? null }));
  return redirect("/privacy?deleted", { status: 303 });
}

export default function FollowerData() {
  const { token, email, follows, emails } = useLoaderData<typeof loader>();
  const result = useActionData<{ errors: FieldErrors }>();
  const error = result?.errors.confirm;
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-full">
        <ErrorSummary errors={result?.errors} />
        <h1 className="govuk-heading-l">Everything we hold about you</h1>
        <p className="govuk-body">
          This is all the portal keeps about the e-mail address {email}: what it follows and the e-mails sent to it. Why we
          keep it and for how long: <Link className="govuk-link" to="/privacy">privacy notice</Link>.
        </p>
        <p className="govuk-body">
          <a className="govuk-link" href={`/follow/manage/${token}/data.json`} download="your-data.json">
            Download it (JSON)
          </a>
        </p>

        <table className="govuk-table">
          <caption className="govuk-table__caption govuk-table__caption--m">What you follow, or asked to follow</caption>
          <thead className="govuk-table__head">
            <tr className="govuk-table__row">
              <th scope="col" className="govuk-table__header">What</th>
              <th scope="col" className="govuk-table__header">Asked</th>
              <th scope="col" className="govuk-table__header">Confirmed</th>
              <th scope="col" className="govuk-table__header">Stopped</th>
            </tr>
          </thead>
          <tbody className="govuk-table__body">
            {follows.map((f) => (
              <tr key={f.id} className="govuk-table__row">
                <td className="govuk-table__cell">
                  {f.path ? <Link className="govuk-link" to={f.path}>{f.title}</Link> : f.title} ({f.kind})
                </td>
                <td className="govuk-table__cell">{f.asked}</td>
                <td className="govuk-table__cell">{f.confirmed ?? "Not confirmed"}</td>
                <td className="govuk-table__cell">{f.stopped ?? "Still following"}</td>
              </tr>
            ))}
          </tbody>
        </table>

        <h2 className="govuk-heading-m">E-mails to you</h2>
        {emails.length === 0 ? (
          <p className="govuk-body">We hold no e-mails to you (sent e-mails are deleted after the time the privacy notice gives).</p>
        ) : (
          emails.map((e) => (
            <details key={e.id} className="govuk-details">
              <summary className="govuk-details__summary">
                <span className="govuk-details__summary-text">
                  {e.subject} ({e.sent ? `sent ${e.sent}` : `not sent yet, written ${e.queued}`})
                </span>
              </summary>
              <div className="govuk-details__text">
                <p className="govuk-body-s">The links in it are hidden here: they are yours alone.</p>
                <pre className="portal-pre">{e.text}</pre>
              </div>
            </details>
          ))
        )}

        <h2 className="govuk-heading-m">Delete everything</h2>
        <p className="govuk-body">
          This deletes what you follow, the e-mails to {email} we still hold and this address itself. We will send nothing
          more, and no link in an e-mail we sent you will work. It cannot be undone.
        </p>
        <Form method="post" noValidate>
          <div className={`govuk-form-group${error ? " govuk-form-group--error" : ""}`}>
            {error && (
              <p id="confirm-error" className="govuk-error-message">
                <span className="govuk-visually-hidden">Error:</span> {error}
              </p>
            )}
            <div className="govuk-checkboxes" data-module="govuk-checkboxes">
              <div className="govuk-checkboxes__item">
                <input className="govuk-checkboxes__input" id="confirm" name="confirm" type="checkbox" value="yes" aria-describedby={error ? "confirm-error" : undefined} />
                <label className="govuk-label govuk-checkboxes__label" htmlFor="confirm">
                  Delete everything you hold about {email}
                </label>
              </div>
            </div>
          </div>
          <Button variant="warning">Delete everything</Button>
        </Form>
      </div>
    </div>
  );
}
