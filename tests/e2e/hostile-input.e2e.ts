/**
 * Hostile input, measured (issue 20 item 2; docs/decisions/029-hostile-input-measured.md).
 *
 * On a portal of its own (a fresh embedded database: what it saves touches no other
 * file's records), as each role (the public and the four demo accounts):
 * 1. every page of the route list (support/route-list.ts) that the role may see is
 *    fetched as that role, and its <form>s (method, action, fields, submit buttons)
 *    and the query parameters of its links and GET forms are read from the HTML the
 *    server sends (support/hostile-forms.ts, readHtml: what a browser's form would
 *    post, without running the page's scripts; every page works without them);
 * 2. every field of every form, every query parameter and every address segment
 *    is sent one value of each class of bad input (support/hostile.ts) chosen by a
 *    sampler with a fixed seed; each form is also sent with wrong content types,
 *    with no fields, with one field missing and with one field twice, and replayed
 *    as each role the route list says may not see its page;
 * 3. every answer is checked: never 5xx, no stack trace in the body, no script
 *    from a payload that would run, a rejected field answered beside the field
 *    (the error summary links to it, its message is beside it, what was typed is
 *    kept), a replayed form refused; after the posts, every page is read again for
 *    stored script.
 * The test prints the requests sent, routes, forms, fields and failures.
 * HOSTILE_SEED picks another sample; HOSTILE_VERBOSE=1 prints every failure in full;
 * HOSTILE_ONLY=<regex> sends only the requests whose description matches.
 */
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { routeManifest } from "../support/remix-app";
import { launchBrowser } from "./support/browser";
import {
  corpusFor,
  errorsBesideFields,
  LONG,
  multipart,
  renderedScriptIn,
  seeded,
  stackTraceIn,
  UNKNOWN_UUID,
  urlEncoded,
  valueKept,
  type HostileValue,
  type Sampler,
} from "./support/hostile";
import { formBody, isDestructive, pool, readHtml, shape, type FoundField, type Target } from "./support/hostile-forms";
import { HttpSession } from "./support/http-session";
import { resolve, ROUTE_WALK, WHO, type WalkFixtures, type Who } from "./support/route-list";
import { makeHostileRecords, type ExtraPage } from "./support/hostile-records";
import { startPortal, type PortalServer } from "./support/server";
import { startSmtpCatcher, type SmtpCatcher } from "./support/smtp";
import { findFixtures } from "./support/walk-fixtures";

const SEED = Number(process.env.HOSTILE_SEED ?? 20_2);
/** HOSTILE_CLASSES=all: the whole corpus everywhere (CI sends a rotating sample: support/hostile.ts). */
const EVERY = process.env.HOSTILE_CLASSES === "all";
/** Which of the wrong bodies the next form is sent (they rotate form after form). */
let bodyTurn = 0;
/** HOSTILE_ONLY=<regex>: only the requests whose description matches (to look at one route again). */
const ONLY = process.env.HOSTILE_ONLY ? new RegExp(process.env.HOSTILE_ONLY) : null;
/** Requests in flight at once, per role. */
const IN_FLIGHT = 4;

let portal: PortalServer;
let site: string;
let browser: Browser;
let fixtures: WalkFixtures;
let smtp: SmtpCatcher;
/** Pages of records the seeded content lacks (an action, follow, invitation and reset links): support/hostile-records.ts. */
let extraPages: ExtraPage[] = [];
/** Each role's session, signed in once (the public: no cookies). */
const sessions = new Map<Who, HttpSession>();

const counts = { requests: 0, routes: 0, pages: 0, forms: 0, fields: 0, queryParameters: 0, segments: 0, replays: 0 };
const failures: string[] = [];
const byClass = new Map<string, number>();
/** Milliseconds spent waiting for answers, by address shape (HOSTILE_TIMES=1 prints the slowest). */
const timeByShape = new Map<string, number>();

