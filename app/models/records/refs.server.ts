/**
 * What other domains may read of the audit log, and how they join it (app/utils/refs.server.ts;
 * ADR 025): a record's history is read from here, never by naming the table elsewhere.
 */
import { getTableColumns } from "drizzle-orm";
import { auditLog } from "../../../db/schema/records";
import { tableRef } from "../../utils/refs.server";

/** Audit entries, joined from the record they are about: `auditEntryOf.on(action.id)` (add the entity type to the condition). */
export const auditEntryOf = tableRef(
  auditLog,
  (t) => {
    // The address a change came from is the audit's own: other domains do not read it.
    const { ipAddress: _ip, ...fields } = getTableColumns(t);
    return fields;
  },
  (t) => t.entityId,
);
