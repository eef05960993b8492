/**
 * Each organisation's response period for a board's recommendations (issue 17): whether
 * the statutory two-month duty applies (LGA 2000 s9FE/s9FF) and, where it does not, the
 * working days the board asks for. The period's range is checked by the oversight domain,
 * which also moves open recommendations' due days (setResponsePeriod).
 */
import { asc, eq, ne } from "drizzle-orm";
import { organisations } from "../../../db/schema/people";
import { db, type Executor } from "../../db.server";
import type { ResponsePeriod } from "../../rules/deadlines.server";

/** Organisations a board's recommendation can be addressed to: any but an inspectorate. */
export async function recommendationAddressees(executor: Executor = db()) {
  return executor
    .select({ id: organisations.id, name: organisations.name, statutoryResponseDuty: organisations.statutoryResponseDuty, responseWorkingDays: organisations.responseWorkingDays })
    .from(organisations)
    .where(ne(organisations.kind, "inspectorate"))
    .orderBy(asc(organisations.name));
}

export async function setOrganisationResponsePeriod(tx: Executor, organisationId: string, period: ResponsePeriod) {
  await tx
    .update(organisations)
    .set({ statutoryResponseDuty: period.statutory, responseWorkingDays: period.statutory ? null : period.workingDays, updatedAt: new Date() })
    .where(eq(organisations.id, organisationId));
}
