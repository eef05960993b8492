/**
 * "View history": a link from any record's page to its rows in the audit log,
 * shown only to people who may read the log. Place it on a record's page with
 * `<AuditHistoryLink entityType="meeting" entityId={meeting.id} />`.
 */
import { Link } from "@remix-run/react";
import { useCan } from "~/auth/use-can";

export function auditHref(entityType: string, entityId: string): string {
  return `/admin/audit?${new URLSearchParams({ entityType, entityId }).toString()}`;
}

export function AuditHistoryLink({
  entityType,
  entityId,
  children = "View history",
}: {
  entityType: string;
  entityId: string;
  children?: string;
}) {
  const can = useCan();
  if (!can("read:audit:any")) return null;
  return (
    <p className="govuk-body-s portal-no-print">
      <Link className="govuk-link" to={auditHref(entityType, entityId)}>
        {children}
      </Link>
    </p>
  );
}
