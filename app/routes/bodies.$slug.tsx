import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { getViewer } from "~/auth/viewer.server";
import { DateText, SourceNote, Tag } from "~/components/notes";
import { Pagination } from "~/components/pagination";
import { currentMembers, getBody, MEMBERSHIP_ROLE_LABELS } from "~/models/people";
import { listMeetings, meetingYears } from "~/models/meetings";
import { formatDate } from "~/rules/dates.server";
import { meetingStatusTagClass } from "~/rules/meeting-status.server";
import { invariantFound, pageCount, parsePage } from "~/utils/http.server";
import { pageTitle } from "~/utils/meta";
import { RecordTools } from "~/components/record-tools";
import { followingSubscriptionId } from "~/models/publishing";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  ...pageTitle(matches, data?.body.name ?? "Body", {
    description: data ? data.body.description || `${data.body.name}: its members and meetings.` : null,
  }),
  // The body's own feeds (the site's are in root.tsx).
  ...(data
    ? [
        { tagName: "link", rel: "alternate", type: "application/atom+xml", title: `${data.body.name}: publications and answers (Atom)`, href: `/feeds/bodies/${data.body.slug}.atom` },
        { tagName: "link", rel: "alternate", type: "text/calendar", title: `${data.body.name}: meetings (iCalendar)`, href: `/feeds/bodies/${data.body.slug}.ics` },
      ]
    : []),
];
export const handle = {
  breadcrumbs: () => [
    { label: "Home", to: "/" },
    { label: "Boards and committees", to: "/bodies" },
  ],
};

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await getViewer(request);
  const body = invariantFound(await getBody(params.slug ?? ""));
  const url = new URL(request.url);
  const page = parsePage(url);
  const years = await meetingYears(viewer, body.id);
  const yearParam = Number(url.searchParams.get("year"));
  const year = years.includes(yearParam) ? yearParam : undefined;
  const [members, meetings] = await Promise.all([
    currentMembers(viewer, body.id),
    listMeetings(viewer, { page, bodyId: body.id, year }),
  ]);
  return json({
    body,
    members: members.map((m) => ({
      ...m,
      roleLabel: MEMBERSHIP_ROLE_LABELS[m.role] ?? m.role,
      term: [m.startOn ? `from ${formatDate(m.startOn)}` : "", m.endOn ? `to ${formatDate(m.endOn)}` : ""].filter(Boolean).join(" "),
    })),
    years,
    year: year ?? null,
    meetings: meetings.meetings.map((m) => ({ ...m, tagClass: meetingStatusTagClass(m.status) })),
    page,
    pageCount: pageCount(meetings.total),
    following: await followingSubscriptionId(viewer, "body", body.id),
  });
}

export default function BodyPage() {
  const data = useLoaderData<typeof loader>();
  const { body } = data;
  // Meetings by year, newest first.
  const byYear = new Map<string, typeof data.meetings>();
  for (const m of data.meetings) {
    const y = m.startsAt.slice(0, 4);
    byYear.set(y, [...(byYear.get(y) ?? []), m]);
  }
  return (
    <>
      {body.organisation && <span className="govuk-caption-l">{body.organisation}</span>}
      <h1 className="govuk-heading-xl">{body.name}</h1>
      <RecordTools follow="body" following={data.following} id={body.id} />
      {body.description && <p className="govuk-body-l">{body.description}</p>}
      <SourceNote note={body.sourceNote} />
      <h2 className="govuk-heading-l">Members</h2>
      {data.members.length === 0 ? (
        <p className="govuk-body">The sources this portal holds do not name the members of this body.</p>
      ) : (
        <ul className="govuk-list">
          {data.members.map((m) => (
            <li key={`${m.name}-${m.role}`}>
              <Link className="govuk-link" to={`/people/${m.slug}`}>
                {m.honorific ? `${m.honorific} ` : ""}
                {m.name}
              </Link>
              , {m.roleLabel}
              {m.term ? ` (${m.term})` : ""}
            </li>
          ))}
        </ul>
      )}
      <h2 className="govuk-heading-l">Meetings</h2>
      {data.years.length > 1 && (
        <nav aria-label="Meetings by year" className="govuk-body portal-no-print">
          Year:{" "}
          {data.years.map((y, i) => (
            <span key={y}>
              {i > 0 && " · "}
              <Link className="govuk-link" to={`/bodies/${body.slug}?year=${y}`} aria-current={data.year === y ? "page" : undefined}>
                {y}
              </Link>
            </span>
          ))}
        </nav>
      )}
      {data.meetings.length === 0 && <p className="govuk-body">No meetings to show.</p>}
      {[...byYear.entries()].map(([year, meetings]) => (
        <section key={year} aria-labelledby={`year-${year}`}>
          <h3 className="govuk-heading-m" id={`year-${year}`}>{year}</h3>
          <ul className="govuk-list">
            {meetings.map((m) => (
              <li key={m.id} className="govuk-!-margin-bottom-3">
                <Link className="govuk-link" to={`/meetings/${m.slug}`}>{m.title}</Link>
                <br />
                <span className="portal-meta">
                  <DateText text={m.date} approximate={m.dateApproximate} /> · <Tag className={m.tagClass}>{m.statusLabel}</Tag>
                </span>
              </li>
            ))}
          </ul>
        </section>
      ))}
      <Pagination
        page={data.page}
        pageCount={data.pageCount}
        href={(p) => `/bodies/${body.slug}?${new URLSearchParams({ ...(data.year ? { year: String(data.year) } : {}), page: String(p) })}`}
      />
    </>
  );
}