beforeAll(async () => {
  smtp = await startSmtpCatcher();
  portal = await startPortal({ env: { SMTP_URL: smtp.url } });
  site = portal.baseURL;
  browser = await launchBrowser();
  fixtures = await findFixtures(browser, site);
  extraPages = await makeHostileRecords(site, smtp, fixtures);
  for (const who of WHO) {
    const session = new HttpSession(site, who);
    if (who !== "public") await session.signIn(who);
    sessions.set(who, session);
  }
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await portal?.stop();
  await smtp?.close();
});

interface Sent {
  what: string;
  status: number;
  body: string;
  type: string;
  location: string;
}

/** One request as a role (its session's cookies, the site's own Origin), redirects not followed. */
async function send(who: Who, method: string, address: string, body?: { data: string | Buffer; type?: string }): Promise<Sent> {
  counts.requests++;
  const headers: Record<string, string> = { Origin: site };
  if (body?.type) headers["Content-Type"] = body.type;
  const began = Date.now();
  const answer = await sessions.get(who)!.request(method, address, { body: body?.data, headers });
  const where = `${method} ${shape(new URL(address, site).href)}`;
  timeByShape.set(where, (timeByShape.get(where) ?? 0) + Date.now() - began);
  const type = answer.headers.get("content-type") ?? "";
  const text = /text|json|xml|calendar/.test(type) ? Buffer.from(answer.body, "latin1").toString("utf8") : "";
  return { what: `${method} ${address.slice(0, 160)}`, status: answer.status, body: text, type, location: answer.location ?? "" };
}

function fail(who: Who, what: string, problem: string) {
  failures.push(`[${who}] ${what}: ${problem}`);
}

/**
 * An edit form carries the version it was loaded at: after a save, the next post
 * would only be told the record changed meanwhile. The version is read again from
 * the answer, or from the page after a redirect, so every hostile value is judged
 * by the form's own checks and an accepted one is really stored.
 */
async function keepVersion(who: Who, target: Target, sent: Sent) {
  const field = target.form.fields.find((f) => f.name === "version");
  if (!field) return;
  let html = sent.body;
  if (sent.status >= 300 && sent.status < 400) html = (await send(who, "GET", target.page)).body;
  const version = html.match(/name="version"[^>]*value="(\d+)"|value="(\d+)"[^>]*name="version"/);
  if (version) field.value = version[1] ?? version[2];
}

/** The checks every answer gets. */
function checkAnswer(who: Who, label: string, sent: Sent) {
  if (sent.status >= 500) fail(who, label, `answered ${sent.status}: ${sent.body.slice(0, 200).replace(/\s+/g, " ")}`);
  const trace = stackTraceIn(sent.body);
  if (trace) fail(who, label, `a stack trace or internal error in the body (${sent.status}): ${trace}`);
  if (/html/.test(sent.type)) for (const script of renderedScriptIn(sent.body)) fail(who, label, `script that would run: ${script}`);
}

const VISIBLE = new Set(["text", "textarea", "email", "number", "date", "time", "url", "search", "tel", "select", "radio", "checkbox", "password"]);
const KEEPABLE = new Set(["script", "markdown-link", "sql", "number", "date"]);
/** Fields that show what was typed (a select, radios and checkboxes show their choices). */
const TYPED = new Set(["text", "textarea", "email", "number", "date", "time", "url", "search", "tel"]);

