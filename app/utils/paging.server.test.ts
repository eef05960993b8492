import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { StaticRouter } from "react-router-dom/server";
import { describe, expect, it } from "vitest";
import { Pagination } from "../components/pagination";
import { capTotal, cappedPageCount, COUNT_CAP, describeTotal, pageTotals } from "./paging.server";

const render = (props: Parameters<typeof Pagination>[0]) =>
  renderToStaticMarkup(createElement(StaticRouter, { location: "/questions" }, createElement(Pagination, props)));

describe("capped counts for pagination", () => {
  it("keeps a count up to the cap and says 'more than' beyond it", () => {
    expect(capTotal(0)).toEqual({ total: 0, more: false });
    expect(capTotal(COUNT_CAP)).toEqual({ total: 10_000, more: false });
    expect(capTotal(COUNT_CAP + 1)).toEqual({ total: 10_000, more: true });
    expect(describeTotal(capTotal(1), "question", "questions")).toBe("1 question");
    expect(describeTotal(capTotal(2345), "question", "questions")).toBe("2,345 questions");
    expect(describeTotal(capTotal(10_001), "question", "questions")).toBe("more than 10,000 questions");
    expect(pageTotals(capTotal(10_001), 1, "action", "actions").totalText).toBe("More than 10,000 actions");
  });

  it("offers every page of an exact count, and always one more past a capped one", () => {
    expect(cappedPageCount(capTotal(0), 1)).toBe(1);
    expect(cappedPageCount(capTotal(41), 1)).toBe(3);
    expect(cappedPageCount(capTotal(10_001), 1)).toBe(500);
    expect(cappedPageCount(capTotal(10_001), 500)).toBe(501);
    expect(cappedPageCount(capTotal(10_001), 730)).toBe(731);
  });

  it("does not offer the capped page count as the last page", () => {
    const href = (p: number) => `/questions?page=${p}`;
    const exact = render({ page: 1, pageCount: 3, href });
    expect(exact).toContain('aria-label="Page 3"');
    expect(exact).not.toContain("More pages follow");
    const capped = render({ page: 1, pageCount: 500, more: true, href });
    expect(capped).not.toContain('aria-label="Page 500"');
    expect(capped).toContain("More pages follow");
    expect(capped).toContain('href="/questions?page=2"');
  });
});
