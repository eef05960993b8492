import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { getViewer } from "~/auth/viewer.server";
import { DateText, Tag } from "~/components/notes";
import { Pagination } from "~/components/pagination";
import { calendarBodies, calendarMeetings, forthcomingMeetings } from "~/models/meetings";
import { calendarDayOf, currentMonth, type GridDay, monthGrid, monthKey, monthName, monthRange, neighbours, parseMonth } from "~/rules/calendar-month.server";
import { meetingStatusTagClass } from "~/rules/meeting-status.server";
import { pageCount, parsePage } from "~/utils/http.server";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  pageTitle(matches, data?.problem ? "Error: Meeting calendar" : `Meeting calendar${data?.month ? `: ${data.month.name}` : ""}${data?.body ? `, ${data.body.name}` : ""}`);

export const handle = {
  breadcrumbs: () => [
    { label: "Home", to: "/" },
    { label: "Meetings", to: "/meetings" },
  ],
};

type MonthMeeting = Awaited<ReturnType<typeof calendarMeetings>>["meetings"][number] & { tagClass: string };
type MonthRef = { key: string; name: string };

const WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await getViewer(request);
  const url = new URL(request.url);
  const now = new Date();
  const bodies = await calendarBodies();
  const bodySlug = (url.searchParams.get("body") ?? "").trim();
  const body = bodySlug ? bodies.find((b) => b.slug === bodySlug) : undefined;
  const parsed = parseMonth(url.searchParams.get("month"), now);
  const problem =
    bodySlug && !body
      ? { field: "body", message: "There is no board or committee at that address: choose one from the list" }
      : !parsed.ok
        ? { field: "month", message: parsed.message }
        : null;
  const page = parsePage(url);
  const forthcoming = await forthcomingMeetings(viewer, { page, bodyId: body?.id, now });
  const base = {
    bodies: bodies.map(({ slug, name }) => ({ slug, name })),
    body: body ? { slug: body.slug, name: body.name } : null,
    typedMonth: url.searchParams.get("month") ?? "",
    thisMonth: monthKey(currentMonth(now)),
    forthcoming: forthcoming.meetings.map((m) => ({ ...m, tagClass: meetingStatusTagClass(m.status) })),
    page,
    pageCount: pageCount(forthcoming.total),
  };
  if (problem || !parsed.ok) {
    const none = {
      month: null as MonthRef | null,
      weeks: [] as GridDay[][],
      monthMeetings: [] as MonthMeeting[],
      undated: 0,
      today: "",
      previous: null as MonthRef | null,
      next: null as MonthRef | null,
    };
    return json({ ...base, problem, ...none }, { status: 400 });
  }
  const month = parsed.value;
  const { from, until } = monthRange(month);
  const { meetings, undated } = await calendarMeetings(viewer, { from, until, bodyId: body?.id, now });
  const { previous, next } = neighbours(month);
  return json({
    ...base,
    problem: null as typeof problem,
    month: { key: monthKey(month), name: monthName(month) },
    weeks: monthGrid(month),
    monthMeetings: meetings.map((m): MonthMeeting => ({ ...m, tagClass: meetingStatusTagClass(m.status) })),
    undated,
    today: calendarDayOf(now),
    previous: (previous ? { key: monthKey(previous), name: monthName(previous) } : null) as MonthRef | null,
    next: (next ? { key: monthKey(next), name: monthName(next) } : null) as MonthRef | null,
  });
}

type Data = ReturnType<typeof useLoaderData<typeof loader>>;

function calendarHref(data: Data, changes: { month?: string | null; page?: number }) {
  const params = new URLSearchParams();
  if (data.body) params.set("body", data.body.slug);
  const month = changes.month === undefined ? data.month?.key : changes.month;
  if (month) params.set("month", month);
  if (changes.page && changes.page > 1) params.set("page", String(changes.page));
  const q = params.toString();
  return `/meetings/calendar${q ? `?${q}` : ""}`;
}

