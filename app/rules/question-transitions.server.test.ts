import { describe, expect, it } from "vitest";
import {
  checkAccept,
  checkAddAction,
  checkCancelAction,
  checkChangeDue,
  checkClose,
  checkCompleteAction,
  checkCorrect,
  checkEditQuestion,
  checkMarkSatisfactory,
  checkProgressNote,
  checkRaise,
  checkReject,
  checkRespond,
  checkStartAction,
  checkSupplementary,
  type ActionState,
  type QuestionState,
} from "./question-transitions.server";
import { PUBLIC_VIEWER, type Viewer } from "./viewer.server";

const TRUST = "org-trust";
const OTHER = "org-other";
const ASKER = "person-asker";
const at = new Date("2026-01-10T10:00:00Z");
const user = (role: "member" | "officer" | "clerk" | "admin", over: Partial<Extract<Viewer, { kind: "user" }>> = {}): Viewer => ({
  kind: "user",
  userId: `user-${role}`,
  name: role,
  email: `${role}@example.org`,
  role,
  personId: role === "member" ? ASKER : role === "officer" ? "person-officer" : null,
  organisationId: role === "officer" ? TRUST : null,
  ...over,
});
const member = user("member");
const otherMember = user("member", { personId: "person-other" });
const officer = user("officer");
const otherOfficer = user("officer", { organisationId: OTHER });
const clerk = user("clerk");
const admin = user("admin");

const q = (over: Partial<QuestionState> = {}): QuestionState => ({
  askedById: ASKER,
  addressedToId: TRUST,
  acceptedAt: at,
  rejectedAt: null,
  closedAt: null,
  sourceStatus: null,
  dueOn: "2026-02-07",
  responseKinds: [],
  satisfactory: false,
  actions: [],
  ...over,
});
const submitted = q({ acceptedAt: null });
const rejected = q({ acceptedAt: null, rejectedAt: at });
const holding = q({ responseKinds: ["holding"] });
const openAction = { description: "Publish the figures", dueOn: "2026-03-01", startedAt: null, completedAt: null, cancelledAt: null };
const answered = q({ responseKinds: ["holding", "full"], actions: [openAction] });
const closedByActions = q({ responseKinds: ["full"], actions: [{ ...openAction, completedAt: at }] });
const closedByClerk = q({ closedAt: at });

const allowed = (r: unknown) => expect(r).toBeNull();
const forbidden = (r: { kind: string } | null) => expect(r?.kind).toBe("forbidden");
const conflict = (r: { kind: string } | null) => expect(r?.kind).toBe("conflict");

describe("raising", () => {
  it("lets members raise and clerks record for a member; nobody else", () => {
    allowed(checkRaise(member, { onBehalf: false }));
    allowed(checkRaise(clerk, { onBehalf: true }));
    allowed(checkRaise(admin, { onBehalf: true }));
    forbidden(checkRaise(PUBLIC_VIEWER, { onBehalf: false }));
    forbidden(checkRaise(officer, { onBehalf: false }));
    forbidden(checkRaise(member, { onBehalf: true }));
    forbidden(checkRaise(user("member", { personId: null }), { onBehalf: false }));
  });
  it("lets only the asker change a question, and only before it is accepted", () => {
    allowed(checkEditQuestion(member, submitted));
    forbidden(checkEditQuestion(otherMember, submitted));
    forbidden(checkEditQuestion(clerk, submitted));
    conflict(checkEditQuestion(member, q()));
    conflict(checkEditQuestion(member, rejected));
  });
});

describe("accepting and rejecting", () => {
  it("is a clerk's, once, while submitted", () => {
    for (const check of [checkAccept, checkReject]) {
      allowed(check(clerk, submitted));
      allowed(check(admin, submitted));
      forbidden(check(member, submitted));
      forbidden(check(officer, submitted));
      forbidden(check(PUBLIC_VIEWER, submitted));
      conflict(check(clerk, q()));
      conflict(check(clerk, rejected));
    }
  });
});

