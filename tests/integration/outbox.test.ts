/** The outbox: queued in the caller's transaction, sent once, failures kept. */
import { eq } from "drizzle-orm";
import nodemailer from "nodemailer";
import { afterEach, describe, expect, it, vi } from "vitest";
import { db } from "~/db.server";
import { resetEnvForTests } from "~/env.server";
import { mailOptions, queueEmail, sendPendingEmails, setTransportForTests } from "~/models/publishing";
import { auditLog, outbox } from "../../db/schema";

afterEach(() => {
  setTransportForTests(null);
  delete process.env.SMTP_URL;
  resetEnvForTests();
});

describe("the outbox", () => {
  it("notes e-mails in the server log without their bodies when there is no SMTP_URL, and sends each once", async () => {
    const log = vi.spyOn(console, "log").mockImplementation(() => {});
    try {
      const row = await db().transaction((tx) =>
        queueEmail(tx, { to: "someone@example.org", subject: "Hello", body: "The body with a link" }),
      );
      expect(row).not.toBeNull();
      const first = await sendPendingEmails();
      const second = await sendPendingEmails();
      expect(first.sent).toBeGreaterThanOrEqual(1);
      expect(second.sent).toBe(0);
      const logged = log.mock.calls.map((c) => String(c[0])).join("\n");
      expect(logged).toContain("someone@example.org");
      expect(logged).toContain("/admin/outbox");
      // A body can hold a reset, invitation or follow link: it never reaches the log.
      expect(logged).not.toContain("The body with a link");
      const [sent] = await db().select().from(outbox).where(eq(outbox.id, row!.id));
      expect(sent.sentAt).not.toBeNull();
      expect(sent.attempts).toBe(1);
      // Audited: queued (without the body) and sent.
      const audit = await db().select().from(auditLog).where(eq(auditLog.entityId, row!.id)).orderBy(auditLog.id);
      expect(audit.map((a) => a.action).sort()).toEqual(["queue", "send"]);
      expect(JSON.stringify(audit)).not.toContain("The body with a link");
    } finally {
      log.mockRestore();
    }
  });

  it("queues nothing twice for the same dedupe key", async () => {
    const a = await queueEmail(db(), { to: "a@example.org", subject: "S", body: "B", dedupeKey: "once" });
    const b = await queueEmail(db(), { to: "a@example.org", subject: "S", body: "B", dedupeKey: "once" });
    expect(a).not.toBeNull();
    expect(b).toBeNull();
  });

  it("is rolled back with the change that queued it", async () => {
    await expect(
      db().transaction(async (tx) => {
        await queueEmail(tx, { to: "rollback@example.org", subject: "S", body: "B" });
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");
    expect(await db().select().from(outbox).where(eq(outbox.toAddress, "rollback@example.org"))).toEqual([]);
  });

  it("keeps a failed e-mail with its error and tries again later, up to 5 times", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    try {
      const row = await queueEmail(db(), { to: "fail@example.org", subject: "S", body: "B" });
      setTransportForTests(async (email) => {
        if (email.toAddress === "fail@example.org") throw new Error("mail server said no");
      });
      for (let i = 0; i < 7; i += 1) await sendPendingEmails();
      const [failed] = await db().select().from(outbox).where(eq(outbox.id, row!.id));
      expect(failed.sentAt).toBeNull();
      expect(failed.attempts).toBe(5);
      expect(failed.lastError).toBe("mail server said no");
    } finally {
      warn.mockRestore();
    }
  });

  it("sends by SMTP when SMTP_URL is set (an unreachable server is a recorded failure)", async () => {
    process.env.SMTP_URL = "smtp://127.0.0.1:1";
    resetEnvForTests();
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    try {
      const row = await queueEmail(db(), { to: "smtp@example.org", subject: "S", body: "B" });
      const result = await sendPendingEmails();
      expect(result.failed).toBeGreaterThanOrEqual(1);
      const [failed] = await db().select().from(outbox).where(eq(outbox.id, row!.id));
      expect(failed.lastError).toMatch(/ECONNREFUSED|connect/i);
    } finally {
      warn.mockRestore();
    }
  });

  it("sends an e-mail's extra headers as they are, and refuses one that could add headers of its own", async () => {
    const link = `https://portal.example/follow/unsubscribe/${"0".repeat(36)}.${"x".repeat(43)}`;
    const row = await queueEmail(db(), {
      to: "headers@example.org",
      subject: "S",
      body: "B",
      headers: { "List-Unsubscribe": `<${link}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" },
    });
    // What SMTP would carry: nodemailer's own rendering of the message.
    const rendered = await nodemailer.createTransport({ streamTransport: true, buffer: true }).sendMail(mailOptions(row!, "portal@example.org"));
    // The header block, unfolded (RFC 5322: a long header may be folded before a space).
    const headers = String(rendered.message).split("\r\n\r\n")[0].replace(/\r\n(?=[ \t])/g, "").split("\r\n");
    expect(headers).toContain(`List-Unsubscribe: <${link}>`);
    expect(headers).toContain("List-Unsubscribe-Post: List-Unsubscribe=One-Click");

    const unsafe: Record<string, string>[] = [{ "List-Unsubscribe": "<https://a.example>\r\nBcc: victim@example.org" }, { "Bad Name": "x" }, { Bcc: "x@example.org" }];
    for (const headers of unsafe) {
      await expect(queueEmail(db(), { to: "h@example.org", subject: "S", body: "B", headers })).rejects.toThrow(/header/);
    }
  });
});
