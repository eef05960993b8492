/** One work programme topic: what it is, why, where it is planned or taken, and its status. */
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { getViewerWithPermissions } from "~/auth/permissions.server";
import { NotificationBanner } from "~/components/forms";
import { TopicDetails, TopicStatusTag } from "~/components/work-programme";
import { getTopic } from "~/models/oversight";
import { idParam, invariantFound } from "~/utils/http.server";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(matches, data ? `Topic: ${data.topic.title}` : "Work programme topic");
export const handle = {
  breadcrumbs: (data: { topic: { yearLabel: string } } | undefined) => [
    { label: "Home", to: "/" },
    ...(data ? [{ label: `Work programme ${data.topic.yearLabel}`, to: `/work-programme/${data.topic.yearLabel}` }] : []),
  ],
};

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { viewer, can } = await getViewerWithPermissions(request);
  const topic = invariantFound(await getTopic(viewer, idParam(params)));
  const proposed = new URL(request.url).searchParams.has("proposed") && topic.status === "proposed";
  return json({ topic, proposed, canManage: can("update:topic:any") });
}

export default function Topic() {
  const { topic, proposed, canManage } = useLoaderData<typeof loader>();
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        {proposed && (
          <NotificationBanner success>
            <p className="govuk-notification-banner__heading">Your proposal is recorded. A clerk will decide whether it goes on the programme.</p>
          </NotificationBanner>
        )}
        <span className="govuk-caption-l">{topic.body.name}: work programme {topic.yearLabel}</span>
        <h1 className="govuk-heading-l">{topic.title}</h1>
        <p className="govuk-body"><TopicStatusTag status={topic.status} label={topic.statusLabel} /></p>
        <TopicDetails t={topic} />
        {topic.descriptionHtml && <div className="portal-prose" dangerouslySetInnerHTML={{ __html: topic.descriptionHtml }} />}
        {canManage && (
          <p className="govuk-body portal-no-print">
            <Link className="govuk-link" to={`/clerk/work-programme/${topic.id}`}>Plan, edit or add this topic to an agenda</Link>
          </p>
        )}
      </div>
    </div>
  );
}
