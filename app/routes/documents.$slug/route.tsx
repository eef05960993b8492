import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { getViewer } from "~/auth/viewer.server";
import { DateText, SourceNote, UpdateNotes } from "~/components/notes";
import { SummaryList } from "~/components/summary-list";
import { documentFileTexts, documentUpdates, getDocument, listDocumentFiles } from "~/models/meetings";
import { fileTypeLabel, formatBytes } from "~/models/meetings";
import { invariantFound, parsePage } from "~/utils/http.server";
import { isUuid } from "~/utils/uuid";
import { FileTextSection } from "./file-text";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(matches, data?.document.title ?? "Document", { description: data ? data.document.summary || `${data.document.kindLabel}: ${data.document.title}` : null });
export const handle = {
  breadcrumbs: () => [
    { label: "Home", to: "/" },
    { label: "Documents", to: "/documents" },
  ],
};

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await getViewer(request);
  const document = invariantFound(await getDocument(viewer, params.slug ?? ""));
  const files = (await listDocumentFiles(viewer, document.id)).map((f) => ({
    id: f.id,
    fileName: f.fileName,
    type: fileTypeLabel(f.mediaType),
    size: formatBytes(f.byteSize),
  }));
  const updates = await documentUpdates(document.id);
  // The text read from the files, where the viewer may see them (the same rule as the download).
  // A long report's text comes TEXT_PAGES_PER_VIEW pages at a time (?text_file=&text_view=).
  const url = new URL(request.url);
  const asked = url.searchParams.get("text_file");
  const textFile = isUuid(asked) ? asked : null;
  const texts = await documentFileTexts(viewer, document.id, {
    fileId: textFile,
    view: parsePage(url, "text_view"),
  });
  return json({ document, files, updates, texts, textFile });
}

export default function DocumentPage() {
  const { document: d, files, updates, texts, textFile } = useLoaderData<typeof loader>();
  return (
    <>
      <span className="govuk-caption-l">{d.kindLabel}</span>
      <h1 className="govuk-heading-xl">{d.title}</h1>
      <SummaryList
        rows={[
          ["From", d.organisation],
          [d.kind === "letter" ? "Letter dated" : "Date", <DateText key="d" text={d.date} approximate={d.dateApproximate} />],
          ["Published", d.published],
          ["Source", d.source],
        ]}
      />
      <SourceNote note={d.dateNote} title="About the date" />
      <SourceNote note={d.sourceNote} />
      <UpdateNotes updates={updates} />
      {files.length > 0 && (
        <ul className="govuk-list">
          {files.map((f) => (
            <li key={f.id}>
              <a className="govuk-link" href={`/files/${f.id}`} download={f.fileName}>
                {f.fileName}
              </a>{" "}
              <span className="portal-meta">
                ({f.type}, {f.size})
              </span>
            </li>
          ))}
        </ul>
      )}
      {texts.map((t) => (
        <FileTextSection key={t.fileId} file={t} pagedThrough={t.fileId === textFile} />
      ))}
      <div className="portal-prose" dangerouslySetInnerHTML={{ __html: d.bodyHtml }} />
      {(d.agendaItems.length > 0 || d.inspections.length > 0 || d.evidenceFor.length > 0) && (
        <>
          <h2 className="govuk-heading-m">Where this document is used</h2>
          <ul className="govuk-list">
            {d.agendaItems.map((i) => (
              <li key={i.id}>
                Agenda item: <Link className="govuk-link" to={`/agenda-items/${i.id}`}>{i.title}</Link> at{" "}
                <Link className="govuk-link" to={`/meetings/${i.meetingSlug}`}>{i.meetingTitle}</Link>
              </li>
            ))}
            {d.inspections.map((i) => (
              <li key={i.slug}>
                Inspection: <Link className="govuk-link" to={`/inspections/${i.slug}`}>{i.title}</Link>
              </li>
            ))}
            {d.evidenceFor.map((a) => (
              <li key={a.id}>
                Closure evidence of the action: <Link className="govuk-link" to={`/actions/${a.id}`}>{a.description}</Link>
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}
