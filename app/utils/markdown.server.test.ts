import { describe, expect, it } from "vitest";
import { markdownToText, renderMarkdown } from "./markdown.server";

describe("renderMarkdown", () => {
  it("escapes raw HTML instead of rendering it", () => {
    const html = renderMarkdown('Hello <script>alert("x")</script> <img src=x onerror=alert(1)>');
    expect(html).not.toContain("<script>");
    expect(html).not.toContain("<img");
    expect(html).toContain("&lt;script&gt;");
  });

  it("drops javascript: and data: links but keeps http(s), mailto and relative ones", () => {
    expect(renderMarkdown("[a](javascript:alert(1))")).not.toContain("href");
    expect(renderMarkdown("[a](data:text/html,hi)")).not.toContain("href");
    expect(renderMarkdown("[a](https://example.org)")).toContain('href="https://example.org"');
    expect(renderMarkdown("[a](mailto:clerk@example.org)")).toContain('href="mailto:clerk@example.org"');
    expect(renderMarkdown("[a](/meetings)")).toContain('href="/meetings"');
    expect(renderMarkdown("[a](//evil.example)")).not.toContain("href");
  });

  it("gives headings anchors and renders tables", () => {
    expect(renderMarkdown("## What needs to improve")).toContain('id="what-needs-to-improve"');
    const table = renderMarkdown("| a | b |\n| - | - |\n| 1 | 2 |");
    expect(table).toContain('<table class="govuk-table">');
    expect(table).toContain("<td>1</td>");
  });

  it("makes plain text for snippets", () => {
    expect(markdownToText("# Title\n\nSome *emphasis* & more")).toBe("Title Some emphasis & more");
  });
});
