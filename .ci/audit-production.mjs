#!/usr/bin/env node
/**
 * Known advisories in the production dependencies (`npm audit --omit=dev`), for .ci/run.
 * - Exit 1 when the advisory service answers and lists a high or critical advisory.
 * - Exit 0 when it answers with none, saying how many lower ones there are.
 * - When it cannot be reached (offline, a registry mirror without the audit
 *   endpoint), it says so plainly, as a warning that nothing was checked, and
 *   exits 0; with AUDIT_REQUIRED=true it exits 2 instead. Never a silent pass.
 * AUDIT_REPORT=<file> reads a saved `npm audit --json` report instead (to try this script).
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";

const run = process.env.AUDIT_REPORT
  ? { stdout: fs.readFileSync(process.env.AUDIT_REPORT, "utf8"), stderr: "", status: null }
  : spawnSync("npm", ["audit", "--omit=dev", "--json"], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
let report;
try {
  report = JSON.parse(run.stdout);
} catch {
  report = null;
}

const counts = report?.metadata?.vulnerabilities;
if (!counts) {
  const reason =
    report?.message ??
    report?.error?.summary ??
    (run.error ? run.error.message : (run.stderr || "").split("\n").find((line) => line.trim()) ?? `npm audit exited ${run.status}`);
  const required = process.env.AUDIT_REQUIRED === "true";
  console.log("*".repeat(78));
  console.log("ADVISORY CHECK NOT RUN: the npm advisory service could not be reached.");
  console.log(`  (${reason})`);
  console.log("  The production dependencies were NOT checked for known vulnerabilities.");
  console.log("  Run `npm audit --omit=dev --audit-level=high` where the registry's audit endpoint answers.");
  console.log(required ? "  AUDIT_REQUIRED=true: failing." : "  Set AUDIT_REQUIRED=true to fail the run when this happens.");
  console.log("*".repeat(78));
  process.exit(required ? 2 : 0);
}

const serious = (counts.high ?? 0) + (counts.critical ?? 0);
const summary = ["critical", "high", "moderate", "low", "info"].map((level) => `${counts[level] ?? 0} ${level}`).join(", ");
if (serious > 0) {
  for (const [name, entry] of Object.entries(report.vulnerabilities ?? {})) {
    if (entry.severity !== "high" && entry.severity !== "critical") continue;
    const titles = (entry.via ?? []).filter((via) => typeof via === "object").map((via) => `${via.title} (${via.url})`);
    console.log(`${entry.severity}: ${name} ${entry.range ?? ""}${titles.length ? `\n  ${titles.join("\n  ")}` : ""}`);
  }
  console.log(`Production dependencies: ${summary}. Failing on the high and critical ones above.`);
  process.exit(1);
}
console.log(`Production dependencies: no known high or critical advisory (${summary}).`);
