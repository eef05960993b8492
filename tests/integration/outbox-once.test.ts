/**
 * Each e-mail once (issue #20 item 4; docs/decisions/027-backups.md, "Outbox"): the outbox
 * worker (`npm run outbox:send`) is killed with kill -9 after the mail server has the message
 * and before the worker records it; the e-mail is not sent again while its claim holds, and
 * when it is, it carries the same Message-ID, by which the receiving side (here a small SMTP
 * server that keeps one message per Message-ID, as a de-duplicating mail store does) keeps it
 * once. Two workers at once never both send the same e-mail.
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { closeDatabase, db, migrateDatabase } from "~/db.server";
import { resetEnvForTests } from "~/env.server";
import { outboxMessageId, queueEmail, SEND_CLAIM_MS, sendPendingEmails, setTransportForTests, type OutboxRow } from "~/models/publishing";
import { outbox } from "../../db/schema";

const onPostgres = Boolean(process.env.DATABASE_URL);
const work = fs.mkdtempSync(path.join(os.tmpdir(), "portal-outbox-once-"));

interface Received {
  messageId: string;
  data: string;
}

/** An SMTP server that hands each message to `onMessage` before answering; `reply` false never answers. */
async function startMailServer(onMessage: (m: Received) => boolean) {
  const received: Received[] = [];
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.on("error", () => {});
    let buffer = "";
    let inData = false;
    socket.setEncoding("utf8");
    socket.write("220 test ESMTP\r\n");
    socket.on("data", (chunk: string) => {
      buffer += chunk;
      for (;;) {
        if (inData) {
          const end = buffer.indexOf("\r\n.\r\n");
          if (end < 0) return;
          const data = buffer.slice(0, end);
          buffer = buffer.slice(end + 5);
          inData = false;
          const message = { messageId: /^Message-ID:\s*(\S+)/im.exec(data)?.[1] ?? "", data };
          received.push(message);
          if (onMessage(message)) socket.write("250 OK\r\n");
          continue;
        }
        const eol = buffer.indexOf("\r\n");
        if (eol < 0) return;
        const line = buffer.slice(0, eol).toUpperCase();
        buffer = buffer.slice(eol + 2);
        if (line.startsWith("EHLO") || line.startsWith("HELO")) socket.write("250 test\r\n");
        else if (line.startsWith("DATA")) {
          inData = true;
          socket.write("354 go on\r\n");
        } else if (line.startsWith("QUIT")) socket.end("221 bye\r\n");
        else socket.write("250 OK\r\n");
      }
    });
  });
  const port = await new Promise<number>((resolve) => server.listen(0, "127.0.0.1", () => resolve((server.address() as net.AddressInfo).port)));
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    /** What a mail store that keeps one message per Message-ID holds. */
    kept: () => [...new Map(received.map((m) => [m.messageId, m])).values()],
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

beforeAll(async () => {
  if (onPostgres) return;
  await closeDatabase();
  process.env.PGLITE_DIR = path.join(work, "db");
  resetEnvForTests();
  await migrateDatabase();
}, 60_000);

afterEach(() => {
  setTransportForTests(null);
  delete process.env.SMTP_URL;
  resetEnvForTests();
});

afterAll(async () => {
  await closeDatabase();
  fs.rmSync(work, { recursive: true, force: true });
});

function worker(smtpUrl: string): ChildProcess {
  const env: NodeJS.ProcessEnv = { ...process.env, SMTP_URL: smtpUrl, NODE_ENV: "test" };
  return spawn(process.execPath, ["--import", "tsx", path.resolve("db/commands/outbox-send.ts")], { env, stdio: "ignore" });
}

describe("the outbox sends each e-mail once", () => {
  it("a worker killed between sending and recording: not resent while claimed, then resent with the same Message-ID", async () => {
    const queued = (await db().transaction((tx) =>
      queueEmail(tx, { to: "follower@example.org", subject: "Agenda published", body: "Read it" }),
    ))!;
    if (!onPostgres) await closeDatabase();

    let child: ChildProcess | undefined;
    const mail = await startMailServer(() => {
      // The server has the whole message: the worker dies before it hears "250" and records it.
      if (mail.received.length === 1) {
        child?.kill("SIGKILL");
        return false;
      }
      return true;
    });
    try {
      child = worker(mail.url);
      await new Promise<void>((resolve) => child!.on("exit", () => resolve()));
      expect(child.signalCode).toBe("SIGKILL");
      expect(mail.received).toHaveLength(1);

      const [afterCrash] = await db().select().from(outbox).where(eq(outbox.id, queued.id));
      expect(afterCrash.sentAt).toBeNull();
      expect(afterCrash.attempts).toBe(1);
      expect(afterCrash.claimedUntil!.getTime()).toBeGreaterThan(Date.now());

      process.env.SMTP_URL = mail.url;
      resetEnvForTests();
      // While the dead worker's claim holds, nobody sends it again.
      expect((await sendPendingEmails()).sent).toBe(0);
      expect(mail.received).toHaveLength(1);
      // Once it has run out, it is sent again: the same message, by its Message-ID.
      const later = new Date(Date.now() + SEND_CLAIM_MS + 60_000);
      expect((await sendPendingEmails({ now: later })).sent).toBe(1);
      expect(mail.received).toHaveLength(2);
      expect(mail.received[0].messageId).toBe(outboxMessageId(queued));
      expect(mail.received[1].messageId).toBe(mail.received[0].messageId);
      expect(mail.kept()).toHaveLength(1);

      const [done] = await db().select().from(outbox).where(eq(outbox.id, queued.id));
      expect(done.sentAt).not.toBeNull();
      expect(done.claimedUntil).toBeNull();
      // And never again.
      expect((await sendPendingEmails({ now: new Date(later.getTime() + SEND_CLAIM_MS * 2) })).sent).toBe(0);
      expect(mail.received).toHaveLength(2);
    } finally {
      await mail.close();
    }
  }, 60_000);

  it("two workers at once: the e-mail goes once", async () => {
    const queued = (await db().transaction((tx) => queueEmail(tx, { to: "twice@example.org", subject: "Minutes approved", body: "Read them" })))!;
    const sends: string[] = [];
    setTransportForTests(async (email: OutboxRow) => {
      sends.push(email.id);
      await new Promise((resolve) => setTimeout(resolve, 300));
    });
    const [a, b] = await Promise.all([sendPendingEmails(), sendPendingEmails()]);
    expect(a.sent + b.sent).toBe(1);
    expect(sends.filter((id) => id === queued.id)).toHaveLength(1);
  });
});
