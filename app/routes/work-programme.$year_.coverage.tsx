/**
 * How a year's work programme covers each strategic priority (issue 17 item 6): for each, its
 * topics, the agenda items linked to it at meetings in the year, and the recommendations linked
 * to it. A priority with none of these is shown as a gap.
 */
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { getViewer } from "~/auth/viewer.server";
import { TopicStatusTag } from "~/components/work-programme";
import { priorityCoverage } from "~/models/oversight";
import { municipalYearLabel, parseMunicipalYear } from "~/rules/municipal-year.server";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  pageTitle(matches, data ? `Priority coverage ${data.label}` : "Priority coverage");
export const handle = {
  breadcrumbs: (data: { label: string } | undefined) => [
    { label: "Home", to: "/" },
    ...(data ? [{ label: `Work programme ${data.label}`, to: `/work-programme/${data.label}` }] : []),
  ],
};

export async function loader({ request, params }: LoaderFunctionArgs) {
  const parsed = parseMunicipalYear(params.year);
  if (!parsed.ok) throw new Response(parsed.message, { status: 404 });
  const viewer = await getViewer(request);
  const priorities = await priorityCoverage(viewer, parsed.year);
  return json({ label: municipalYearLabel(parsed.year), priorities, gaps: priorities.filter((p) => p.gap).length });
}

export default function Coverage() {
  const d = useLoaderData<typeof loader>();
  return (
    <>
      <h1 className="govuk-heading-xl">How the {d.label} programme covers each priority</h1>
      <p className="govuk-body">
        For each strategic priority: the work programme's topics for {d.label}, the agenda items linked to it at meetings in the year, and the
        recommendations linked to it (the board's agreed in the year, an inspection's still open). A priority with none is a gap.
      </p>
      <p className="govuk-body">
        {d.priorities.length === 0
          ? "There are no strategic priorities recorded."
          : d.gaps === 0
            ? "Every priority is covered."
            : `${d.gaps} of ${d.priorities.length} priorities ${d.gaps === 1 ? "has" : "have"} nothing in the year: shown as a gap.`}
      </p>
      {d.priorities.map((p) => (
        <section key={p.id} className="govuk-!-margin-bottom-8" aria-labelledby={`priority-${p.id}`}>
          <h2 className="govuk-heading-m" id={`priority-${p.id}`}>
            <Link className="govuk-link" to={`/priorities/${p.slug}`}>{p.title}</Link>
            {p.gap && <> <strong className="govuk-tag govuk-tag--red">Gap</strong></>}
          </h2>
          {p.gap ? (
            <p className="govuk-body">No topic, agenda item or recommendation on this priority in {d.label}.</p>
          ) : (
            <>
              <h3 className="govuk-heading-s">Topics ({p.topics.length})</h3>
              {p.topics.length === 0 ? (
                <p className="govuk-body">None on the programme.</p>
              ) : (
                <ul className="govuk-list govuk-list--bullet">
                  {p.topics.map((t) => (
                    <li key={t.id}>
                      <Link className="govuk-link" to={t.href}>{t.title}</Link> <TopicStatusTag status={t.status} label={t.statusLabel} />
                    </li>
                  ))}
                </ul>
              )}
              <h3 className="govuk-heading-s">Agenda items ({p.items.length})</h3>
              {p.items.length === 0 ? (
                <p className="govuk-body">None in the year.</p>
              ) : (
                <ul className="govuk-list govuk-list--bullet">
                  {p.items.map((i) => (
                    <li key={i.id}>
                      <Link className="govuk-link" to={`/agenda-items/${i.id}`}>{i.title}</Link> at{" "}
                      <Link className="govuk-link" to={`/meetings/${i.meeting.slug}`}>{i.meeting.title}</Link> ({i.meeting.date})
                    </li>
                  ))}
                </ul>
              )}
              <h3 className="govuk-heading-s">Recommendations ({p.recommendations.length})</h3>
              {p.recommendations.length === 0 ? (
                <p className="govuk-body">None.</p>
              ) : (
                <ul className="govuk-list govuk-list--bullet">
                  {p.recommendations.map((r) => (
                    <li key={r.id}>
                      <Link className="govuk-link" to={`/recommendations/${r.id}`}>{r.reference}</Link> ({r.source === "board" ? "the board's" : "an inspection's"}): {r.text}
                    </li>
                  ))}
                </ul>
              )}
            </>
          )}
        </section>
      ))}
    </>
  );
}
