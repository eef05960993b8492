import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { ACCOUNT_ROLES, isRole, ROLE_HINTS, ROLE_LABELS } from "~/auth/permissions";
import { requirePermission } from "~/auth/permissions.server";
import { AuditHistoryLink } from "~/components/audit-link";
import { Button, ErrorSummary, NotificationBanner, Radios, Select } from "~/components/forms";
import { db } from "~/models/records";
import { outboxShowsBodies, sendPendingEmailsQuietly } from "~/models/publishing";
import {
  AccountError,
  accountChoices,
  changeRole,
  findUserById,
  getUserDetail,
  issueToken,
  resetTwoStep,
  setDisabled,
  twoStepStatus,
} from "~/models/people";
import { queueEmail } from "~/models/publishing";
import { idParam, invariantFound } from "~/utils/http.server";
import { formText, invalid, readForm, type FieldErrors } from "~/utils/forms.server";
import { pageTitle } from "~/utils/meta";
import { siteUrl } from "~/utils/site-url.server";
import { getEnv } from "~/env.server";

export const meta: MetaFunction<typeof loader> = ({ matches, data }) => pageTitle(matches, data?.user.name ?? "Account");

export const handle = {
  breadcrumbs: () => [
    { label: "Administration", to: "/admin" },
    { label: "Accounts", to: "/admin/users" },
  ],
};

const NOTICES: Record<string, string> = {
  invited: "Invitation sent.",
  reinvited: "A new invitation has been sent. The earlier link no longer works.",
  roleChanged: "Role changed.",
  disabled: "Account disabled. Every session of the account has ended.",
  enabled: "Account enabled.",
  twoStepReset: "Two-step verification has been reset. Every session of the account has ended.",
};

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requirePermission(request, "manage:user:any");
  const user = invariantFound(await getUserDetail(db(), idParam(params)));
  const url = new URL(request.url);
  const noticeKey = Object.keys(NOTICES).find((k) => url.searchParams.has(k));
  return json({
    user: { ...user, createdAt: user.createdAt.toISOString() },
    isSelf: user.id === viewer.userId,
    choices: await accountChoices(db()),
    twoStep: await twoStepStatus(db(), user),
    notice: noticeKey ? NOTICES[noticeKey] : null,
    outboxShowsBodies: outboxShowsBodies(),
  });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const viewer = await requirePermission(request, "manage:user:any");
  const target = invariantFound(await findUserById(db(), idParam(params)));
  const form = await readForm(request);
  const intent = formText(form, "intent");
  const actor = { userId: viewer.userId, ipAddress: context?.clientIp ?? null };
  const back = (notice: string) => redirect(`/admin/users/${target.id}?${notice}`, { status: 303 });
  try {
    if (intent === "change-role") {
      const role = formText(form, "role");
      if (!isRole(role)) return invalid(context, { errors: { role: "Select a role" } as FieldErrors });
      const organisationId = formText(form, "organisationId") || null;
      await db().transaction((tx) => changeRole(tx, actor, target.id, { role, organisationId }));
      return back("roleChanged");
    }
    if (intent === "disable" || intent === "enable") {
      await db().transaction((tx) => setDisabled(tx, actor, target.id, intent === "disable"));
      return back(intent === "disable" ? "disabled" : "enabled");
    }
    if (intent === "reset-two-step") {
      if (target.id === viewer.userId) {
        return invalid(context, { errors: { twoStep: "Reset your own two-step verification from your account page" } as FieldErrors });
      }
      await db().transaction((tx) => resetTwoStep(tx, actor, target.id));
      return back("twoStepReset");
    }
    if (intent === "resend-invite") {
      if (target.passwordHash || target.disabledAt) {
        return invalid(context, { errors: { invite: "This account has already been set up" } as FieldErrors });
      }
      await db().transaction(async (tx) => {
        const token = await issueToken(tx, actor, target.id, "invite");
        await queueEmail(
          tx,
          {
            to: target.email,
            subject: `You have been invited to the ${getEnv().SITE_NAME}`,
            body: [
              `Hello ${target.name},`,
              "",
              `Here is a new link to choose the password of your account on the ${getEnv().SITE_NAME}. It works once, for 7 days:`,
              `${siteUrl()}/invite/${token}`,
              "",
              "If you were not expecting this email, you can ignore it.",
            ].join("\n"),
          },
          actor,
        );
      });
      await sendPendingEmailsQuietly();
      return back("reinvited");
    }
  } catch (error) {
    if (error instanceof AccountError) return invalid(context, { errors: { [error.field]: error.message } as FieldErrors });
    throw error;
  }
  return invalid(context, { errors: { intent: "Choose what to do" } as FieldErrors });
}

