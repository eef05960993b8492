/**
 * Issue 20, item 4: "Killing the server with kill -9 during writes on PGlite leaves
 * a database that opens with every committed change."
 *
 * The real server (`node app/serve.mjs`, support/server.ts) on an embedded database
 * in a folder of this test's own. Three members' worth of form posts (a member
 * raising questions, each with a marker of its own) go over HTTP side by side;
 * every answer 303 is a change the portal said it stored. In the middle of the
 * stream the server's whole process group is killed with SIGKILL: no drain, no
 * shutdown hook, requests cut off mid-way. A new server is then started on the same
 * folder: it must open the database (start-up migrates and answers /readyz), and
 * every acknowledged question must be there, with its text. Writes cut off
 * without an answer may or may not be stored.
 *
 * No browser: plain HTTP (support/http-session.ts).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { HttpSession } from "./support/http-session";
import { LONG_WINDOW_DAYS, setQuestionWindow } from "./support/question-window";
import { startPortal, type PortalServer } from "./support/server";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const STREAMS = 3;
/** Acknowledged writes before the kill: enough that the kill lands with writes in flight. */
const KILL_AFTER_ACKS = 24;

interface Sent {
  marker: string;
  /** The question's address when the answer was 303, else null (cut off, or refused). */
  location: string | null;
  status: number | "no answer";
}

/** An agenda item the member may raise a question on, and the organisation the form suggests. */
async function raisableItem(member: HttpSession): Promise<{ item: string; organisation: string }> {
  const meetings = (await (await fetch(new URL("/api/v1/meetings?per_page=200", member.baseURL))).json()) as { data: { id: string }[] };
  for (const row of meetings.data) {
    const meeting = (await (await fetch(new URL(`/api/v1/meetings/${row.id}`, member.baseURL))).json()) as { data: { agenda?: { id: string }[] } };
    for (const item of meeting.data.agenda ?? []) {
      const page = await member.get(`/questions/new?item=${item.id}`);
      if (page.status !== 200) continue;
      const form = await member.data<{ defaultOrganisationId: string; organisations: { id: string }[] }>(`/questions/new?item=${item.id}`, "routes/questions.new");
      return { item: item.id, organisation: form.defaultOrganisationId || form.organisations[0].id };
    }
  }
  throw new Error("no agenda item on which a member may raise a question");
}

describe("kill -9 during writes on the embedded database", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "portal-kill-nine-"));
  const env = { PGLITE_DIR: path.join(dir, "pglite") };
  let first: PortalServer | undefined;
  let second: PortalServer | undefined;

  afterAll(async () => {
    await first?.stop();
    await second?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("opens again with every write it acknowledged", { timeout: 420_000 }, async () => {
    first = await startPortal({ env, database: "embedded" });
    const portal = first;
    await setQuestionWindow(portal.baseURL, LONG_WINDOW_DAYS);
    const member = new HttpSession(portal.baseURL, "member");
    await member.signIn("member");
    const { item, organisation } = await raisableItem(member);

    const sent: Sent[] = [];
    let acks = 0;
    let killed = false;
    const run = `K9${Date.now().toString(36)}`;
    const stream = async (s: number) => {
      for (let n = 0; !killed && n < 400; n += 1) {
        const marker = `${run}s${s}n${n}`;
        const entry: Sent = { marker, location: null, status: "no answer" };
        sent.push(entry);
        try {
          const answer = await member.post(`/questions/new?item=${item}`, { item, askedById: "", addressedToId: organisation, text: `Kill test ${marker}: is this stored?` });
          entry.status = answer.status;
          if (answer.status === 303 && answer.location) {
            entry.location = new URL(answer.location, portal.baseURL).pathname;
            acks += 1;
          }
        } catch {
          // Cut off by the kill: no answer, so the portal promised nothing.
          return;
        }
      }
    };
    const streams = Array.from({ length: STREAMS }, (_, s) => stream(s));
    // Kill mid-stream: once enough writes were acknowledged, with the next ones in flight.
    const deadline = Date.now() + 240_000;
    while (acks < KILL_AFTER_ACKS && Date.now() < deadline) await sleep(20);
    expect(acks, "writes acknowledged before the kill").toBeGreaterThanOrEqual(KILL_AFTER_ACKS);
    killed = true;
    portal.signal("SIGKILL");
    const code = await Promise.race([portal.exited, sleep(10_000).then(() => "still running" as const)]);
    expect(code, "the server died at once").not.toBe("still running");
    await Promise.all(streams);

    const acknowledged = sent.filter((s) => s.location);
    const cutOff = sent.filter((s) => s.status === "no answer");
    const refused = sent.filter((s) => !s.location && s.status !== "no answer");
    console.log(`kill -9: ${sent.length} writes sent, ${acknowledged.length} acknowledged (303), ${cutOff.length} cut off, ${refused.length} refused`);
    expect(refused.map((s) => s.status), "no write refused before the kill").toEqual([]);

    // The same folder, a new server: it must open the database and hold every acknowledged write.
    second = await startPortal({ env, database: "embedded" });
    const ready = await fetch(new URL("/readyz", second.baseURL));
    expect(ready.status, "the reopened database is ready (reachable, migrations current)").toBe(200);
    const again = new HttpSession(second.baseURL, "member");
    await again.signIn("member");
    const missing: string[] = [];
    for (const s of acknowledged) {
      const page = await again.get(s.location!);
      if (page.status !== 200 || !page.body.includes(s.marker)) missing.push(`${s.marker} (${s.location}: ${page.status})`);
    }
    expect(missing, "acknowledged writes missing after kill -9").toEqual([]);
    console.log(`kill -9: after restart ${acknowledged.length} of ${acknowledged.length} acknowledged writes found`);
  });
});
