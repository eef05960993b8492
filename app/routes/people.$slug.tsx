import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { getViewer } from "~/auth/viewer.server";
import { DateText, SourceNote } from "~/components/notes";
import { Pagination } from "~/components/pagination";
import { QuestionTable } from "~/components/question-tables";
import { getPublicPerson, personAttendance, personDeclarations, personRoles } from "~/models/people";
import { listQuestions } from "~/models/questions";
import { formatDate } from "~/rules/dates.server";
import { invariantFound, pageCount, parsePage } from "~/utils/http.server";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(matches, data?.person.name ?? "Person");
export const handle = {
  breadcrumbs: () => [
    { label: "Home", to: "/" },
    { label: "People", to: "/people" },
  ],
};

const STATUS_LABELS = { present: "Present", apologies: "Apologies", absent: "Absent" } as const;
const KIND_LABELS = { pecuniary: "Disclosable pecuniary interest", other: "Other interest" } as const;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await getViewer(request);
  const person = invariantFound(await getPublicPerson(viewer, params.slug ?? ""));
  const page = parsePage(request.url);
  const [roles, attendance, declarations, asked] = await Promise.all([
    personRoles(person.id),
    personAttendance(viewer, person.id),
    personDeclarations(viewer, person.id),
    listQuestions(viewer, { page, askedById: person.id }),
  ]);
  return json({
    person: {
      slug: person.slug,
      name: person.name,
      honorific: person.honorific,
      jobTitle: person.jobTitle,
      organisation: person.organisation,
      sourceNote: person.sourceNote,
    },
    roles: roles.map((r) => ({
      ...r,
      term: [r.startOn ? `from ${formatDate(r.startOn)}` : "", r.endOn ? `to ${formatDate(r.endOn)}` : ""].filter(Boolean).join(" ") || "term not recorded",
    })),
    attendance,
    declarations,
    questions: asked.questions,
    questionTotal: asked.total,
    page,
    pageCount: pageCount(asked.total),
  });
}

export default function PersonPage() {
  const data = useLoaderData<typeof loader>();
  const { person } = data;
  const current = data.roles.filter((r) => r.current);
  const past = data.roles.filter((r) => !r.current);
  return (
    <>
      {person.honorific && <span className="govuk-caption-l">{person.honorific}</span>}
      <h1 className="govuk-heading-xl">{person.name}</h1>
      {(person.jobTitle || person.organisation) && (
        <p className="govuk-body-l">{[person.jobTitle, person.organisation].filter(Boolean).join(", ")}</p>
      )}
      <SourceNote note={person.sourceNote} title="Where the sources name them" />

      <h2 className="govuk-heading-l">Roles</h2>
      {data.roles.length === 0 ? (
        <p className="govuk-body">The record holds no role on a board or committee for {person.name}.</p>
      ) : (
        <>
          {current.length > 0 && (
            <ul className="govuk-list">
              {current.map((r, i) => (
                <li key={`c${i}`}>
                  {r.roleLabel}, <Link className="govuk-link" to={`/bodies/${r.bodySlug}`}>{r.bodyName}</Link> ({r.term})
                </li>
              ))}
            </ul>
          )}
          {past.length > 0 && (
            <>
              <h3 className="govuk-heading-m">Past roles</h3>
              <ul className="govuk-list">
                {past.map((r, i) => (
                  <li key={`p${i}`}>
                    {r.roleLabel}, <Link className="govuk-link" to={`/bodies/${r.bodySlug}`}>{r.bodyName}</Link> ({r.term})
                  </li>
                ))}
              </ul>
            </>
          )}
        </>
      )}

      <h2 className="govuk-heading-l">Attendance</h2>
      {data.attendance.meetings.length === 0 ? (
        <p className="govuk-body">No attendance is recorded for {person.name} at the meetings this portal holds.</p>
      ) : (
        <>
          <table className="govuk-table">
            <caption className="govuk-table__caption govuk-table__caption--s">
              By body and municipal year (May to April). Expected: meetings attended as a member; substitutes are counted apart.
            </caption>
            <thead className="govuk-table__head">
              <tr className="govuk-table__row">
                <th scope="col" className="govuk-table__header">Body and year</th>
                <th scope="col" className="govuk-table__header govuk-table__header--numeric">Expected</th>
                <th scope="col" className="govuk-table__header govuk-table__header--numeric">Present</th>
                <th scope="col" className="govuk-table__header govuk-table__header--numeric">Apologies</th>
                <th scope="col" className="govuk-table__header govuk-table__header--numeric">Absent</th>
                <th scope="col" className="govuk-table__header govuk-table__header--numeric">As substitute</th>
                <th scope="col" className="govuk-table__header govuk-table__header--numeric">Attendance</th>
              </tr>
            </thead>
            <tbody className="govuk-table__body">
              {data.attendance.summary.map((s) => (
                <tr key={`${s.bodyId}-${s.year}`} className="govuk-table__row">
                  <th scope="row" className="govuk-table__header">{s.bodyName}, {s.year}</th>
                  <td className="govuk-table__cell govuk-table__cell--numeric">{s.expected}</td>
                  <td className="govuk-table__cell govuk-table__cell--numeric">{s.present}</td>
                  <td className="govuk-table__cell govuk-table__cell--numeric">{s.apologies}</td>
                  <td className="govuk-table__cell govuk-table__cell--numeric">{s.absent}</td>
                  <td className="govuk-table__cell govuk-table__cell--numeric">{s.asSubstitute}</td>
                  <td className="govuk-table__cell govuk-table__cell--numeric">{s.percentage === null ? "–" : `${s.percentage}%`}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <h3 className="govuk-heading-m">Meetings</h3>
          <ul className="govuk-list">
            {data.attendance.meetings.map((m, i) => (
              <li key={i}>
                <Link className="govuk-link" to={`/meetings/${m.meetingSlug}`}>{m.meetingTitle}</Link>
                {" · "}
                <DateText text={m.date.text} approximate={m.date.approximate} />
                {" · "}
                {STATUS_LABELS[m.status]}
                {m.asSubstitute ? ` (as substitute${m.substituteFor ? ` for ${m.substituteFor}` : ""})` : m.role === "member" ? "" : ` (${m.role})`}
              </li>
            ))}
          </ul>
        </>
      )}

      <h2 className="govuk-heading-l">Declarations of interest</h2>
      {data.declarations.length === 0 ? (
        <p className="govuk-body">No declarations of interest are recorded for {person.name}.</p>
      ) : (
        <ul className="govuk-list">
          {data.declarations.map((d, i) => (
            <li key={i} className="govuk-!-margin-bottom-3">
              {KIND_LABELS[d.kind]}: {d.nature}
              {d.leftRoom ? " (left the room for the item)" : ""}
              <br />
              <span className="govuk-body-s portal-meta">
                On <Link className="govuk-link" to={`/agenda-items/${d.agendaItemId}`}>{d.itemTitle}</Link>,{" "}
                <Link className="govuk-link" to={`/meetings/${d.meetingSlug}`}>{d.meetingTitle}</Link> (
                <DateText text={d.date.text} approximate={d.date.approximate} />)
              </span>
            </li>
          ))}
        </ul>
      )}

      <h2 className="govuk-heading-l">Questions raised</h2>
      <QuestionTable questions={data.questions} caption={`Questions raised by ${person.name}, newest first`} />
      <Pagination page={data.page} pageCount={data.pageCount} href={(p) => `/people/${person.slug}?page=${p}`} />
    </>
  );
}
