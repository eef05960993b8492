import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { getViewer } from "~/auth/viewer.server";
import { DecisionStatusTag } from "~/components/decisions";
import { DateText, SourceNote } from "~/components/notes";
import { SummaryList } from "~/components/summary-list";
import { getDecision } from "~/models/meetings";
import { idParam, invariantFound } from "~/utils/http.server";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  pageTitle(matches, data ? `Decision: ${data.decision.item.title}` : "Decision", {
    description: data ? `A decision of ${data.decision.body.name}, ${data.decision.date}, on ${data.decision.item.title}.` : null,
  });
export const handle = {
  breadcrumbs: () => [
    { label: "Home", to: "/" },
    { label: "Decisions", to: "/decisions" },
  ],
};

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await getViewer(request);
  const decision = invariantFound(await getDecision(viewer, idParam(params)));
  return json({ decision });
}

export default function DecisionPage() {
  const { decision: d } = useLoaderData<typeof loader>();
  return (
    <>
      <span className="govuk-caption-l">{d.body.name}</span>
      <h1 className="govuk-heading-xl">Decision: {d.item.title}</h1>
      <p className="govuk-body">
        <DecisionStatusTag status={d.status} label={d.statusLabel} />
      </p>
      <h2 className="govuk-heading-m">What was decided</h2>
      <div className="portal-prose" dangerouslySetInnerHTML={{ __html: d.textHtml }} />
      {d.reasonsHtml && (
        <>
          <h2 className="govuk-heading-m">Reasons</h2>
          <div className="portal-prose" dangerouslySetInnerHTML={{ __html: d.reasonsHtml }} />
        </>
      )}
      <SummaryList
        rows={[
          ["Made by", <Link key="b" className="govuk-link" to={`/bodies/${d.body.slug}`}>{d.body.name}</Link>],
          ["Date", <DateText key="d" text={d.date} approximate={d.dateApproximate} />],
          ["Meeting", <Link key="m" className="govuk-link" to={`/meetings/${d.meeting.slug}`}>{d.meeting.title}</Link>],
          ["Agenda item", <Link key="i" className="govuk-link" to={`/agenda-items/${d.item.id}`}>{d.item.title}</Link>],
          ["Status", d.statusLabel],
        ]}
      />
      <SourceNote note={d.dateNote} title="About the date" />
      <SourceNote note={d.sourceNote} />
      <p className="govuk-body">
        <Link className="govuk-link" to="/decisions">All decisions</Link>
      </p>
    </>
  );
}