/** "(cancelled)" or "(postponed)" after a meeting's name, where it is. */
function statusWord(status: string) {
  return status === "cancelled" ? "Cancelled" : status === "postponed" ? "Postponed" : null;
}

function MonthGrid({ data }: { data: Data }) {
  if (!data.month) return null;
  const byDay = new Map<string, Data["monthMeetings"]>();
  for (const m of data.monthMeetings) byDay.set(m.day, [...(byDay.get(m.day) ?? []), m]);
  return (
    <div className="portal-calendar">
      <table className="govuk-table portal-calendar__table">
        <caption className="govuk-table__caption govuk-table__caption--m">
          {data.month.name}
          {data.body ? `: meetings of ${data.body.name}` : ": meetings of all boards and committees"}
        </caption>
        <thead className="govuk-table__head">
          <tr className="govuk-table__row">
            {WEEKDAYS.map((d) => (
              <th key={d} scope="col" className="govuk-table__header" abbr={d}>
                <span aria-hidden="true">{d.slice(0, 3)}</span>
                <span className="govuk-visually-hidden">{d}</span>
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="govuk-table__body">
          {data.weeks.map((week) => (
            <tr className="govuk-table__row" key={week[0].day}>
              {week.map((d) => {
                const isToday = d.day === data.today;
                const meetings = byDay.get(d.day) ?? [];
                return (
                  <td
                    key={d.day}
                    className={`govuk-table__cell portal-calendar__day${d.inMonth ? "" : " portal-calendar__day--other"}${isToday ? " portal-calendar__day--today" : ""}`}
                    aria-current={isToday ? "date" : undefined}
                  >
                    <span className="portal-calendar__date">
                      {d.date}
                      {!d.inMonth && <span className="govuk-visually-hidden"> (another month)</span>}
                    </span>
                    {isToday && <strong className="portal-calendar__today">Today</strong>}
                    {meetings.length > 0 && (
                      <ul className="portal-calendar__meetings">
                        {meetings.map((m) => (
                          <li key={m.id}>
                            <Link className="govuk-link portal-calendar__meeting" to={`/meetings/${m.slug}`}>
                              <span className="portal-calendar__time">{m.time}</span>{" "}
                              <span className="portal-calendar__title">{m.title}</span>
                              {statusWord(m.status) && <span className="portal-calendar__status"> ({statusWord(m.status)})</span>}
                            </Link>
                          </li>
                        ))}
                      </ul>
                    )}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function MeetingLine({ m }: { m: Data["forthcoming"][number] | Data["monthMeetings"][number] }) {
  const day = "calendarDay" in m ? m.calendarDay : true;
  return (
    <li className="govuk-!-margin-bottom-4">
      <Link className="govuk-link govuk-!-font-weight-bold" to={`/meetings/${m.slug}`}>{m.title}</Link>
      <br />
      <span className="portal-meta">
        <DateText text={m.date} approximate={m.dateApproximate} /> · {m.body.name} · <Tag className={m.tagClass}>{m.statusLabel}</Tag>
      </span>
      {day && (
        <>
          <br />
          <a className="govuk-link govuk-body-s" href={`/feeds/meetings/${m.slug}.ics`} type="text/calendar">
            Add to calendar<span className="govuk-visually-hidden">: {m.title}, {m.date}</span>
          </a>
        </>
      )}
    </li>
  );
}

export default function MeetingCalendar() {
  const data = useLoaderData<typeof loader>();
  const problem = data.problem;
  return (
    <>
      {problem && (
        <div className="govuk-error-summary" data-module="govuk-error-summary" role="alert" tabIndex={-1}>
          <h2 className="govuk-error-summary__title">There is a problem</h2>
          <div className="govuk-error-summary__body">
            <ul className="govuk-list govuk-error-summary__list">
              <li><a href={`#${problem.field}`}>{problem.message}</a></li>
            </ul>
          </div>
        </div>
      )}
      <h1 className="govuk-heading-xl">Meeting calendar</h1>
      <Form method="get" className="portal-no-print" noValidate>
        <div className={`govuk-form-group${problem?.field === "body" ? " govuk-form-group--error" : ""}`}>
          <label className="govuk-label" htmlFor="body">Board or committee</label>
          {problem?.field === "body" && (
            <p id="body-error" className="govuk-error-message"><span className="govuk-visually-hidden">Error:</span> {problem.message}</p>
          )}
          <select className="govuk-select" id="body" name="body" defaultValue={data.body?.slug ?? ""} aria-describedby={problem?.field === "body" ? "body-error" : undefined}>
            <option value="">All boards and committees</option>
            {data.bodies.map((b) => (
              <option key={b.slug} value={b.slug}>{b.name}</option>
            ))}
          </select>
        </div>
        <div className={`govuk-form-group${problem?.field === "month" ? " govuk-form-group--error" : ""}`}>
          <label className="govuk-label" htmlFor="month">Month</label>
          <div id="month-hint" className="govuk-hint">Year and month, for example {data.thisMonth}</div>
          {problem?.field === "month" && (
            <p id="month-error" className="govuk-error-message"><span className="govuk-visually-hidden">Error:</span> {problem.message}</p>
          )}
          <input
            className={`govuk-input govuk-input--width-10${problem?.field === "month" ? " govuk-input--error" : ""}`}
            id="month"
            name="month"
            type="text"
            inputMode="numeric"
            defaultValue={data.month?.key ?? data.typedMonth}
            aria-describedby={`month-hint${problem?.field === "month" ? " month-error" : ""}`}
          />
        </div>
        <button type="submit" className="govuk-button govuk-button--secondary">Show the calendar</button>
      </Form>

      {data.month ? (
        <>
          <nav aria-label="Months" className="govuk-body portal-no-print portal-calendar__nav">
            {data.previous && (
              <Link className="govuk-link" to={calendarHref(data, { month: data.previous.key })} rel="prev">
                Previous month<span className="govuk-visually-hidden">: {data.previous.name}</span>
              </Link>
            )}
            {data.month.key !== data.thisMonth && (
              <Link className="govuk-link" to={calendarHref(data, { month: null })}>This month</Link>
            )}
            {data.next && (
              <Link className="govuk-link" to={calendarHref(data, { month: data.next.key })} rel="next">
                Next month<span className="govuk-visually-hidden">: {data.next.name}</span>
              </Link>
            )}
          </nav>
          <MonthGrid data={data} />
          {data.monthMeetings.length === 0 ? (
            <p className="govuk-body">No meetings with a known day in {data.month.name}.</p>
          ) : (
            <>
              <h2 className="govuk-heading-m">Meetings in {data.month.name}</h2>
              <ul className="govuk-list">
                {data.monthMeetings.map((m) => <MeetingLine key={m.id} m={m} />)}
              </ul>
            </>
          )}
          {data.undated > 0 && (
            <p className="govuk-body">
              {data.undated === 1 ? "1 meeting" : `${data.undated} meetings`} in this period {data.undated === 1 ? "is" : "are"} not
              on the calendar because the sources do not give {data.undated === 1 ? "its" : "their"} day: see{" "}
              <Link className="govuk-link" to="/meetings">all meetings</Link>.
            </p>
          )}
        </>
      ) : (
        <p className="govuk-body">
          <Link className="govuk-link" to={data.body ? `/meetings/calendar?body=${data.body.slug}` : "/meetings/calendar"}>Show this month’s calendar</Link>
        </p>
      )}

      <h2 className="govuk-heading-l" id="forthcoming">Forthcoming meetings</h2>
      {data.forthcoming.length === 0 ? (
        <p className="govuk-body">No forthcoming meetings have been announced{data.body ? ` for ${data.body.name}` : ""}.</p>
      ) : (
        <ul className="govuk-list">
          {data.forthcoming.map((m) => <MeetingLine key={m.id} m={m} />)}
        </ul>
      )}
      <Pagination page={data.page} pageCount={data.pageCount} label="Forthcoming meetings pages" href={(p) => `${calendarHref(data, { page: p })}#forthcoming`} />
    </>
  );
}
