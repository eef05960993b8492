import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/permissions.server";
import { Pagination } from "~/components/pagination";
import { db } from "~/models/records";
import { headerLines, listOutbox, maskTokens, outboxShowsBodies } from "~/models/publishing";
import { pageCount, parsePage } from "~/utils/http.server";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "Outbox");

export const handle = { breadcrumbs: () => [{ label: "Administration", to: "/admin" }] };

const PAGE_SIZE = 25;

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "read:outbox:any");
  const page = parsePage(request.url);
  const { rows, total } = await listOutbox(db(), { page, pageSize: PAGE_SIZE });
  // Bodies hold one-time links: shown only on a trial machine without a mail server
  // (no SITE_URL, no SMTP_URL), never on a deployed site, and then with
  // every token masked (docs/decisions/011-outbox-masks-tokens.md).
  const showBodies = outboxShowsBodies();
  return json(
    {
      showBodies,
      page,
      pageCount: pageCount(total, PAGE_SIZE),
      total,
      emails: rows.map((r) => ({
        id: r.id,
        to: r.toAddress,
        subject: r.subject,
        body: showBodies ? maskTokens(r.body) : null,
        // A List-Unsubscribe header holds a link that works for anyone: its value
        // is shown only where bodies are, masked as they are.
        headers: showBodies ? headerLines(r.headers).map(maskTokens) : Object.keys(r.headers),
        createdAt: r.createdAt.toISOString(),
        sentAt: r.sentAt?.toISOString() ?? null,
        attempts: r.attempts,
        lastError: r.lastError,
      })),
    },
    { headers: { "Cache-Control": "no-store" } },
  );
}

const dateTime = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "Europe/London" });

export default function Outbox() {
  const data = useLoaderData<typeof loader>();
  return (
    <>
      <h1 className="govuk-heading-l">Outbox</h1>
      <p className="govuk-body">
        Every email the portal sends goes through the outbox.{" "}
        {data.showBodies
          ? "No mail server is set up (SMTP_URL), so emails wait here unsent, shown with their links' tokens hidden: only the person an email went to can use its link. The server log notes each one by recipient and subject."
          : "Email contents are not shown here: they can hold one-time links to set a password."}
      </p>
      <p className="govuk-body">
        {data.total} {data.total === 1 ? "email" : "emails"}
      </p>
      {data.emails.map((e) => (
        <div key={e.id} className="govuk-summary-card">
          <div className="govuk-summary-card__title-wrapper">
            <h2 className="govuk-summary-card__title">{e.subject}</h2>
          </div>
          <div className="govuk-summary-card__content">
            <dl className="govuk-summary-list">
              <div className="govuk-summary-list__row">
                <dt className="govuk-summary-list__key">To</dt>
                <dd className="govuk-summary-list__value">{e.to}</dd>
              </div>
              <div className="govuk-summary-list__row">
                <dt className="govuk-summary-list__key">Queued</dt>
                <dd className="govuk-summary-list__value">{dateTime.format(new Date(e.createdAt))}</dd>
              </div>
              <div className="govuk-summary-list__row">
                <dt className="govuk-summary-list__key">Status</dt>
                <dd className="govuk-summary-list__value">
                  {e.sentAt
                    ? `Sent ${dateTime.format(new Date(e.sentAt))}`
                    : e.attempts > 0
                      ? `Not sent after ${e.attempts} ${e.attempts === 1 ? "attempt" : "attempts"}${e.lastError ? `: ${e.lastError}` : ""}`
                      : "Waiting"}
                </dd>
              </div>
              {e.headers.length > 0 && (
                <div className="govuk-summary-list__row">
                  <dt className="govuk-summary-list__key">Headers</dt>
                  <dd className="govuk-summary-list__value">
                    <pre className="portal-audit-values">{e.headers.join("\n")}</pre>
                  </dd>
                </div>
              )}
              {e.body !== null && (
                <div className="govuk-summary-list__row">
                  <dt className="govuk-summary-list__key">Message</dt>
                  <dd className="govuk-summary-list__value">
                    <pre className="portal-audit-values">{e.body}</pre>
                  </dd>
                </div>
              )}
            </dl>
          </div>
        </div>
      ))}
      <Pagination
        page={data.page}
        pageCount={data.pageCount}
        href={(p) => (p > 1 ? `/admin/outbox?page=${p}` : "/admin/outbox")}
      />
    </>
  );
}
