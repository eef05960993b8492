/**
 * The leak canary's records (tests/e2e/leak-canary.e2e.ts), made through the
 * portal's own forms over HTTP as a clerk, a member and an officer would make
 * them. Each hidden thing carries its own marker, a word found nowhere else, so
 * a leak names what leaked. Markers are mixed case and one word each (full-text
 * search indexes them as one token); the test looks for them in any case.
 *
 * What is made, on a fresh portal:
 * - a draft meeting (title, venue; an item with a report and a PDF), never published;
 * - a published meeting whose public part has an open item (a public report with
 *   a PDF, a minute) and an item made exempt after its agenda was published
 *   (title, purpose, body; its report and PDF; its minute and resolution), and a
 *   third item led by the demo officer, with a question accepted while it was
 *   public, then made exempt and answered by the officer (the response that is
 *   never published);
 * - a question raised by the member and never accepted;
 * - an item added after the agenda and never published, with its draft report and PDF;
 * - the minutes published (so the exempt minute sits beside a public one), an
 *   action from the exempt minute owned by the council, and a board recommendation
 *   agreed at the exempt minute, addressed to the council, received and responded to;
 * - follows by e-mail: a reader, and a private follower whose address is a marker.
 */
import { HttpSession } from "./http-session";

export const MARKERS = {
  draftMeeting: "CnryDraftMeetingQ7",
  draftItem: "CnryDraftItemQ7",
  draftDocument: "CnryDraftDocumentQ7",
  exemptItem: "CnryExemptItemQ7",
  exemptReport: "CnryExemptReportQ7",
  exemptMinute: "CnryExemptMinuteQ7",
  exemptQuestion: "CnryExemptQuestionQ7",
  unpublishedResponse: "CnryUnpublishedResponseQ7",
  exemptAction: "CnryExemptActionQ7",
  exemptDecision: "CnryExemptDecisionQ7",
  exemptRecommendation: "CnryExemptRecommendationQ7",
  pendingQuestion: "CnryPendingQuestionQ7",
  privateFollow: "CnryPrivateFollowQ7",
} as const;
export type MarkerName = keyof typeof MARKERS;

/** The reader who follows the board by e-mail (their mail is checked); the private follower's address is a marker. */
export const READER_EMAIL = "canary.reader@example.org";
export const PRIVATE_FOLLOWER_EMAIL = `${MARKERS.privateFollow.toLowerCase()}@example.org`;

export interface CanaryRecords {
  body: { id: string; slug: string };
  meeting: { id: string; slug: string };
  draftMeeting: { id: string; slug: string };
  items: { open: string; exempt: string; answered: string; draft: string; draftMeeting: string };
  questions: { exempt: string; pending: string };
  /** The board's recommendation agreed at the exempt item's minute. */
  recommendation: string;
  /** Every record of the canary a reader might guess the address of (documents, files, API records). */
  hiddenPaths: string[];
  /** Public addresses of the canary (its meeting, open item, public report and file). */
  publicPaths: string[];
}

/** What makes a published item exempt (the reason for the change and the public-interest reason are public). */
const EXEMPT_FIELDS = {
  isExempt: "yes",
  exemptParagraph: "1",
  exemptReason: "The public interest in keeping it exempt outweighs disclosure",
  publicSummary: "The board considered a confidential staffing matter.",
  reason: "Made exempt on legal advice",
};

/** A small PDF whose text holds the marker (the upload's type is checked by its content). */
function pdf(text: string): Blob {
  const bytes = Buffer.from(
    `%PDF-1.4\n% ${text}\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n`,
    "latin1",
  );
  return new Blob([bytes], { type: "application/pdf" });
}

/** A day `days` from today, as the meeting form takes it (YYYY-MM-DD, London). */
function dayFromNow(days: number) {
  return new Date(Date.now() + days * 86_400_000).toLocaleDateString("en-CA", { timeZone: "Europe/London" });
}

const idOf = (path: string) => path.match(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/)?.[0] ?? "";

interface ClerkMeetingData {
  meeting: { id: string; slug: string };
  items: { id: string; title: string }[];
}
interface ClerkItemData {
  item: Record<string, string | number | boolean>;
  documents: { id: string; files: { id: string }[] }[];
}

async function createMeeting(clerk: HttpSession, bodyId: string, title: string, day: string, venue = "") {
  const to = await clerk.submit("/clerk/meetings/new", { bodyId, title, day, startTime: "18:00", endTime: "", venue, attendanceMode: "in_person" });
  return idOf(to);
}

