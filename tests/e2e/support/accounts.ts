/**
 * The demo accounts a newcomer's `npm start` creates on the embedded database
 * (README "Demo accounts"), and signing in with one as a person does: the form,
 * then wait to leave /sign-in.
 */
import type { Page } from "playwright-core";
import { waitForSettled, type ReaderTab } from "./browser";

export const DEMO_ACCOUNTS = {
  admin: { email: "admin@demo.example", password: "demo admin walnut harbour" },
  clerk: { email: "clerk@demo.example", password: "demo clerk lantern orchard" },
  member: { email: "member@demo.example", password: "demo member copper meadow" },
  officer: { email: "officer@demo.example", password: "demo officer willow beacon" },
} as const;

export type DemoRole = keyof typeof DEMO_ACCOUNTS;

/** Signs the tab in through the sign-in form. */
export async function signIn(tab: ReaderTab, role: DemoRole) {
  await tab.open("/sign-in");
  await tab.page.getByLabel("Email address").fill(DEMO_ACCOUNTS[role].email);
  await tab.page.getByLabel("Password").fill(DEMO_ACCOUNTS[role].password);
  await Promise.all([tab.page.waitForURL((u) => !u.pathname.startsWith("/sign-in")), tab.page.getByRole("button", { name: "Sign in" }).click()]);
}

/** Clicks a button and waits for the page it leads to (a form post answered with a redirect). */
export async function submitAndWait(page: Page, button: string | RegExp, urlPattern: RegExp) {
  await Promise.all([page.waitForURL(urlPattern), page.getByRole("button", { name: button }).click()]);
  await page.waitForLoadState("networkidle");
  await waitForSettled(page);
}
