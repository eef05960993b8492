import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { getViewer } from "~/auth/viewer.server";
import { SourceNote } from "~/components/notes";
import { getPriority } from "~/models/priorities.server";
import { invariantFound } from "~/utils/http.server";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  pageTitle(matches, data ? `Priority: ${data.priority.title}` : "Priority");
export const handle = {
  breadcrumbs: () => [
    { label: "Home", to: "/" },
    { label: "Strategic priorities", to: "/priorities" },
  ],
};

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await getViewer(request);
  return json({ priority: invariantFound(await getPriority(viewer, params.slug ?? "")) });
}

export default function PriorityPage() {
  const { priority: p } = useLoaderData<typeof loader>();
  return (
    <>
      <span className="govuk-caption-l">Strategic priority{p.organisation ? ` · ${p.organisation}` : ""}</span>
      <h1 className="govuk-heading-xl">{p.title}</h1>
      {p.descriptionHtml && <div className="portal-prose" dangerouslySetInnerHTML={{ __html: p.descriptionHtml }} />}
      <p className="govuk-body">Owner: {p.owner ?? "not named in the sources"}</p>
      <SourceNote note={p.sourceNote} />
      <h2 className="govuk-heading-l">Agenda items</h2>
      {p.agendaItems.length === 0 ? (
        <p className="govuk-body">No agenda items are linked to this priority.</p>
      ) : (
        <ul className="govuk-list">
          {p.agendaItems.map((i) => (
            <li key={i.id} className="govuk-!-margin-bottom-3">
              <Link className="govuk-link" to={`/agenda-items/${i.id}`}>{i.title}</Link>
              <br />
              <span className="portal-meta">
                <Link className="govuk-link" to={`/meetings/${i.meetingSlug}`}>{i.meetingTitle}</Link> · {i.date}
              </span>
            </li>
          ))}
        </ul>
      )}
      <h2 className="govuk-heading-l">Inspection recommendations</h2>
      {p.recommendations.length === 0 ? (
        <p className="govuk-body">No inspection recommendations are linked to this priority in the sources.</p>
      ) : (
        <ul className="govuk-list">
          {p.recommendations.map((r) => (
            <li key={r.id}>
              {r.reference}: {r.text} (<Link className="govuk-link" to={`/inspections/${r.inspectionSlug}`}>{r.inspectionTitle}</Link>)
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
