/**
 * Whether an uploaded PDF is an accessible document, as far as the portal can tell from the
 * file: the Public Sector Bodies (Websites and Mobile Applications) (No. 2) Accessibility
 * Regulations 2018 require a document a public body publishes to be accessible, and a PDF
 * with no text layer (a scan), no document title or no language is not
 * (docs/decisions/048-text-of-uploaded-papers.md). Word files and other types are not judged.
 */
export interface FileAccessibilityFacts {
  mediaType: string;
  textStatus: string | null;
  pdfHasTitle: boolean | null;
  pdfHasLanguage: boolean | null;
}

export const ACCESSIBILITY_REGULATIONS = "Public Sector Bodies (Websites and Mobile Applications) (No. 2) Accessibility Regulations 2018";

/** What makes the file not an accessible document, one plain sentence each; empty when nothing is known to be wrong. */
export function accessibilityProblems(file: FileAccessibilityFacts): string[] {
  if (file.mediaType !== "application/pdf") return [];
  const problems: string[] = [];
  if (file.textStatus === "no_text") problems.push("It has no text layer (its pages are images, as a scan is), so screen readers cannot read it.");
  if (file.pdfHasTitle === false) problems.push("It has no document title set.");
  if (file.pdfHasLanguage === false) problems.push("It has no language set.");
  return problems;
}
