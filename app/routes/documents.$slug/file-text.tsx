/**
 * The text read from a document's uploaded files (issue 19), beside the download: a PDF's page
 * by page, each headed "Page N" and linked to that page of the file (`#page=N`). Placed as
 * text, never as HTML: whatever a file holds is escaped.
 */
import type { FileText } from "~/models/meetings";

function Paragraph({ text }: { text: string }) {
  const lines = text.split("\n");
  return (
    <p className="govuk-body">
      {lines.map((line, i) => (
        <span key={i}>
          {i > 0 && <br />}
          {line}
        </span>
      ))}
    </p>
  );
}

export function FileTextSection({ file }: { file: FileText }) {
  if (file.status === "pending") {
    return <p className="govuk-body portal-meta">The text of {file.fileName} is being read; it will be shown here shortly.</p>;
  }
  if (file.pages.length === 0) {
    return file.note ? <p className="govuk-body portal-meta">{file.fileName}: {file.note}</p> : null;
  }
  const pageWord = file.pages.length === 1 ? "page" : "pages";
  return (
    <details className="govuk-details" id={`text-${file.fileId}`}>
      <summary className="govuk-details__summary">
        <span className="govuk-details__summary-text">
          Read the text of {file.fileName}
          {file.paged ? ` (${file.pages.length} ${pageWord})` : ""}
        </span>
      </summary>
      <div className="govuk-details__text">
        <p className="govuk-body">
          The words of the file, read from it so that they can be searched and read aloud. Tables, images and layout are not
          kept: the file itself is the version the board published.
        </p>
        {file.note && <p className="govuk-inset-text">{file.note}</p>}
        {file.pages.map((page) => (
          <section key={page.pageNumber} aria-labelledby={`text-${file.fileId}-page-${page.pageNumber}`}>
            {file.paged && (
              <>
                <h3 className="govuk-heading-s" id={`text-${file.fileId}-page-${page.pageNumber}`}>
                  Page {page.pageNumber}
                </h3>
                <p className="govuk-body-s">
                  <a className="govuk-link" href={`/files/${file.fileId}#page=${page.pageNumber}`}>
                    Open page {page.pageNumber} of the PDF
                  </a>
                </p>
              </>
            )}
            {page.paragraphs.map((p, i) => (
              <Paragraph key={i} text={p} />
            ))}
          </section>
        ))}
      </div>
    </details>
  );
}
