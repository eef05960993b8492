/**
 * An action from an inspection recommendation, in a real browser, with and
 * without JavaScript: the Trust's officer adds it from the recommendation's page
 * (refused first, with a message beside the field), then completes it with an
 * uploaded evidence document; the public sees where it came from and the file.
 * Every page passes axe-core's WCAG 2.2 A/AA rules.
 */
import { describe, expect, it } from "vitest";
import { signIn } from "./support/accounts";
import { expectNoAxeViolations as checkAxe } from "./support/axe";
import { dateValue, fillDate } from "./support/date-input";
import { browserWithTabs } from "./support/tabs";

const INSPECTION = "/inspections/ofsted-2024-focused-visit";
const REFERENCE = "WNI1";

const { newTab } = browserWithTabs();

async function journey(javaScript: boolean) {
  const mark = javaScript ? "with JavaScript" : "without JavaScript";
  const expectNoAxeViolations = javaScript ? checkAxe : async () => {};
  const description = `Audit supervision records every month (${mark})`;
  const officer = await newTab(javaScript);
  const page = officer.page;
  await signIn(officer, "officer");

  // From the inspection to the recommendation, then "Add an action".
  await officer.open(INSPECTION);
  await Promise.all([page.waitForURL(/\/recommendations\/[0-9a-f-]{36}$/), page.getByRole("main").getByRole("link", { name: REFERENCE }).first().click()]);
  await Promise.all([page.waitForURL(/\/actions\/new\?recommendation=/), page.getByRole("link", { name: "Add an action" }).click()]);
  await expectNoAxeViolations(page);

  // Refused first: no description; a message beside the field, the date kept.
  await fillDate(page, "dueOn", "1/1/2020");
  await Promise.all([page.waitForLoadState("load"), page.getByRole("button", { name: "Add the action" }).click()]);
  await page.getByText("Describe the action").first().waitFor();
  expect(await page.title()).toMatch(/^Error: /);
  expect(await dateValue(page, "dueOn")).toBe("1/1/2020");
  await expectNoAxeViolations(page);
  officer.clearProblems(); // the refused form's 400, on purpose

  await page.getByLabel("Action", { exact: true }).fill(description);
  await fillDate(page, "dueOn", "30/6/2099");
  await Promise.all([page.waitForURL(/\/actions\/[0-9a-f-]{36}\?done=create/), page.getByRole("button", { name: "Add the action" }).click()]);
  await page.waitForLoadState("networkidle");
  await page.getByText("From the recommendation").first().waitFor();
  await expectNoAxeViolations(page);
  const actionUrl = new URL(page.url()).pathname;

  // Completed with an evidence document only.
  await page.getByLabel("Evidence document (optional)").setInputFiles({
    name: "supervision-audit.pdf",
    mimeType: "application/pdf",
    buffer: Buffer.from(`%PDF-1.4\n% supervision audit (${mark})\n%%EOF\n`),
  });
  await Promise.all([page.waitForURL(/\?done=complete/), page.getByRole("button", { name: "Complete the action" }).click()]);
  await page.waitForLoadState("networkidle");
  await page.getByRole("link", { name: "supervision-audit.pdf" }).waitFor();
  await expectNoAxeViolations(page);

  // The public sees the action, where it came from, and the file.
  const reader = await newTab(javaScript);
  await reader.open(actionUrl);
  await reader.page.getByRole("heading", { level: 1, name: description }).waitFor();
  await reader.page.getByText("From the recommendation").first().waitFor();
  const href = await reader.page.getByRole("link", { name: "supervision-audit.pdf" }).getAttribute("href");
  expect(href).toMatch(/^\/files\/[0-9a-f-]{36}$/);
  await expectNoAxeViolations(reader.page);
  await reader.open("/actions");
  await reader.page.getByRole("link", { name: description }).waitFor();
  await expectNoAxeViolations(reader.page);
}

describe("an action from a recommendation, completed with a document", () => {
  it("works with JavaScript", async () => {
    await journey(true);
  }, 240_000);
  it("works without JavaScript", async () => {
    await journey(false);
  }, 240_000);
});