async function addItem(clerk: HttpSession, meetingId: string, title: string): Promise<string> {
  await clerk.submit(`/clerk/meetings/${meetingId}`, { intent: "add", title, parentId: "" });
  const data = await clerk.data<ClerkMeetingData>(`/clerk/meetings/${meetingId}`, "routes/clerk.meetings.$id._index");
  const item = data.items.find((i) => i.title === title);
  if (!item) throw new Error(`the item "${title}" is not on the agenda builder`);
  return item.id;
}

async function saveItem(clerk: HttpSession, itemId: string, fields: Record<string, string>) {
  const { item } = await clerk.data<ClerkItemData>(`/clerk/items/${itemId}`, "routes/clerk.items.$id._index");
  const current: Record<string, string> = {};
  for (const key of ["title", "purpose", "body", "leadOfficerId", "isExempt", "exemptParagraph", "exemptReason", "publicTitle", "publicSummary"]) {
    current[key] = String(item[key] ?? "");
  }
  await clerk.submit(`/clerk/items/${itemId}`, { ...current, reason: "", ...fields, intent: "save", version: String(item.version) });
}

/** Adds a report with a PDF to an item; returns the document's and the file's addresses. */
async function addReport(clerk: HttpSession, itemId: string, title: string, body: string, fileText: string, fileName: string) {
  const form = new FormData();
  form.set("intent", "document");
  form.set("docTitle", title);
  form.set("docBody", body);
  form.set("file", pdf(fileText), fileName);
  await clerk.submit(`/clerk/items/${itemId}`, form);
  const data = await clerk.data<ClerkItemData>(`/clerk/items/${itemId}`, "routes/clerk.items.$id._index");
  const doc = data.documents.at(-1)!;
  const { document } = await clerk.data<{ document: { slug: string } }>(`/clerk/documents/${doc.id}`, "routes/clerk.documents.$id");
  return [`/documents/${document.slug}`, `/api/v1/documents/${doc.id}`, ...doc.files.map((f) => `/files/${f.id}`)];
}

async function writeMinute(clerk: HttpSession, itemId: string, body: string, decisions = "") {
  await clerk.submit(`/clerk/items/${itemId}/minute`, { intent: "save", body, decisions, reason: "", version: "0" });
}

async function raiseQuestion(member: HttpSession, itemId: string, text: string): Promise<string> {
  const form = await member.data<{ defaultOrganisationId: string }>(`/questions/new?item=${itemId}`, "routes/questions.new");
  const to = await member.submit(`/questions/new?item=${itemId}`, { item: itemId, askedById: "", addressedToId: form.defaultOrganisationId, text });
  return idOf(to);
}

/** Follows a record by e-mail as the public does; the confirmation link arrives by mail. */
export async function followByEmail(
  reader: HttpSession,
  type: string,
  id: string,
  email: string,
  confirmLink: (email: string) => Promise<string>,
) {
  await reader.submit("/follow", { type, id, email });
  const link = await confirmLink(email);
  await reader.submit(link, {});
}

