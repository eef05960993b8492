/**
 * What the hostile-input test (tests/e2e/hostile-input.e2e.ts, issue 20 item 2;
 * docs/decisions/029-hostile-input-measured.md) found, each fixed where it starts,
 * one regression test each: the answer is a message beside the field (or a 4xx),
 * never a 500 or a database error.
 */
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CheckboxGroup } from "~/components/clerk";
import { ErrorSummary } from "~/components/forms";
import { db } from "~/db.server";
import { addItem, createMeeting, updateItem } from "~/models/meetings";
import { setAgendaItemPriorities } from "~/models/oversight/refs.server";
import { recordChoiceField } from "~/utils/form-fields";
import { cookieFor, makeUser } from "../support/accounts";
import { makeBody, makeItem, makeMeeting, makeOrganisation, makeQuestion } from "../support/factories";
import { send, startTestServer, type TestServer } from "../support/remix-app";

let server: TestServer;
let clerk: { id: string };
let cookie: string;
let meetingId: string;
let itemId: string;
const actor = () => ({ userId: clerk.id });

beforeAll(async () => {
  clerk = await makeUser("clerk");
  cookie = await cookieFor(clerk.id);
  const body = await makeBody();
  const meeting = await db().transaction((tx) =>
    createMeeting(tx, actor(), { bodyId: body.id, title: "Hostile board", day: "2030-03-04", startTime: "18:00", endTime: "", venue: "", attendanceMode: "in_person" }, new Date("2030-01-01T09:00:00Z")),
  );
  meetingId = meeting.id;
  itemId = (await db().transaction((tx) => addItem(tx, actor(), meetingId, { title: "An item", parentId: null }))).id;
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

/** The parts of a 500 or a leaked error a body must never hold. */
function expectNoInternals(text: string) {
  expect(text).not.toMatch(/Failed query|invalid input syntax|\bat .*\.(ts|js):\d+|node_modules/);
}

describe("a list's choice that is not an id (a forged or mangled <select> value)", () => {
  it("recordChoiceField takes a UUID, or nothing when optional, and nothing else", () => {
    const optional = recordChoiceField({ optional: true, message: "Choose" });
    const required = recordChoiceField({ message: "Choose" });
    expect(optional.safeParse("").success).toBe(true);
    expect(optional.safeParse("00000000-0000-4000-8000-000000000000").success).toBe(true);
    for (const bad of ["not-an-id", "1", "' OR 1=1 --", "a\u0000b", "0".repeat(36)]) {
      expect(optional.safeParse(bad).success, bad).toBe(false);
      expect(required.safeParse(bad).success, bad).toBe(false);
    }
    expect(required.safeParse("").success).toBe(false);
  });

  it("a new agenda item's parent: answered beside the field, not a 500", async () => {
    const res = await send(server, `/clerk/meetings/${meetingId}`, { cookie, form: [["intent", "add"], ["title", "Sub-item"], ["parentId", "' OR 1=1 --"]] });
    const text = await res.text();
    expect(res.status).toBe(400);
    expect(text).toContain("Select an item of this meeting");
    expectNoInternals(text);
  });

  /** The item's form as the page sends it, with `fields` in place of (or added to) its own. */
  const itemForm = (fields: [string, string][]): [string, string][] => {
    const base: [string, string][] = [
      ["intent", "save"], ["title", "An item"], ["purpose", ""], ["body", ""], ["leadOfficerId", ""], ["isExempt", "no"],
      ["exemptParagraph", ""], ["exemptReason", ""], ["publicTitle", ""], ["publicSummary", ""], ["reason", ""], ["version", "1"],
    ];
    const named = new Set(fields.map(([k]) => k));
    return [...base.filter(([k]) => !named.has(k)), ...fields];
  };

  it("an agenda item's lead officer: answered beside the field, not a 500", async () => {
    const res = await send(server, `/clerk/items/${itemId}`, { cookie, form: itemForm([["leadOfficerId", "not-an-id"]]) });
    const text = await res.text();
    expect(res.status).toBe(400);
    expect(text).toContain("Select a lead officer from the list");
    expectNoInternals(text);
  });

  it("an agenda item's priorities: a forged value answered beside the boxes, not a 500", async () => {
    const res = await send(server, `/clerk/items/${itemId}`, { cookie, form: itemForm([["priorityIds", "<script>alert(1)</script>"]]) });
    const text = await res.text();
    expect(res.status).toBe(400);
    expect(text).toContain("Select strategic priorities from the list");
    expectNoInternals(text);
    // The model never sends such a value to the database either.
    expect(await db().transaction((tx) => setAgendaItemPriorities(tx, itemId, ["not-an-id"]))).toEqual([]);
  });

  it("the models refuse such an id themselves, before any query", async () => {
    await expect(db().transaction((tx) => addItem(tx, actor(), meetingId, { title: "x", parentId: "not-an-id" }))).rejects.toMatchObject({
      field: "parentId",
    });
    await expect(
      db().transaction((tx) =>
        updateItem(tx, actor(), itemId, 1, {
          title: "An item",
          purpose: "",
          body: "",
          leadOfficerId: "not-an-id",
          isExempt: false,
          exemptParagraph: null,
          exemptReason: "",
          publicTitle: "",
          publicSummary: "",
          priorityIds: [],
        }, ""),
      ),
    ).rejects.toMatchObject({ field: "leadOfficerId" });
  });
});

describe("a group of checkboxes refused (a forged priority or recommendation id)", () => {
  it("shows its message inside its fieldset, which points at it", () => {
    const html = renderToStaticMarkup(
      createElement(CheckboxGroup, { name: "priorityIds", legend: "Priorities", options: [{ value: "a", label: "A" }], checked: [], error: "Choose priorities from the list" }),
    );
    expect(html).toMatch(/govuk-form-group--error/);
    expect(html).toMatch(/<fieldset[^>]*aria-describedby="priorityIds-error"/);
    expect(html).toMatch(/<p id="priorityIds-error" class="govuk-error-message">.*Choose priorities from the list/);
  });

  it("on the page to raise a question, the message is beside the boxes, not above the group on its own", async () => {
    const member = await makeUser("member");
    const meeting = await makeMeeting((await makeBody()).id);
    const item = await makeItem(meeting.id);
    const trust = await makeOrganisation();
    const res = await send(server, `/questions/new?item=${item.id}`, {
      cookie: await cookieFor(member.id),
      form: [["item", item.id], ["addressedToId", trust.id], ["text", "Why?"], ["priorityIds", "' OR 1=1 --"]],
    });
    const html = await res.text();
    expect(res.status).toBe(400);
    expect(html).toMatch(/<a href="#priorityIds">/);
    expect(html).toMatch(/<fieldset[^>]*aria-describedby="priorityIds-error"[^>]*>\s*<legend[^>]*>[^<]*<\/legend>\s*<p id="priorityIds-error" class="govuk-error-message">/);
    expectNoInternals(html);
  });
});

describe("an error about a hidden field (a forged intent, a mangled version)", () => {
  it("is text in the error summary, not a link to a field that is not on the page", () => {
    const html = renderToStaticMarkup(createElement(ErrorSummary, { errors: { version: "The form is out of date: reload the page", intent: "Choose what to do", title: "Enter a title" } }));
    expect(html).not.toMatch(/href="#version"|href="#intent"/);
    expect(html).toContain("The form is out of date: reload the page");
    expect(html).toContain('href="#title"');
  });
});

describe("a question's form posted after the question stopped offering it (closed in another tab)", () => {
  it("answers in the summary as text, not with a link to a field that is no longer on the page", async () => {
    const meeting = await makeMeeting((await makeBody()).id);
    const item = await makeItem(meeting.id);
    const trust = await makeOrganisation();
    const question = await makeQuestion(item.id, trust.id, { closedAt: new Date("2026-02-01T09:00:00Z"), closureReason: "Withdrawn" });
    const res = await send(server, `/questions/${question.id}`, { cookie, form: [["intent", "close"], ["closureReason", "again\u0000"]] });
    const html = await res.text();
    expect(res.status).toBe(400);
    expect(html).toMatch(/govuk-error-summary/);
    expect(html).not.toMatch(/id="closureReason"/);
    expect(html).not.toMatch(/href="#closureReason"/);
    expectNoInternals(html);
  });
});
