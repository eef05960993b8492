import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/permissions.server";
import { isRevisionEntityType, listRevisions } from "~/models/records";
import { idParam, notFound } from "~/utils/http.server";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "History of changes");
export const handle = { breadcrumbs: () => [{ label: "Clerk", to: "/clerk" }] };

const NAMES = { agenda_item: "agenda item", minute: "minute", document: "document", meeting: "meeting" } as const;

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "read:draft:any");
  const type = params.type ?? "";
  const id = idParam(params);
  if (!isRevisionEntityType(type)) notFound();
  const versions = await listRevisions(type, id);
  if (versions.length === 0) notFound();
  return json({ name: NAMES[type], versions });
}

export default function History() {
  const { name, versions } = useLoaderData<typeof loader>();
  return (
    <>
      <h1 className="govuk-heading-xl">History of changes to this {name}</h1>
      {versions.map((v) => (
        <section key={v.id} aria-labelledby={`v-${v.version}`}>
          <h2 className="govuk-heading-m" id={`v-${v.version}`}>
            Version {v.version}: {v.when}, by {v.author}
          </h2>
          {v.reason && <p className="govuk-body">Reason: {v.reason}</p>}
          <pre className="portal-pre">
            {v.diff.map((line, i) =>
              line.kind === "same" ? (
                <span key={i}>{`  ${line.text}\n`}</span>
              ) : line.kind === "added" ? (
                <ins key={i} className="portal-diff__added"><span className="govuk-visually-hidden">Added: </span>{`+ ${line.text}\n`}</ins>
              ) : (
                <del key={i} className="portal-diff__removed"><span className="govuk-visually-hidden">Removed: </span>{`- ${line.text}\n`}</del>
              ),
            )}
          </pre>
        </section>
      ))}
    </>
  );
}