describe("responding", () => {
  it("is for the addressed organisation's officers (and clerks), never members", () => {
    allowed(checkRespond(officer, q(), "holding"));
    allowed(checkRespond(officer, q(), "full"));
    allowed(checkRespond(clerk, q(), "full"));
    forbidden(checkRespond(otherOfficer, q(), "full"));
    forbidden(checkRespond(member, q(), "full"));
    forbidden(checkRespond(PUBLIC_VIEWER, q(), "full"));
  });
  it("follows the question: holding then full, nothing before acceptance or after a full answer or closure", () => {
    allowed(checkRespond(officer, holding, "holding"));
    allowed(checkRespond(officer, holding, "full"));
    conflict(checkRespond(officer, submitted, "full"));
    conflict(checkRespond(officer, rejected, "holding"));
    conflict(checkRespond(officer, answered, "full"));
    conflict(checkRespond(officer, answered, "holding"));
    conflict(checkRespond(officer, closedByClerk, "full"));
  });
  it("allows a correction of an existing response by the organisation", () => {
    allowed(checkCorrect(officer, answered));
    allowed(checkCorrect(officer, holding));
    conflict(checkCorrect(officer, q()));
    forbidden(checkCorrect(otherOfficer, answered));
    forbidden(checkCorrect(member, answered));
  });
});

describe("the member's view of the answer", () => {
  it("is the asker's, once there is a full response", () => {
    allowed(checkMarkSatisfactory(member, answered));
    conflict(checkMarkSatisfactory(member, { ...answered, satisfactory: true }));
    conflict(checkMarkSatisfactory(member, holding));
    forbidden(checkMarkSatisfactory(otherMember, answered));
    forbidden(checkMarkSatisfactory(officer, answered));
    allowed(checkSupplementary(member, answered));
    allowed(checkSupplementary(member, closedByActions));
    conflict(checkSupplementary(member, holding));
    forbidden(checkSupplementary(otherMember, answered));
  });
});

describe("due dates and closure", () => {
  it("lets a clerk change the due date while the question is open", () => {
    allowed(checkChangeDue(clerk, q()));
    allowed(checkChangeDue(clerk, submitted));
    conflict(checkChangeDue(clerk, rejected));
    conflict(checkChangeDue(clerk, closedByClerk));
    forbidden(checkChangeDue(member, q()));
    forbidden(checkChangeDue(officer, q()));
  });
  it("lets a clerk close an open question, refusing while actions are open and naming them", () => {
    allowed(checkClose(clerk, q()));
    allowed(checkClose(clerk, holding));
    const refusal = checkClose(clerk, answered);
    conflict(refusal);
    expect(refusal?.message).toContain("Publish the figures");
    conflict(checkClose(clerk, q({ responseKinds: ["holding"], actions: [{ ...openAction, startedAt: at }] })));
    conflict(checkClose(clerk, submitted));
    conflict(checkClose(clerk, rejected));
    conflict(checkClose(clerk, closedByActions));
    conflict(checkClose(clerk, closedByClerk));
    forbidden(checkClose(member, q()));
    forbidden(checkClose(officer, q()));
  });
  it("lets a clerk add an action to an accepted, open question", () => {
    allowed(checkAddAction(clerk, answered));
    conflict(checkAddAction(clerk, submitted));
    conflict(checkAddAction(clerk, closedByClerk));
    forbidden(checkAddAction(officer, answered));
    forbidden(checkAddAction(member, answered));
  });
});

describe("actions", () => {
  const a = (over: Partial<ActionState> = {}): ActionState => ({
    owningOrganisationId: TRUST,
    ownerId: "person-officer",
    dueOn: "2026-03-01",
    startedAt: null,
    completedAt: null,
    cancelledAt: null,
    ...over,
  });
  it("are updated by the owning organisation or a clerk only", () => {
    for (const who of [officer, clerk, admin]) {
      allowed(checkStartAction(who, a()));
      allowed(checkProgressNote(who, a()));
      allowed(checkCompleteAction(who, a(), "Report published"));
      allowed(checkCancelAction(who, a(), "No longer needed"));
    }
    for (const who of [otherOfficer, member, PUBLIC_VIEWER]) {
      forbidden(checkStartAction(who, a()));
      forbidden(checkProgressNote(who, a()));
      forbidden(checkCompleteAction(who, a(), "x"));
      forbidden(checkCancelAction(who, a(), "x"));
    }
  });
  it("move open -> in progress -> completed or cancelled, with evidence or a reason", () => {
    conflict(checkStartAction(officer, a({ startedAt: at })));
    allowed(checkCompleteAction(officer, a({ startedAt: at }), "Evidence"));
    conflict(checkCompleteAction(officer, a(), "   "));
    conflict(checkCancelAction(officer, a(), ""));
    for (const done of [a({ completedAt: at }), a({ cancelledAt: at })]) {
      conflict(checkStartAction(officer, done));
      conflict(checkProgressNote(officer, done));
      conflict(checkCompleteAction(officer, done, "x"));
      conflict(checkCancelAction(officer, done, "x"));
    }
  });
});
