/**
 * axe-core in the page, under the portal's strict Content-Security-Policy.
 * A <script> added to the page (inline or not) is blocked by script-src 'self' 'nonce-...';
 * code evaluated through the DevTools protocol (Runtime.evaluate) is not, so axe's
 * source is evaluated that way, then run on the whole document.
 */
import fs from "node:fs";
import { createRequire } from "node:module";
import type { AxeResults, NodeResult, Result, RunOptions } from "axe-core";
import type { Page } from "playwright-core";

export const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

const require = createRequire(import.meta.url);
let source: string | undefined;
function axeSource() {
  source ??= fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
  return source;
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  helpUrl: string;
  nodes: { target: string; html: string; summary: string }[];
}

/**
 * In a tab whose context has JavaScript off, code evaluated in the page runs but its timers
 * never fire, so axe.run (which waits on setTimeout) would wait forever: that is what hung
 * the quarantined no-JavaScript run of agenda-dates.e2e.ts. Fail at once instead, saying why.
 */
async function expectTimersRun(page: Page) {
  const fired = await Promise.race([
    page.evaluate(() => new Promise<boolean>((resolve) => setTimeout(() => resolve(true), 0))),
    new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 2_000)),
  ]);
  if (!fired) {
    throw new Error(
      `axe-core cannot run on ${page.url()}: the tab has JavaScript off, so the page's timers never fire. ` +
        "Check the page in a tab with JavaScript (its server HTML is the same), as search.e2e.ts does.",
    );
  }
}

/** Runs axe-core on the page as it is now; returns the violations of WCAG 2.2 A and AA rules. */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  await expectTimersRun(page);
  const loaded = await page.evaluate(() => typeof (window as unknown as { axe?: unknown }).axe === "object");
  if (!loaded) {
    const cdp = await page.context().newCDPSession(page);
    try {
      const result = await cdp.send("Runtime.evaluate", { expression: axeSource(), returnByValue: true });
      if (result.exceptionDetails) {
        throw new Error(`axe-core could not be loaded into ${page.url()}: ${result.exceptionDetails.text}`);
      }
    } finally {
      await cdp.detach();
    }
  }
  const options: RunOptions = {
    runOnly: { type: "tag", values: WCAG_TAGS },
    resultTypes: ["violations"],
  };
  const violations = await page.evaluate(async (runOptions) => {
    const axe = (window as unknown as { axe: { run: (c: Document, o: unknown) => Promise<AxeResults> } }).axe;
    const results = await axe.run(document, runOptions);
    return results.violations.map((v: Result) => ({
      id: v.id,
      impact: v.impact ?? null,
      help: v.help,
      helpUrl: v.helpUrl,
      nodes: v.nodes.map((n: NodeResult) => ({
        target: n.target.map(String).join(" >>> "),
        html: n.html,
        summary: n.failureSummary ?? "",
      })),
    }));
  }, options);
  return violations;
}

export function describeViolations(url: string, violations: AxeViolation[]): string {
  const lines = [`axe-core found ${violations.length} accessibility violation(s) on ${url}:`];
  for (const v of violations) {
    lines.push(`\n[${v.id}] (${v.impact ?? "no impact given"}) ${v.help}\n  ${v.helpUrl}`);
    for (const node of v.nodes) {
      lines.push(`  - target: ${node.target}\n    html: ${node.html.slice(0, 300)}`);
      if (node.summary) lines.push(`    ${node.summary.replace(/\n/g, "\n    ")}`);
    }
  }
  return lines.join("\n");
}

/** Fails, listing each violation's rule, help and offending elements, unless axe finds none. */
export async function expectNoAxeViolations(page: Page) {
  const violations = await axeViolations(page);
  if (violations.length > 0) throw new Error(describeViolations(page.url(), violations));
}
