/**
 * The GOV.UK error summary: each field's message links to its field; a message
 * about the whole form has no field, so it is plain text, never a link to "#form".
 */
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { ErrorSummary } from "./forms";

function summaryItems(html: string) {
  const list = html.match(/<ul class="govuk-list govuk-error-summary__list">(.*?)<\/ul>/)?.[1] ?? "";
  return [...list.matchAll(/<li>(.*?)<\/li>/g)].map((m) => m[1]);
}

describe("ErrorSummary", () => {
  it("links each field's message to the field", () => {
    const html = renderToStaticMarkup(<ErrorSummary errors={{ title: "Enter the item's title", day: "Enter a real date" }} />);
    expect(summaryItems(html)).toEqual(['<a href="#title">Enter the item&#x27;s title</a>', '<a href="#day">Enter a real date</a>']);
  });

  it("shows a form-level message as plain text, beside linked field messages", () => {
    const html = renderToStaticMarkup(<ErrorSummary errors={{ form: "The item is already last", title: "Enter the item's title" }} />);
    expect(summaryItems(html)).toEqual(["The item is already last", '<a href="#title">Enter the item&#x27;s title</a>']);
    expect(html).not.toContain('href="#form"');
    expect(html).toContain("There is a problem");
  });

  it("shows errors of fields without a visible input as plain text when told", () => {
    const html = renderToStaticMarkup(<ErrorSummary errors={{ approvedMeetingId: "Those minutes have already been approved" }} unlinked={["approvedMeetingId"]} />);
    expect(summaryItems(html)).toEqual(["Those minutes have already been approved"]);
  });

  it("renders nothing without errors", () => {
    expect(renderToStaticMarkup(<ErrorSummary errors={{ title: undefined }} />)).toBe("");
    expect(renderToStaticMarkup(<ErrorSummary errors={null} />)).toBe("");
  });
});