export default function AdminUser() {
  const { user, isSelf, choices, notice, outboxShowsBodies, twoStep } = useLoaderData<typeof loader>();
  const actionData = useActionData<{ errors: FieldErrors }>();
  const errors = actionData?.errors;
  const status = user.disabledAt ? "Disabled" : user.hasPassword ? "Active" : "Invited: has not chosen a password yet";
  return (
    <>
      <ErrorSummary errors={errors} />
      {notice && !errors && (
        <NotificationBanner success>
          <p className="govuk-notification-banner__heading">{notice}</p>
          {outboxShowsBodies && (notice === NOTICES.invited || notice === NOTICES.reinvited) && (
            <p className="govuk-body">
              No mail server is set up (SMTP_URL): the email waits in the{" "}
              <a className="govuk-notification-banner__link" href="/admin/outbox">
                outbox
              </a>{" "}
              with its link hidden. To try an invitation on this machine, create the account with{" "}
              <code>npm run user:create</code>, which prints the link.
            </p>
          )}
        </NotificationBanner>
      )}
      <span className="govuk-caption-l">Account</span>
      <h1 className="govuk-heading-l">{user.name}</h1>
      <dl className="govuk-summary-list">
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">Email address</dt>
          <dd className="govuk-summary-list__value">{user.email}</dd>
        </div>
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">Role</dt>
          <dd className="govuk-summary-list__value">{ROLE_LABELS[user.role]}</dd>
        </div>
        {user.organisation && (
          <div className="govuk-summary-list__row">
            <dt className="govuk-summary-list__key">Organisation</dt>
            <dd className="govuk-summary-list__value">{user.organisation.name}</dd>
          </div>
        )}
        {user.bodies.length > 0 && (
          <div className="govuk-summary-list__row">
            <dt className="govuk-summary-list__key">Boards and committees</dt>
            <dd className="govuk-summary-list__value">{user.bodies.map((b) => b.name).join(", ")}</dd>
          </div>
        )}
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">Status</dt>
          <dd className="govuk-summary-list__value">{status}</dd>
        </div>
      </dl>
      <AuditHistoryLink entityType="user" entityId={user.id}>
        View this account's history
      </AuditHistoryLink>

      {isSelf ? (
        <p className="govuk-inset-text">
          This is your own account. Another administrator can change its role or disable it.
        </p>
      ) : (
        <>
          <h2 className="govuk-heading-m">Change role</h2>
          <Form method="post" noValidate>
            <input type="hidden" name="intent" value="change-role" />
            <Radios
              name="role"
              legend="Role"
              small
              options={ACCOUNT_ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r], hint: ROLE_HINTS[r] }))}
              defaultValue={user.role}
              error={errors?.role}
            />
            <Select
              name="organisationId"
              label="Organisation (officers)"
              placeholder="Select an organisation"
              options={choices.organisations.map((o) => ({ value: o.id, label: o.name }))}
              defaultValue={user.organisationId ?? ""}
              error={errors?.organisationId}
            />
            <Button variant="secondary">Change role</Button>
          </Form>

          {!user.hasPassword && !user.disabledAt && (
            <>
              <h2 className="govuk-heading-m">Invitation</h2>
              {errors?.invite && (
                <p id="invite" className="govuk-error-message">
                  <span className="govuk-visually-hidden">Error:</span> {errors.invite}
                </p>
              )}
              <Form method="post">
                <input type="hidden" name="intent" value="resend-invite" />
                <Button variant="secondary">Send a new invitation</Button>
              </Form>
            </>
          )}

          <h2 className="govuk-heading-m">Two-step verification</h2>
          <p className="govuk-body">
            {twoStep.enabled ? "On" : "Not set up"}
            {twoStep.required ? ". Required for this role by the portal's settings." : "."}
          </p>
          {errors?.twoStep && (
            <p id="twoStep" className="govuk-error-message">
              <span className="govuk-visually-hidden">Error:</span> {errors.twoStep}
            </p>
          )}
          {twoStep.enabled && (
            <Form method="post">
              <input type="hidden" name="intent" value="reset-two-step" />
              <p className="govuk-body">
                Resetting removes the person&apos;s authenticator app and recovery codes and signs them out everywhere.
                Do this only when you are sure who is asking (for example, they have lost their phone).
              </p>
              <Button variant="warning">Reset two-step verification</Button>
            </Form>
          )}

          <h2 className="govuk-heading-m">{user.disabledAt ? "Enable account" : "Disable account"}</h2>
          {errors?.disabled && (
            <p id="disabled" className="govuk-error-message">
              <span className="govuk-visually-hidden">Error:</span> {errors.disabled}
            </p>
          )}
          <Form method="post">
            <input type="hidden" name="intent" value={user.disabledAt ? "enable" : "disable"} />
            {user.disabledAt ? (
              <Button variant="secondary">Enable account</Button>
            ) : (
              <>
                <p className="govuk-body">Disabling an account signs the person out everywhere and stops them signing in.</p>
                <Button variant="warning">Disable account</Button>
              </>
            )}
          </Form>
        </>
      )}
    </>
  );
}
