/**
 * The hostile-input test's reading of pages (tests/e2e/hostile-input.e2e.ts): the
 * forms and links a page shows (read from the HTML the server sends), the address shape that tells
 * one form or parameter from another, and the body a browser would post, with one
 * field's value replaced.
 */
import { decodeHTML, decodeHTMLAttribute } from "entities";
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

/** Elements whose text is not markup (their content is skipped, or read as text). */
const RAW_TEXT = new Set(["script", "style"]);

/** A start tag's attributes (names lower-cased, values with character references decoded). */
function tagAttributes(source: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of source.matchAll(/([^\s"'<>\/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g)) {
    const name = m[1].toLowerCase();
    if (!(name in out)) out[name] = decodeHTMLAttribute(m[2] ?? m[3] ?? m[4] ?? "");
  }
  return out;
}

/** An input's value as the browser gives it (the value sanitization of its type). */
function inputValue(type: string, attrs: Record<string, string>): string {
  const raw = attrs.value;
  if (type === "checkbox" || type === "radio") return raw ?? "on";
  const value = raw ?? "";
  switch (type) {
    case "hidden":
      return value;
    case "email":
    case "url":
      return value.replace(/[\r\n]/g, "").trim();
    case "number":
      return /^-?(?:\d+(?:\.\d+)?|\.\d+)(?:[eE][+-]?\d+)?$/.test(value) && Number.isFinite(Number(value)) ? value : "";
    case "date":
      return /^\d{4,}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) === value.slice(-10) ? value : "";
    default:
      return value.replace(/[\r\n]/g, "");
  }
}

/**
 * Reads a page's forms and the query parameters of its links from the HTML the server sent,
 * as a browser would see them without running the page's scripts: each form's method, address
 * (resolved against the page's address), encoding, fields (the browser's form.elements, their
 * values as the browser gives them) and submit buttons; every link to the site with a query.
 */
export function readHtml(html: string, pageUrl: string): { forms: FoundForm[]; links: string[] } {
  const origin = new URL(pageUrl).origin;
  const resolve = (href: string) => {
    try {
      return new URL(href, pageUrl).href;
    } catch {
      return href;
    }
  };
  interface OpenForm { attrs: Record<string, string>; fields: FoundField[]; radios: Map<string, { first: FoundField; checked: string | null }>; buttons: { name: string; value: string; text: string; type: string }[] }
  const forms: OpenForm[] = [];
  const links: string[] = [];
  let form: OpenForm | null = null;
  /** Open elements whose text is read: a button (its text), an option (its label), a select (its options). */
  let button: { name: string; value: string; text: string; type: string } | null = null;
  let select: { field: FoundField | null; multiple: boolean; options: { value: string | null; label: string; selected: boolean; disabled: boolean }[] } | null = null;
  let option: { value: string | null; label: string; selected: boolean; disabled: boolean } | null = null;
  const closeSelect = () => {
    if (!select) return;
    const { field, options } = select;
    if (field) {
      const chosen = options.find((o) => o.selected) ?? (select.multiple ? undefined : options.find((o) => !o.disabled));
      field.value = chosen ? (chosen.value ?? chosen.label.replace(/[\t\n\f\r ]+/g, " ").trim()) : "";
    }
    select = null;
    option = null;
  };
  const addField = (attrs: Record<string, string>, kind: string, value: string): FoundField | null => {
    if (!form || !attrs.name || "disabled" in attrs) return null;
    const field: FoundField = { name: attrs.name, kind, value, id: attrs.id ?? "" };
    if (kind === "radio") {
      const known = form.radios.get(attrs.name);
      if (known) {
        if ("checked" in attrs && known.checked === null) known.checked = value;
        return null;
      }
      form.radios.set(attrs.name, { first: field, checked: "checked" in attrs ? value : null });
    }
    if (kind === "checkbox") field.checked = "checked" in attrs;
    form.fields.push(field);
    return field;
  };

  const lower = html.toLowerCase();
  const tagPattern = /<(\/?)([a-zA-Z][a-zA-Z0-9-]*)((?:"[^"]*"|'[^']*'|[^'">])*)>/y;
  let at = 0;
  while (at < html.length) {
    const lt = html.indexOf("<", at);
    const text = lt < 0 ? html.slice(at) : html.slice(at, lt);
    if (text) {
      const decoded = decodeHTML(text);
      if (button) button.text += decoded;
      if (option) option.label += decoded;
    }
    if (lt < 0) break;
    if (html.startsWith("<!--", lt)) {
      const end = html.indexOf("-->", lt + 4);
      at = end < 0 ? html.length : end + 3;
      continue;
    }
    if (html.startsWith("<!", lt) || html.startsWith("<?", lt)) {
      const end = html.indexOf(">", lt);
      at = end < 0 ? html.length : end + 1;
      continue;
    }
    tagPattern.lastIndex = lt;
    const tag = tagPattern.exec(html);
    if (!tag) {
      // A "<" that starts no tag is text.
      if (button) button.text += "<";
      if (option) option.label += "<";
      at = lt + 1;
      continue;
    }
    at = lt + tag[0].length;
    const closing = tag[1] === "/";
    const name = tag[2].toLowerCase();
    if (closing) {
      if (name === "form") form = null;
      else if (name === "button") button = null;
      else if (name === "option") option = null;
      else if (name === "select") closeSelect();
      continue;
    }
    const attrs = tagAttributes(tag[3]);
    if (RAW_TEXT.has(name) || name === "textarea" || name === "title") {
      const end = lower.indexOf(`</${name}`, at);
      const content = html.slice(at, end < 0 ? html.length : end);
      at = end < 0 ? html.length : html.indexOf(">", end) + 1;
      if (name === "textarea") addField(attrs, "textarea", decodeHTML(content).replace(/^\n/, "").replace(/\r\n?/g, "\n"));
      continue;
    }
    switch (name) {
      case "form":
        form = { attrs, fields: [], radios: new Map(), buttons: [] };
        forms.push(form);
        break;
      case "a":
        if ("href" in attrs) {
          const href = resolve(attrs.href);
          if (href.startsWith(origin) && href.includes("?")) links.push(href);
        }
        break;
      case "input": {
        const type = (attrs.type ?? "").toLowerCase();
        if (type === "submit" && form) form.buttons.push({ name: attrs.name ?? "", value: attrs.value ?? "", text: "", type: "submit" });
        if (type === "button" || type === "submit" || type === "image" || type === "reset") break;
        addField(attrs, type || "text", inputValue(type || "text", attrs));
        break;
      }
      case "button":
        button = { name: attrs.name ?? "", value: attrs.value ?? "", text: "", type: (attrs.type ?? "submit").toLowerCase() };
        if (form) form.buttons.push(button);
        break;
      case "select":
        closeSelect();
        select = { field: addField(attrs, "select", ""), multiple: "multiple" in attrs, options: [] };
        break;
      case "option":
        if (select) {
          option = { value: attrs.value ?? null, label: "", selected: "selected" in attrs, disabled: "disabled" in attrs };
          select.options.push(option);
        }
        break;
    }
  }
  closeSelect();

  return {
    forms: forms.flatMap((f) => {
      for (const [radioName, { first, checked }] of f.radios) if (checked !== null && first.name === radioName) first.value = checked;
      const method = (f.attrs.method ?? "get").toLowerCase();
      const action = f.attrs.action ? resolve(f.attrs.action) : pageUrl;
      const enctype = ["multipart/form-data", "text/plain"].includes((f.attrs.enctype ?? "").toLowerCase()) ? f.attrs.enctype.toLowerCase() : "application/x-www-form-urlencoded";
      const submits = f.buttons.filter((b) => b.type === "submit");
      const list = submits.length ? submits.map((b) => ({ name: b.name, value: b.value, text: (b.text || b.value).trim() })) : [null];
      return list.map((submit) => ({ method, action, enctype, fields: f.fields, submit }));
    }),
    links,
  };
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
