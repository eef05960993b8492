import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { getViewer } from "~/auth/viewer.server";
import { DateText, SourceNote, Tag } from "~/components/notes";
import { Pagination } from "~/components/pagination";
import { SummaryList } from "~/components/summary-list";
import { bodyProfile, currentMembers, getBody, MEMBERSHIP_ROLE_LABELS, pastMembers } from "~/models/people";
import { listMeetings, meetingYears } from "~/models/meetings";
import { formatDate } from "~/rules/dates.server";
import { meetingStatusTagClass } from "~/rules/meeting-status.server";
import { invariantFound, pageCount, parsePage } from "~/utils/http.server";
import { pageTitle } from "~/utils/meta";
import { RecordTools } from "~/components/record-tools";
import { followingSubscriptionId } from "~/models/publishing";
import { siteUrl } from "~/utils/site-url.server";

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
  const historyPage = parsePage(url, "history");
  const years = await meetingYears(viewer, body.id);
  const yearParam = Number(url.searchParams.get("year"));
  const year = years.includes(yearParam) ? yearParam : undefined;
  const [members, meetings, profile, past] = await Promise.all([
    currentMembers(viewer, body.id),
    listMeetings(viewer, { page, bodyId: body.id, year }),
    bodyProfile(body.id),
    pastMembers(viewer, body.id, { page: historyPage }),
  ]);
  const site = siteUrl();
  const holders = (role: string) => members.filter((m) => m.role === role).map(({ slug, name, honorific }) => ({ slug, name, honorific }));
  return json({
    body,
    profile: invariantFound(profile),
    chairs: holders("chair"),
    viceChairs: holders("vice_chair"),
    past: past.members,
    historyPage,
    historyPageCount: pageCount(past.total),
    feeds: {
      calendar: `${site}/feeds/bodies/${body.slug}.ics`,
      webcal: `${site.replace(/^https?:/, "webcal:")}/feeds/bodies/${body.slug}.ics`,
      atom: `${site}/feeds/bodies/${body.slug}.atom`,
    },
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

type Named = { slug: string; name: string; honorific: string | null };

function PersonLink({ person }: { person: Named }) {
  return (
    <Link className="govuk-link" to={`/people/${person.slug}`}>
      {person.honorific ? `${person.honorific} ` : ""}
      {person.name}
    </Link>
  );
}

function Holders({ people }: { people: Named[] }) {
  if (people.length === 0) return <>Not recorded</>;
  return (
    <>
      {people.map((p, i) => (
        <span key={p.slug}>
          {i > 0 && ", "}
          <PersonLink person={p} />
        </span>
      ))}
    </>
  );
}

export default function BodyPage() {
  const data = useLoaderData<typeof loader>();
  const { body, profile } = data;
  /** This page's address with one parameter changed (the meetings and the membership history page separately). */
  const pageHref = (changes: Record<string, string | null>) => {
    const params = new URLSearchParams();
    if (data.year) params.set("year", String(data.year));
    if (data.page > 1) params.set("page", String(data.page));
    if (data.historyPage > 1) params.set("history", String(data.historyPage));
    for (const [k, v] of Object.entries(changes)) v === null ? params.delete(k) : params.set(k, v);
    const q = params.toString();
    return `/bodies/${body.slug}${q ? `?${q}` : ""}`;
  };
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
      <h2 className="govuk-heading-l" id="terms-of-reference">Purpose and terms of reference</h2>
      {profile.termsOfReferenceHtml ? (
        <div className="portal-prose" dangerouslySetInnerHTML={{ __html: profile.termsOfReferenceHtml }} />
      ) : (
        <p className="govuk-body">The record has no terms of reference for this body.</p>
      )}

      <h2 className="govuk-heading-l" id="chair">Chair and vice-chair</h2>
      <SummaryList
        rows={[
          ["Chair", <Holders key="c" people={data.chairs} />],
          ["Vice-chair", <Holders key="v" people={data.viceChairs} />],
        ]}
      />

      <h2 className="govuk-heading-l" id="members">Members</h2>
      {data.members.length === 0 ? (
        <p className="govuk-body">The sources this portal holds do not name the members of this body.</p>
      ) : (
        <ul className="govuk-list">
          {data.members.map((m) => (
            <li key={`${m.slug}-${m.role}`}>
              <PersonLink person={m} />, {m.roleLabel}
              {m.term ? ` (${m.term})` : ""}
            </li>
          ))}
        </ul>
      )}

      <h2 className="govuk-heading-m" id="past-members">Past members</h2>
      {data.past.length === 0 ? (
        <p className="govuk-body">No past members are recorded.</p>
      ) : (
        <table className="govuk-table">
          <caption className="govuk-table__caption govuk-visually-hidden">Past members of {body.name}, latest first</caption>
          <thead className="govuk-table__head">
            <tr className="govuk-table__row">
              <th scope="col" className="govuk-table__header">Name</th>
              <th scope="col" className="govuk-table__header">Role</th>
              <th scope="col" className="govuk-table__header">Term</th>
            </tr>
          </thead>
          <tbody className="govuk-table__body">
            {data.past.map((m) => (
              <tr className="govuk-table__row" key={m.id}>
                <td className="govuk-table__cell"><PersonLink person={m} /></td>
                <td className="govuk-table__cell">{m.roleLabel}</td>
                <td className="govuk-table__cell">{m.term || "Dates not recorded"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Pagination
        page={data.historyPage}
        pageCount={data.historyPageCount}
        label="Past members pages"
        href={(p) => `${pageHref({ history: p > 1 ? String(p) : null })}#past-members`}
      />

      <h2 className="govuk-heading-l" id="clerk">Clerk</h2>
      {profile.clerk ? (
        <SummaryList
          rows={[
            ["Name", profile.clerk.name],
            ["Email", profile.clerk.email && <a key="e" className="govuk-link" href={`mailto:${profile.clerk.email}`}>{profile.clerk.email}</a>],
            ["Telephone", profile.clerk.phone && <a key="t" className="govuk-link" href={`tel:${profile.clerk.phone.replace(/[^0-9+]/g, "")}`}>{profile.clerk.phone}</a>],
          ]}
        />
      ) : (
        <p className="govuk-body">The record does not name this body’s clerk.</p>
      )}

      <h2 className="govuk-heading-l" id="meetings">Meetings</h2>
      <SummaryList
        rows={[
          ["Where it meets", profile.meetingPlace ?? "Not recorded"],
          ["How often it meets", profile.meetingFrequency ?? "Not recorded"],
        ]}
      />
      <p className="govuk-body portal-no-print">
        <Link className="govuk-link" to={`/meetings/calendar?body=${body.slug}`}>Calendar of this body’s meetings</Link>
      </p>
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
      <Pagination page={data.page} pageCount={data.pageCount} label="Meetings pages" href={(p) => `${pageHref({ page: String(p) })}#meetings`} />

      <h2 className="govuk-heading-l" id="feeds">Feeds</h2>
      <p className="govuk-body">
        Follow this body’s meetings in your calendar, or its papers and answers in a feed reader. To subscribe, copy an
        address into your calendar app (“add calendar from URL”) or feed reader.
      </p>
      <SummaryList
        rows={[
          [
            "Meetings (iCalendar)",
            <>
              <a className="govuk-link" href={data.feeds.webcal}>Subscribe in your calendar app<span className="govuk-visually-hidden">: meetings of {body.name}</span></a>
              <br />
              <span className="portal-break-all">{data.feeds.calendar}</span>
            </>,
          ],
          [
            "Publications and answers (Atom)",
            <>
              <a className="govuk-link" href={data.feeds.atom} type="application/atom+xml">Subscribe in a feed reader<span className="govuk-visually-hidden">: publications and answers of {body.name}</span></a>
              <br />
              <span className="portal-break-all">{data.feeds.atom}</span>
            </>,
          ],
        ]}
      />
      {/* Work programme: not yet recorded by the portal (issue 18, item 2, "when that exists"). */}
    </>
  );
}