export async function makeCanaryRecords(
  sessions: { clerk: HttpSession; member: HttpSession; officer: HttpSession; reader: HttpSession },
  confirmLink: (email: string) => Promise<string>,
): Promise<CanaryRecords> {
  const { clerk, member, officer, reader } = sessions;
  const M = MARKERS;
  const bodies = JSON.parse((await reader.get("/api/v1/bodies?per_page=200")).body) as { data: { id: string; slug: string }[] };
  const body = bodies.data.find((b) => b.slug === "scrutiny-board") ?? bodies.data[0];

  // The reader and the private follower follow the board before anything happens to it.
  await followByEmail(reader, "body", body.id, READER_EMAIL, confirmLink);
  await followByEmail(reader, "body", body.id, PRIVATE_FOLLOWER_EMAIL, confirmLink);

  // The published meeting: its agenda out with two public items.
  const meetingId = await createMeeting(clerk, body.id, "Canary scrutiny meeting", dayFromNow(10));
  const open = await addItem(clerk, meetingId, "Canary open item");
  const exempt = await addItem(clerk, meetingId, "Canary second item");
  const answered = await addItem(clerk, meetingId, "Canary third item");
  await saveItem(clerk, open, { body: "The board reviews the canary report in public." });
  const openReport = await addReport(clerk, open, "Canary open report", "An open report the public may read.", "open canary report", "canary-open-report.pdf");
  await clerk.submit(`/clerk/meetings/${meetingId}`, { intent: "publish", urgencyReason: "Published late for the leak canary" });
  await reader.submit("/follow", { type: "meeting", id: meetingId, email: READER_EMAIL });
  await reader.submit(await confirmLink(READER_EMAIL), {});

  // A question accepted while the third item was public; one never accepted.
  const exemptQuestion = await raiseQuestion(member, answered, `Question ${M.exemptQuestion}: how many posts will the restructure remove?`);
  await clerk.submit(`/questions/${exemptQuestion}`, { intent: "accept" });
  const pendingQuestion = await raiseQuestion(member, open, `Question ${M.pendingQuestion}: when will the canary report be updated?`);

  // The second item becomes exempt: its content, report and minute carry markers. No
  // lead officer: to the demo officer it is another organisation's exempt item.
  await saveItem(clerk, exempt, {
    title: `Restructure ${M.exemptItem}`,
    purpose: `Purpose ${M.exemptItem}`,
    body: `Body ${M.exemptItem}: the staffing restructure in detail.`,
    ...EXEMPT_FIELDS,
    publicTitle: "Canary confidential matter",
  });
  const exemptReport = await addReport(clerk, exempt, `Report ${M.exemptReport}`, `Report body ${M.exemptReport}`, M.exemptReport, `${M.exemptReport}.pdf`);

  // The third item becomes exempt too, led by the demo officer; the officer then answers
  // the question on it: a response the public never sees (the officer and members do).
  const { people } = await clerk.data<{ people: { id: string; name: string }[] }>(
    `/clerk/items/${answered}/lead-officer?q=${encodeURIComponent("Demo Officer")}`,
    "routes/clerk.items.$id.lead-officer",
  );
  const lead = people.find((p) => p.name === "Demo Officer");
  if (!lead) throw new Error("the demo officer is not among the lead officers a clerk may choose");
  await saveItem(clerk, answered, { ...EXEMPT_FIELDS, leadOfficerId: lead.id, publicTitle: "Canary commercial matter" });
  await officer.submit(`/questions/${exemptQuestion}`, {
    intent: "respond",
    kind: "full",
    body: `Response ${M.unpublishedResponse}: twelve posts.`,
    expectedOn: "",
    actionDescription: "",
    actionDueOn: "",
    actionOwnerId: "",
  });

  // An item added after the agenda, never published, with its draft report.
  const draft = await addItem(clerk, meetingId, `Late item ${M.draftItem}`);
  await saveItem(clerk, draft, { body: `Body ${M.draftItem}` });
  const draftReport = await addReport(clerk, draft, `Draft report ${M.draftDocument}`, `Draft body ${M.draftDocument}`, M.draftDocument, `${M.draftDocument}.pdf`);

  // The meeting is held (moved to today: minutes are recorded only once a meeting is held,
  // app/rules/minutes-approval.server.ts); the minutes: one public, one exempt; published.
  const { meeting: held } = await clerk.data<{ meeting: Record<string, string | number> }>(`/clerk/meetings/${meetingId}/edit`, "routes/clerk.meetings.$id.edit");
  await clerk.submit(`/clerk/meetings/${meetingId}/edit`, {
    intent: "details",
    title: String(held.title),
    day: dayFromNow(0),
    startTime: "00:01",
    endTime: "",
    venue: String(held.venue),
    attendanceMode: String(held.attendanceMode),
    reason: "",
    version: String(held.version),
  });
  await writeMinute(clerk, open, "The board noted the canary report.");
  await writeMinute(clerk, exempt, `Minute ${M.exemptMinute}`, `Resolved ${M.exemptMinute}`);
  await clerk.submit(`/clerk/meetings/${meetingId}/minutes`, { intent: "publish" });

  // A decision recorded from the exempt item's minute: private with the item (issue 18 item 4).
  await clerk.submit(`/clerk/items/${exempt}/decisions`, {
    intent: "create",
    text: `Decision ${M.exemptDecision}: the restructure proceeds`,
    reasons: "",
    callInUntil: "",
    calledInOn: "",
    implementedOn: "",
  });

  // An action from the exempt minute, owned by the council (not the demo officer's organisation).
  const { minute } = await clerk.data<{ minute: { id: string } }>(`/clerk/items/${exempt}/minute`, "routes/clerk.items.$id.minute");
  const newAction = `/actions/new?minute=${minute.id}`;
  const { choices: actionChoices } = await clerk.data<{ choices: { organisations: { value: string; label: string }[] } }>(newAction, "routes/actions.new");
  const council = actionChoices.organisations.find((o) => /council/i.test(o.label));
  if (!council) throw new Error("no council among the organisations an action may be owned by");
  const due = new Date(Date.now() + 60 * 86_400_000);
  const actionId = idOf(
    await clerk.submit(newAction, {
      description: `Action ${M.exemptAction}: report on the restructure`,
      owningOrganisationId: council.value,
      ownerId: "",
      dueOn: `${due.getUTCDate()}/${due.getUTCMonth() + 1}/${due.getUTCFullYear()}`,
    }),
  );

  // A board recommendation agreed at the exempt minute, through the clerk's form: private with the
  // item (issue 17). Addressed to the council, so the demo officer (not its officer) never sees it.
  const recommendationsPage = `/clerk/items/${exempt}/recommendations`;
  const { choices: recChoices } = await clerk.data<{ choices: { addressees: { value: string; label: string }[] } }>(recommendationsPage, "routes/clerk.items.$id.recommendations");
  const addressee = recChoices.addressees.find((o) => /council/i.test(o.label));
  if (!addressee) throw new Error("no council among the organisations a board recommendation may be addressed to");
  const today = new Date().toLocaleDateString("en-GB", { timeZone: "Europe/London" });
  await clerk.submit(recommendationsPage, {
    intent: "create",
    reference: M.exemptRecommendation,
    text: `Recommendation ${M.exemptRecommendation}: review the restructure's effect on caseloads`,
    addresseeOrganisationId: addressee.value,
    leadPersonId: "",
    receivedOn: today,
    reviewOn: "",
  });
  const { recommendations: agreed } = await clerk.data<{ recommendations: { id: string; reference: string }[] }>(recommendationsPage, "routes/clerk.items.$id.recommendations");
  const recommendationId = agreed.find((r) => r.reference === M.exemptRecommendation)?.id;
  if (!recommendationId) throw new Error("the canary's recommendation was not recorded");
  // The clerk records the council's response on its behalf: the marker in its reasons too (the responses feed, the figures).
  await clerk.submit(`/officer/recommendations/${recommendationId}/respond`, {
    outcome: "partially_accepted",
    reasons: `Reasons ${M.exemptRecommendation}: the restructure is not yet agreed`,
    actionPlanned: "",
    givenBy: "Chief Executive",
    givenOn: today,
    agreedAt: "",
  });

  // The draft meeting, never published.
  const draftMeetingId = await createMeeting(clerk, body.id, `Meeting ${M.draftMeeting}`, dayFromNow(40), `Room ${M.draftMeeting}`);
  const draftMeetingItem = await addItem(clerk, draftMeetingId, `Item ${M.draftMeeting}`);
  const draftMeetingReport = await addReport(clerk, draftMeetingItem, `Paper ${M.draftMeeting}`, `Paper body ${M.draftMeeting}`, M.draftMeeting, `${M.draftMeeting}.pdf`);

  const meeting = await clerk.data<ClerkMeetingData>(`/clerk/meetings/${meetingId}`, "routes/clerk.meetings.$id._index");
  const draftMeeting = await clerk.data<ClerkMeetingData>(`/clerk/meetings/${draftMeetingId}`, "routes/clerk.meetings.$id._index");
  const hiddenPaths = [
    `/meetings/${draftMeeting.meeting.slug}`,
    `/meetings/${draftMeeting.meeting.slug}/pack`,
    `/meetings/${draftMeeting.meeting.slug}/agenda-pack.pdf`,
    `/meetings/${draftMeeting.meeting.slug}/minutes.pdf`,
    `/feeds/meetings/${draftMeeting.meeting.slug}.ics`,
    `/api/v1/meetings/${draftMeetingId}`,
    `/follow?type=meeting&id=${draftMeetingId}`,
    `/agenda-items/${draft}`,
    `/agenda-items/${draftMeetingItem}`,
    ...[exemptQuestion, pendingQuestion].flatMap((id) => [`/questions/${id}`, `/api/v1/questions/${id}`, `/follow?type=question&id=${id}`]),
    `/actions/${actionId}`,
    `/api/v1/actions/${actionId}`,
    `/follow?type=action&id=${actionId}`,
    `/recommendations/${recommendationId}`,
    `/api/v1/recommendations/${recommendationId}`,
    `/follow?type=recommendation&id=${recommendationId}`,
    ...exemptReport,
    ...draftReport,
    ...draftMeetingReport,
  ];
  const publicPaths = [
    `/meetings/${meeting.meeting.slug}`,
    `/meetings/${meeting.meeting.slug}/pack`,
    `/meetings/${meeting.meeting.slug}/agenda-pack.pdf`,
    `/meetings/${meeting.meeting.slug}/minutes.pdf`,
    `/feeds/meetings/${meeting.meeting.slug}.ics`,
    `/api/v1/meetings/${meetingId}`,
    `/agenda-items/${open}`,
    `/agenda-items/${exempt}`,
    `/agenda-items/${answered}`,
    ...openReport,
  ];
  return {
    body,
    meeting: { id: meetingId, slug: meeting.meeting.slug },
    draftMeeting: { id: draftMeetingId, slug: draftMeeting.meeting.slug },
    items: { open, exempt, answered, draft, draftMeeting: draftMeetingItem },
    questions: { exempt: exemptQuestion, pending: pendingQuestion },
    recommendation: recommendationId,
    hiddenPaths,
    publicPaths,
  };
}
