/** The API's people (Popolo persons), with their memberships. */
import { and, asc, count, eq, inArray, sql } from "drizzle-orm";
import { db } from "../../../db.server";
import { personVisible } from "../../../rules/visibility.server";
import { refTable, refFields } from "../../../utils/refs.server";
import { apiDate } from "../../../rules/date-precision.server";
import { isoDay } from "../../../rules/dates.server";
import { termStatus } from "../../../rules/terms.server";
import { body, membership, MEMBERSHIP_ROLE_LABELS, person, personAttendance, personDeclarations } from "../../people/refs.server";
import { page, type ListParams } from "./envelope.server";
import { bodyIdFor, viewer } from "./shared.server";

const personColumns = refFields(person);
const membershipColumns = refFields(membership);
/** A person as the people refs offer them (their fields are typed loosely: the API only serialises them). */
type PersonRow = Record<keyof typeof personColumns, unknown>;

async function personOut(site: string, rows: PersonRow[]) {
  const ms = rows.length
    ? await db().select(membershipColumns).from(refTable(membership)).where(inArray(membership.personId, rows.map((r) => r.id as string)))
    : [];
  const bodies = ms.length
    ? await db().select({ id: body.id, name: body.name, slug: body.slug }).from(refTable(body)).where(inArray(body.id, [...new Set(ms.map((m) => m.bodyId as string))]))
    : [];
  const today = isoDay(new Date());
  const out = [];
  for (const p of rows) {
    const id = p.id as string;
    out.push({
      id: p.id,
      slug: p.slug,
      name: p.name,
      honorific_prefix: p.honorific,
      job_title: p.jobTitle,
      organization_id: p.organisationId,
      // Popolo memberships, each with its term: current, ended or future (app/rules/terms.server.ts).
      memberships: ms
        .filter((m) => m.personId === p.id)
        .map((m) => {
          const b = bodies.find((x) => x.id === m.bodyId);
          return {
            id: m.id,
            organization_id: m.bodyId,
            organization: b ? { id: b.id, name: b.name, slug: b.slug, url: `${site}/bodies/${b.slug}` } : null,
            role: m.role,
            label: MEMBERSHIP_ROLE_LABELS[m.role as string] ?? m.role,
            start_date: m.startOn,
            end_date: m.endOn,
            term_status: termStatus({ startOn: m.startOn as string | null, endOn: m.endOn as string | null }, today),
          };
        }),
      ...(await personRecord(site, id)),
      url: `${site}/people/${p.slug}`,
      api_url: `${site}/api/v1/people/${p.id}`,
    });
  }
  return out;
}

/**
 * What the person page shows of their record (app/models/people/person-pages.server.ts), as the
 * public sees it: attendance at each meeting with the figures per body and municipal year, and
 * the interests they declared on items the public sees in full.
 */
async function personRecord(site: string, personId: string) {
  const attendance = await personAttendance(viewer, personId);
  const declarations = await personDeclarations(viewer, personId);
  return {
    attendance: {
      summary: attendance.summary.map((s) => ({
        organization_id: s.bodyId,
        organization_name: s.bodyName,
        municipal_year: s.year,
        expected: s.expected,
        present: s.present,
        apologies: s.apologies,
        absent: s.absent,
        as_substitute: s.asSubstitute,
        percentage: s.percentage,
      })),
      meetings: attendance.meetings.map((a) => ({
        meeting_id: a.meetingId,
        meeting_name: a.meetingTitle,
        ...apiDate("start_date", a.startsAt, a.datePrecision),
        organization_id: a.bodyId,
        role: a.role,
        status: a.status,
        substitute_for: a.substituteFor,
        meeting_url: `${site}/meetings/${a.meetingSlug}`,
        meeting_api_url: `${site}/api/v1/meetings/${a.meetingId}`,
      })),
    },
    declarations: declarations.map((d) => ({
      agenda_item_id: d.agendaItemId,
      agenda_item_title: d.itemTitle,
      meeting_id: d.meetingId,
      meeting_name: d.meetingTitle,
      ...apiDate("start_date", d.startsAt, d.datePrecision),
      kind: d.kind,
      nature: d.nature,
      left_room: d.leftRoom,
      agenda_item_url: `${site}/agenda-items/${d.agendaItemId}`,
    })),
  };
}

export async function listPeopleApi(site: string, url: URL, p: ListParams) {
  const bodyId = await bodyIdFor(p.body);
  const where = and(
    personVisible(viewer),
    bodyId ? sql`exists (select 1 from ${refTable(membership)} where ${membership.personId} = ${person.id} and ${membership.bodyId} = ${bodyId})` : undefined,
  );
  const [{ total }] = await db().select({ total: count() }).from(refTable(person)).where(where);
  const rows = await db().select(personColumns).from(refTable(person)).where(where).orderBy(asc(person.name), asc(person.id)).limit(p.perPage).offset((p.page - 1) * p.perPage);
  return page(site, url, p, total, await personOut(site, rows));
}

export async function getPersonApi(site: string, id: string) {
  const rows = await db().select(personColumns).from(refTable(person)).where(and(eq(person.id, id), personVisible(viewer)));
  return rows.length ? (await personOut(site, rows))[0] : null;
}
