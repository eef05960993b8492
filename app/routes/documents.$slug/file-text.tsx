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

function viewHref(file: FileText, view: number) {
  return `?text_file=${file.fileId}&text_view=${view}#text-${file.fileId}`;
}

/** Which pages of the text this view holds, and the way to the views before and after it. */
function TextViews({ file }: { file: FileText }) {
  if (file.viewCount <= 1) return null;
  const first = file.pages[0]?.pageNumber;
  const last = file.pages[file.pages.length - 1]?.pageNumber;
  return (
    <nav className="govuk-pagination govuk-pagination--block" aria-label={`Pages of the text of ${file.fileName}`}>
      <p className="govuk-body-s">
        Pages {first} to {last} of {file.pageTotal}
      </p>
      {file.view > 1 && (
        <div className="govuk-pagination__prev">
          <a className="govuk-link govuk-pagination__link" href={viewHref(file, file.view - 1)} rel="prev">
            <span className="govuk-pagination__link-title">Earlier pages</span>
          </a>
        </div>
      )}
      {file.view < file.viewCount && (
        <div className="govuk-pagination__next">
          <a className="govuk-link govuk-pagination__link" href={viewHref(file, file.view + 1)} rel="next">
            <span className="govuk-pagination__link-title">Later pages</span>
          </a>
        </div>
      )}
    </nav>
  );
}

export function FileTextSection({ file, pagedThrough = false }: { file: FileText; pagedThrough?: boolean }) {
  if (file.status === "pending" && file.pages.length === 0) {
    return <p className="govuk-body portal-meta">The text of {file.fileName} is being read; it will be shown here shortly.</p>;
  }
  if (file.pages.length === 0) {
    return file.note ? <p className="govuk-body portal-meta">{file.fileName}: {file.note}</p> : null;
  }
  const pageWord = file.pageTotal === 1 ? "page" : "pages";
  return (
    <details className="govuk-details" id={`text-${file.fileId}`} open={pagedThrough || undefined}>
      <summary className="govuk-details__summary">
        <span className="govuk-details__summary-text">
          Read the text of {file.fileName}
          {file.paged ? ` (${file.pageTotal} ${pageWord})` : ""}
        </span>
      </summary>
      <div className="govuk-details__text">
        <p className="govuk-body">
          The words of the file, read from it so that they can be searched and read aloud. Tables, images and layout are not
          kept: the file itself is the version the board published.
        </p>
        {file.status === "pending" && (
          <p className="govuk-inset-text">The text is being read again with a newer reader; this is the text read before.</p>
        )}
        {file.note && <p className="govuk-inset-text">{file.note}</p>}
        {file.pages.map((page) => (
          <section key={page.pageNumber} aria-labelledby={file.paged ? `text-${file.fileId}-page-${page.pageNumber}` : undefined}>
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
        <TextViews file={file} />
      </div>
    </details>
  );
}