describe("hostile input", () => {
  it("sends a corpus of bad input to every form, query parameter and address, as each role: no 5xx, no stack trace, no script that runs, every refusal beside its field", async () => {
    const started = Date.now();
    const sampler: Sampler = seeded(SEED);
    const manifest = await routeManifest();
    const routeIds = new Set(manifest.map((r) => r.id));
    const otherIds = [fixtures.meeting.id, fixtures.item.id, fixtures.question.id, fixtures.recommendation.id, fixtures.user.id, fixtures.person.id];

    // 1. What each role sees: forms and query parameters, per page. The pages are read a few
    // at a time, then taken in the route list's order, so a seed always draws the same sample.
    const targets = new Map<string, Target>();
    const queries = new Map<string, { url: URL; seenBy: Who[] }>();
    const pages: { routeId: string; path: string; roles: Who[] }[] = [];
    for (const [routeId, entry] of Object.entries(ROUTE_WALK)) {
      if (!routeIds.has(routeId)) continue;
      const path = resolve(entry.path, fixtures) ?? manifest.find((r) => r.id === routeId)!.path ?? "/";
      counts.routes++;
      if (entry.kind === "resource") {
        const url = new URL(path, site);
        // A resource's own parameters, and paging (the API's lists page).
        for (const name of new Set([...url.searchParams.keys(), "page", ...(path.startsWith("/api/") ? ["per_page"] : [])])) {
          queries.set(`${shape(url.href)}?${name}`, { url, seenBy: WHO.filter((w) => (entry.roles?.[w] ?? "page") === "page") });
        }
        continue;
      }
      pages.push({ routeId, path, roles: WHO.filter((w) => entry.roles[w] === "page") });
    }
    for (const extra of extraPages) {
      counts.routes++;
      pages.push(extra);
    }
    const views = pages.flatMap(({ routeId, path, roles }) => roles.map((who) => ({ routeId, path, who })));
    const read = new Map<(typeof views)[number], ReturnType<typeof readHtml>>();
    await pool(views, IN_FLIGHT, async (view) => {
      const { url, html } = await sessions.get(view.who)!.open(view.path);
      counts.pages++;
      read.set(view, readHtml(html, url));
    });
    const discovered = Date.now();
    for (const view of views) noteForms(view.routeId, view.path, view.who, read.get(view)!);

    /** Notes a page's forms and the query parameters of its links, as one role saw them. */
    function noteForms(routeId: string, path: string, who: Who, found: ReturnType<typeof readHtml>) {
      for (const form of found.forms) {
        if (new URL(form.action).pathname === "/sign-out") continue; // would end the role's session
        if (form.method === "get") {
          const url = new URL(form.action);
          for (const field of form.fields) url.searchParams.set(field.name, field.value);
          for (const field of form.fields) queries.set(`${shape(url.href)}?${field.name}`, { url, seenBy: [who] });
          continue;
        }
        const key = `${shape(form.action)} ${form.submit?.name}=${form.submit?.value} ${form.fields.map((f) => f.name).join(",")}`;
        const known = targets.get(key);
        if (known) {
          if (!known.seenBy.includes(who)) known.seenBy.push(who);
        } else targets.set(key, { key, routeId, page: path, form, seenBy: [who] });
      }
      for (const link of found.links) {
        const url = new URL(link);
        for (const name of url.searchParams.keys()) {
          const key = `${shape(url.href)}?${name}`;
          const known = queries.get(key);
          if (known) {
            if (!known.seenBy.includes(who)) known.seenBy.push(who);
          } else queries.set(key, { url, seenBy: [who] });
        }
      }
    }
    counts.forms = targets.size;
    counts.queryParameters = queries.size;

    // 2. The plan: each form and parameter fuzzed as one role that sees it (the sampler chooses).
    /** A job's group runs one job at a time, in order (one form's posts, so its version stays current). */
    type Job = { who: Who; label: string; cls: string; run: () => Promise<void>; last?: boolean; group?: string };
    const jobs: Job[] = [];

    for (const [key, { url, seenBy }] of queries) {
      const name = key.slice(key.lastIndexOf("?") + 1);
      const who = sampler.pick(seenBy);
      for (const value of corpusFor(sampler, otherIds)) {
        const address = new URL(url.href);
        address.searchParams.delete(name);
        const encoded = value.raw ?? encodeURIComponent(value.value);
        const query = `${address.search ? `${address.search}&` : "?"}${encodeURIComponent(name)}=${encoded}`;
        jobs.push({
          who,
          cls: value.cls,
          label: `GET ${address.pathname}?${name}=<${value.cls}${value.label ? ` ${value.label}` : ""}>`,
          run: async () => checkAnswer(who, `GET ${address.pathname} ?${name}=<${value.cls}>`, await send(who, "GET", `${address.pathname}${query}`)),
        });
      }
      // The parameter twice, and as an array.
      const twice = new URL(url.href);
      twice.searchParams.append(name, "2");
      twice.searchParams.append(`${name}[]`, "x");
      jobs.push({ who, cls: "duplicated", label: `GET ${twice.pathname} ${name} twice`, run: async () => checkAnswer(who, `GET ${twice.pathname} ${name} twice`, await send(who, "GET", twice.pathname + twice.search)) });
    }

    // Every dynamic address segment of every page: a few hostile values in place of its slug or id.
    for (const { path, roles } of pages) {
      const segments = path.split("?")[0].split("/");
      const last = segments.length - 1;
      const dynamic = segments.map((s, i) => (/^[0-9a-f-]{36}$/.test(s) || (i > 1 && /-/.test(s)) ? i : -1)).filter((i) => i > 0);
      for (const index of dynamic) {
        counts.segments++;
        const who = sampler.pick(roles);
        for (const value of [sampler.pick(["<script>hostile_xss(12)</script>", "' OR 1=1 --"]), "9".repeat(40), "A".repeat(sampler.chance(0.3) ? 8_000 : 600), UNKNOWN_UUID, "-1", "%C3%28"]) {
          const parts = [...segments];
          parts[index] = value.startsWith("%") ? value : encodeURIComponent(value);
          const address = parts.join("/") + (index === last && path.includes("?") ? path.slice(path.indexOf("?")) : "");
          jobs.push({ who, cls: "segment", label: `GET ${address.slice(0, 80)}`, run: async () => checkAnswer(who, `GET ${path} segment ${index}=<${value.slice(0, 20)}>`, await send(who, "GET", address)) });
        }
      }
    }

    for (const target of targets.values()) {
      const who = sampler.pick(target.seenBy);
      const { form } = target;
      const action = new URL(form.action).pathname + new URL(form.action).search;
      const multipartForm = /multipart/.test(form.enctype);
      const post = (fields: [string, HostileValue | string][]) => {
        if (!multipartForm) return { data: urlEncoded(fields), type: "application/x-www-form-urlencoded" };
        const boundary = `----hostile${Math.floor(sampler.next() * 1e9)}`;
        return { data: multipart(fields, boundary), type: `multipart/form-data; boundary=${boundary}` };
      };
      const last = isDestructive(target);
      const fieldNames = [...new Set(form.fields.filter((f) => f.kind !== "file").map((f) => f.name))];
      counts.fields += fieldNames.length;

      for (const name of fieldNames) {
        const field = form.fields.find((f) => f.name === name)!;
        for (const value of corpusFor(sampler, otherIds)) {
          const label = `POST ${action} ${name}=<${value.cls}${value.label ? ` ${value.label}` : ""}> as ${who} (from ${target.page})`;
          jobs.push({
            who,
            cls: value.cls,
            label,
            last,
            group: target.key,
            run: async () => {
              const sent = await send(who, "POST", action, post(formBody(target, { name, value })));
              await keepVersion(who, target, sent);
              checkAnswer(who, label, sent);
              checkRefusal(who, label, sent, field, value);
            },
          });
        }
      }
      // One field (sampled) sent twice, the hostile value first, and one left out
      // (HOSTILE_CLASSES=all: two of each).
      const doubled = EVERY ? [sampler.pick(fieldNames), sampler.pick(fieldNames)] : [sampler.pick(fieldNames)];
      for (const name of doubled.filter(Boolean)) {
        jobs.push({
          who,
          group: target.key,
          cls: "duplicated",
          label: `POST ${action} ${name} twice`,
          last,
          run: async () => checkAnswer(who, `POST ${action} ${name} twice`, await send(who, "POST", action, post(formBody(target, { name, value: "<b>first</b>", twice: true })))),
        });
        // The field missing.
        jobs.push({
          who,
          group: target.key,
          cls: "missing",
          label: `POST ${action} without ${name}`,
          last,
          run: async () => checkAnswer(who, `POST ${action} without ${name}`, await send(who, "POST", action, post(formBody(target, { name, value: null })))),
        });
      }
      // Wrong content types, no body, garbage, and a form over its limit (sampled).
      const fields = formBody(target);
      const bodies: { cls: string; data: string | Buffer; type?: string }[] = [
        { cls: "content-type", data: JSON.stringify(Object.fromEntries(fields.map(([n, v]) => [n, typeof v === "string" ? v : v.value]))), type: "application/json" },
        { cls: "content-type", data: urlEncoded(fields), type: "text/plain" },
        { cls: "content-type", data: "--x\r\nContent-Disposition: form-data; name=\"a\r\n\r\n\u0000garbage", type: "multipart/form-data; boundary=x" },
        { cls: "content-type", data: urlEncoded(fields), type: "multipart/form-data" },
        { cls: "missing", data: "", type: "application/x-www-form-urlencoded" },
        { cls: "content-type", data: "%%%&&&==%zz", type: "application/x-www-form-urlencoded" },
      ];
      // These bodies meet the one parser every action shares (app/server.ts and the route's
      // formData), so two of them in turn per form reach every kind across the forms;
      // HOSTILE_CLASSES=all sends all of them to every form.
      const sent = EVERY ? bodies : [0, 1].map((i) => bodies[(bodyTurn + i) % bodies.length]);
      bodyTurn = (bodyTurn + 2) % bodies.length;
      if (sampler.chance(0.15)) sent.push({ cls: "long", data: `${fieldNames[0] ?? "x"}=${"A".repeat(LONG.overLimit)}`, type: "application/x-www-form-urlencoded" });
      for (const body of sent) {
        const label = `POST ${action} <${body.cls} ${body.type}> as ${who}`;
        jobs.push({ who, group: target.key, cls: body.cls, label, last, run: async () => checkAnswer(who, label, await send(who, "POST", action, body)) });
      }
      // Replayed as each role that may not see the page: refused, never acted on.
      const entry = ROUTE_WALK[target.routeId];
      for (const other of WHO) {
        // A page of the records made for this test (no route-walk entry): who may post is not listed, so no replay.
        if (!entry || entry.kind !== "page" || entry.roles[other] === "page") continue;
        counts.replays++;
        const label = `POST ${action} (a ${target.seenBy.join("/")} form from ${target.page}) replayed as ${other}`;
        jobs.push({
          who: other,
          cls: "replay",
          label,
          last,
          run: async () => {
            const sent = await send(other, "POST", action, post(fields));
            checkAnswer(other, label, sent);
            const toSignIn = sent.status >= 300 && sent.status < 400 && new URL(sent.location, site).pathname === "/sign-in";
            if (!(toSignIn || [400, 401, 403, 404, 405].includes(sent.status))) fail(other, label, `not refused: answered ${sent.status} ${sent.location}`);
          },
        });
      }
    }

    function checkRefusal(who: Who, label: string, sent: Sent, field: FoundField, value: HostileValue) {
      if (!/html/.test(sent.type) || sent.status >= 500) return;
      const shown = /govuk-error-summary/.test(sent.body);
      if (!shown) {
        if (sent.status === 400 && VISIBLE.has(field.kind)) fail(who, label, "refused (400) without a message beside a field");
        // An id of another record in place of a real one must not be acted on.
        if (value.cls === "forged-id" && /^[0-9a-f-]{36}$/.test(field.value) && value.value !== field.value && sent.status < 400) {
          fail(who, label, `a forged id (${value.value}) in place of ${field.value} answered ${sent.status} ${sent.location}`);
        }
        return;
      }
      const { problems, fieldIds } = errorsBesideFields(sent.body);
      for (const problem of problems) fail(who, label, problem);
      const id = field.id || field.name;
      if (fieldIds.includes(id) && KEEPABLE.has(value.cls) && TYPED.has(field.kind) && !valueKept(sent.body, id, value.value)) {
        fail(who, label, `what was typed into #${id} is not kept`);
      }
    }

    // 3. Send: role by role, a few at a time; forms that delete, withdraw or end something last, one at a time.
    for (const who of WHO) {
      const mine = jobs.filter((j) => j.who === who && (!ONLY || ONLY.test(j.label)));
      for (const job of mine) byClass.set(job.cls, (byClass.get(job.cls) ?? 0) + 1);
      const groups = new Map<string, Job[]>();
      mine.filter((j) => !j.last).forEach((job, i) => groups.set(job.group ?? String(i), [...(groups.get(job.group ?? String(i)) ?? []), job]));
      await pool([...groups.values()], IN_FLIGHT, async (group) => {
        for (const job of group) {
          try {
            await job.run();
          } catch (error) {
            fail(who, job.label, `no answer: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`);
          }
        }
      });
      for (const job of mine.filter((j) => j.last)) {
        try {
          await job.run();
        } catch (error) {
          fail(who, job.label, `no answer: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`);
        }
      }
    }

    const posted = Date.now();
    // 4. Stored script: every page again, as the public and as each role that may see it.
    const rereads: { who: Who; path: string }[] = [];
    for (const { path, roles } of pages) for (const who of new Set<Who>(["public", ...roles])) if (who === "public" ? roles.includes("public") : true) rereads.push({ who, path });
    await pool(rereads.filter((r) => !ONLY || ONLY.test(r.path)), IN_FLIGHT, async ({ who, path }) => {
      const sent = await send(who, "GET", path);
      checkAnswer(who, `GET ${path} after the posts`, sent);
    });

    const seconds = Math.round((Date.now() - started) / 1000);
    const classes = [...byClass].map(([c, n]) => `${c} ${n}`).join(", ");
    console.log(
      `Hostile input (seed ${SEED}): ${counts.requests} requests sent in ${seconds} s; ${counts.routes} routes, ${counts.pages} page views, ` +
        `${counts.forms} forms with ${counts.fields} fields, ${counts.queryParameters} query parameters, ${counts.segments} address segments, ` +
        `${counts.replays} replays as other roles; roles ${WHO.join(", ")}. By class: ${classes}. ${failures.length} failures. ` +
        `Reading the pages took ${Math.round((discovered - started) / 1000)} s, sending ${Math.round((posted - discovered) / 1000)} s, reading them again ${Math.round((Date.now() - posted) / 1000)} s.`,
    );
    // One line per kind of failure (role, address, problem), with how many and the first in full.
    const groups = new Map<string, string[]>();
    for (const f of failures) {
      const key = f.replace(/=<[^>]*>/g, "=<…>").replace(/ as \w+ \(from [^)]*\)/, "").replace(/: .*$/s, "") + ": " + (f.split(": ")[1] ?? "").replace(/\d+/g, "N").slice(0, 60);
      groups.set(key, [...(groups.get(key) ?? []), f]);
    }
    if (failures.length) {
      console.log(`${groups.size} kinds of failure:`);
      for (const [, list] of groups) console.log(`  ${list.length} × ${process.env.HOSTILE_VERBOSE ? list.join("\n    ") : list[0].slice(0, 400)}`);
    }
    if (process.env.HOSTILE_TIMES) {
      const slowest = [...timeByShape].sort((a, b) => b[1] - a[1]).slice(0, 15);
      console.log(slowest.map(([w, ms]) => `  ${Math.round(ms / 1000)} s ${w}`).join("\n"));
    }
    expect(failures.length, `${failures.length} failures (first ones above)`).toBe(0);
  }, 900_000);
});
