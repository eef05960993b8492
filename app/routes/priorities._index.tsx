import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { getViewer } from "~/auth/viewer.server";
import { listPriorities } from "~/models/oversight";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "Strategic priorities");
export const handle = { breadcrumbs: () => [{ label: "Home", to: "/" }] };

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await getViewer(request);
  return json({ priorities: await listPriorities(viewer) });
}

export default function Priorities() {
  const { priorities } = useLoaderData<typeof loader>();
  return (
    <>
      <h1 className="govuk-heading-xl">Strategic priorities</h1>
      <p className="govuk-body">
        The priorities the scrutinised organisation has set itself. Each page shows the agenda items, questions and
        inspection recommendations linked to it.
      </p>
      {priorities.length === 0 ? (
        <p className="govuk-body">No priorities have been recorded.</p>
      ) : (
        <ol className="govuk-list govuk-list--number">
          {priorities.map((p) => (
            <li key={p.slug} className="govuk-!-margin-bottom-4">
              <Link className="govuk-link govuk-!-font-weight-bold" to={`/priorities/${p.slug}`}>{p.title}</Link>
              <span className="govuk-body-s portal-meta">
                {" "}
                · {p.organisation ? `${p.organisation} · ` : ""}
                {p.itemCount === 1 ? "1 agenda item" : `${p.itemCount} agenda items`}
              </span>
            </li>
          ))}
        </ol>
      )}
    </>
  );
}
