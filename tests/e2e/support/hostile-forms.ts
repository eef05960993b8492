/**
 * The hostile-input test's reading of pages (tests/e2e/hostile-input.e2e.ts): the
 * forms and links a page shows (read in the browser), the address shape that tells
 * one form or parameter from another, and the body a browser would post, with one
 * field's value replaced.
 */
import type { HostileValue } from "./hostile";
import type { Who } from "./route-list";

export interface FoundField {
  name: string;
  kind: string;
  value: string;
  id: string;
  checked?: boolean;
}
export interface FoundForm {
  method: string;
  action: string;
  enctype: string;
  fields: FoundField[];
  submit: { name: string; value: string; text: string } | null;
}
export interface Target {
  key: string;
  routeId: string;
  page: string;
  form: FoundForm;
  seenBy: Who[];
}

/** Reads a page's forms and the query parameters of its links (run in the page). */
export function readPage() {
  const forms = [...document.querySelectorAll("form")].flatMap((f) => {
    const fields: { name: string; kind: string; value: string; id: string; checked?: boolean }[] = [];
    const radios = new Set<string>();
    for (const el of [...f.elements] as HTMLInputElement[]) {
      if (!el.name || el.disabled) continue;
      const tag = el.tagName.toLowerCase();
      const type = (el.getAttribute("type") ?? "").toLowerCase();
      if (tag === "button" || type === "submit" || type === "image" || type === "reset") continue;
      if (type === "radio") {
        if (radios.has(el.name)) continue;
        radios.add(el.name);
        const checked = f.querySelector<HTMLInputElement>(`input[type=radio][name="${CSS.escape(el.name)}"]:checked`);
        fields.push({ name: el.name, kind: "radio", value: (checked ?? el).value, id: el.id });
      } else if (type === "checkbox") {
        fields.push({ name: el.name, kind: "checkbox", value: el.value, id: el.id, checked: el.checked });
      } else {
        fields.push({ name: el.name, kind: tag === "select" ? "select" : tag === "textarea" ? "textarea" : type || "text", value: el.value, id: el.id });
      }
    }
    const buttons = [...f.querySelectorAll<HTMLButtonElement>("button, input[type=submit]")].filter(
      (b) => (b.getAttribute("type") ?? "submit").toLowerCase() === "submit",
    );
    const submits = buttons.length
      ? buttons.map((b) => ({ name: b.name, value: b.value, text: (b.textContent || b.value || "").trim() }))
      : [null];
    return submits.map((submit) => ({
      method: (f.getAttribute("method") ?? "get").toLowerCase(),
      action: f.action,
      enctype: f.enctype,
      fields,
      submit,
    }));
  });
  const links = [...document.querySelectorAll<HTMLAnchorElement>("a[href]")]
    .map((a) => a.href)
    .filter((h) => h.startsWith(location.origin) && h.includes("?"));
  return { forms, links };
}

/** An address with ids and numbers made general, so one shape of form or link is fuzzed once. */
export function shape(address: string): string {
  const url = new URL(address);
  return url.pathname.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, ":id").replace(/\/\d+(?=\/|$)/g, "/:n");
}

const DESTRUCTIVE = /delete|remove|withdraw|revoke|disable|deactivate|stop|unfollow|cancel|reset|end|sign out|archive/i;
export const isDestructive = (t: Target) => DESTRUCTIVE.test(`${t.form.submit?.text ?? ""} ${t.form.submit?.value ?? ""}`);

/** A plausible value for an empty field, so the other fields do not fail the form on their own. */
export function plausible(field: FoundField): string {
  if (field.value) return field.value;
  const name = field.name.toLowerCase();
  if (/day$/.test(name)) return "3";
  if (/month$/.test(name)) return "11";
  if (/year$/.test(name)) return "2026";
  switch (field.kind) {
    case "email":
      return "hostile.test@example.com";
    case "date":
      return "2026-11-03";
    case "time":
      return "18:30";
    case "number":
      return "1";
    case "url":
      return "https://example.com/";
    case "password":
    case "file":
    case "hidden":
      return "";
    default:
      return /email/.test(name) ? "hostile.test@example.com" : /url|link|address/.test(name) ? "https://example.com/" : "Hostile input test";
  }
}

/** The fields a browser would send, with `vary` replacing one field's value. */
export function formBody(target: Target, vary?: { name: string; value: HostileValue | string | null; twice?: boolean }) {
  const { form } = target;
  const hasPassword = form.fields.some((f) => f.kind === "password");
  const out: [string, HostileValue | string][] = [];
  for (const field of form.fields) {
    if (field.kind === "file") continue;
    if (field.kind === "checkbox" && !field.checked && field.name !== vary?.name) continue;
    if (vary && field.name === vary.name) {
      if (vary.value === null) continue;
      out.push([field.name, vary.value]);
      if (vary.twice) out.push([field.name, field.value || "second value"]);
      vary = { ...vary, name: "\u0000done" };
      continue;
    }
    // A sign-in or password form keeps its blanks: filled, every hostile value would be a failed sign-in, slowed by throttling.
    out.push([field.name, hasPassword ? field.value : plausible(field)]);
  }
  if (form.submit?.name) out.push([form.submit.name, form.submit.value]);
  return out;
}

/** Runs tasks a few at a time. */
export async function pool<T>(items: T[], size: number, task: (item: T) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(size, items.length) }, async () => {
      while (next < items.length) await task(items[next++]);
    }),
  );
}
