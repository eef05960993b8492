/**
 * Bodies and people: the inspectorate, and for each place its council, children's
 * trust and partner with their officers and priorities; the bodies, with members
 * in four-year cohorts.
 */
import { BODY_TYPES, OFFICER_TITLES, PLACES, PRIORITY_TITLES, SYNTHETIC_NOTE, SYNTHETIC_SLUG_PREFIX, type TextContext } from "../vocabulary";
import type { Synth } from "./context";
import { addDays, isoDay, slugify } from "./helpers";

export interface Organisation {
  id: string;
  name: string;
  officers: string[];
  chiefExecutive: string;
}

export interface Place {
  name: string;
  slug: string;
  council: Organisation;
  trust: Organisation;
  partner: Organisation;
  priorities: string[];
  /** Inspection recommendations, oldest first, with the date their report was published. */
  recommendations: { id: string; publishedOn: Date }[];
  ctx: TextContext;
}

export interface Cohort {
  from: Date;
  to: Date;
  members: string[];
  names: string[];
}

export interface Body {
  id: string;
  slug: string;
  name: string;
  place: Place;
  hour: number;
  cohorts: Cohort[];
}

export function writeBodiesAndPeople(synth: Synth) {
  const { structure, text, uuid, row, t, anchor: ANCHOR, bodies: BODIES, start, end, created, personName } = synth;
  let personSeq = 0;
  const person = (name: string, honorific: string | null, jobTitle: string | null, organisationId: string | null) => {
    const id = uuid();
    personSeq++;
    row("people", [id, `${SYNTHETIC_SLUG_PREFIX}person-${String(personSeq).padStart(5, "0")}`, name, honorific, jobTitle, organisationId, created, created]);
    return id;
  };
  const organisation = (slug: string, name: string, kind: string, officerCount: number): Organisation => {
    const id = uuid();
    row("organisations", [id, slug, name, kind, SYNTHETIC_NOTE, created, created]);
    const officers: string[] = [];
    for (let i = 0; i < officerCount; i++) {
      const title = kind === "trust" || i === 0 ? OFFICER_TITLES[i % OFFICER_TITLES.length] : "Officer";
      officers.push(person(personName(), null, title, id));
    }
    return { id, name, officers, chiefExecutive: officers[0] };
  };

  const inspectorate = organisation(`${SYNTHETIC_SLUG_PREFIX}inspectorate`, "Synthetic Inspectorate of Children's Services", "inspectorate", 6);
  const placeCount = Math.ceil(BODIES / 5);
  const places: Place[] = [];
  for (let i = 0; i < placeCount; i++) {
    const name = i < PLACES.length ? PLACES[i] : `${PLACES[i % PLACES.length]} ${Math.floor(i / PLACES.length) + 1}`;
    const slug = slugify(name);
    const council = organisation(`${SYNTHETIC_SLUG_PREFIX}${slug}-council`, `Synthetic ${name} Borough Council`, "council", 8);
    const trust = organisation(`${SYNTHETIC_SLUG_PREFIX}${slug}-childrens-trust`, `Synthetic ${name} Children's Trust`, "trust", 20);
    const partner = organisation(`${SYNTHETIC_SLUG_PREFIX}${slug}-icb`, `Synthetic ${name} Integrated Care Board`, "partner", 4);
    const ctx: TextContext = { place: name, trust: trust.name, council: council.name, year: ANCHOR.getUTCFullYear() };
    const priorities = PRIORITY_TITLES.map((title, position) => {
      const id = uuid();
      row("priorities", [
        id,
        `${SYNTHETIC_SLUG_PREFIX}${slug}-${slugify(title)}`,
        title,
        t(text.paragraph(ctx, 40)),
        trust.id,
        "Director of Practice",
        position,
        SYNTHETIC_NOTE,
        created,
        created,
      ]);
      return id;
    });
    places.push({ name, slug, council, trust, partner, priorities, recommendations: [], ctx });
  }

  const bodies: Body[] = [];
  for (let i = 0; i < BODIES; i++) {
    const place = places[Math.floor(i / 5)];
    const type = BODY_TYPES[i % 5];
    const id = uuid();
    const name = `Synthetic ${place.name} ${type.name}`;
    const slug = `${SYNTHETIC_SLUG_PREFIX}${place.slug}-${slugify(type.name)}`;
    row("bodies", [
      id,
      slug,
      name,
      type.kind,
      `A synthetic ${type.name.toLowerCase()} of ${place.council.name}, scrutinising ${place.trust.name}. ${SYNTHETIC_NOTE}`,
      place.council.id,
      SYNTHETIC_NOTE,
      20,
      created,
      created,
    ]);
    // Members serve four-year terms: a new cohort every four years.
    const cohorts: Cohort[] = [];
    for (let from = start; from.getTime() < end.getTime(); from = addDays(from, 4 * 365)) {
      const to = addDays(from, 4 * 365 - 1);
      const members: string[] = [];
      const names: string[] = [];
      const size = structure.int(8, 11);
      for (let m = 0; m < size; m++) {
        const coOpted = m === size - 1;
        const name = personName();
        const pid = person(name, coOpted ? null : "Councillor", null, coOpted ? null : place.council.id);
        const role = m === 0 ? "chair" : m === 1 ? "vice_chair" : coOpted ? "co_opted" : "member";
        const last = addDays(from, 4 * 365).getTime() >= end.getTime();
        row("memberships", [uuid(), pid, id, role, isoDay(from), last ? null : isoDay(to), from]);
        members.push(pid);
        names.push(`${coOpted ? "" : "Councillor "}${name}`);
      }
      cohorts.push({ from, to, members, names });
    }
    row("memberships", [uuid(), place.council.officers[0], id, "officer", isoDay(start), null, start]);
    bodies.push({ id, slug, name, place, hour: structure.chance(0.6) ? 18 : 10, cohorts });
  }
  return { inspectorate, places, bodies };
}

/** The members serving on a body on a day. */
export const cohortAt = (body: Body, d: Date) =>
  body.cohorts.find((c) => d.getTime() >= c.from.getTime() && d.getTime() <= c.to.getTime()) ??
  body.cohorts[body.cohorts.length - 1];
