/**
 * The text of uploaded PDF and Word files, read in the background
 * (docs/decisions/048-text-of-uploaded-papers.md). An upload marks its file pending; every
 * app server runs a reader that claims one pending file at a time (attempts and
 * `textClaimedUntil` set in one UPDATE, as the outbox claims an e-mail), reads it in a child
 * process under a time and memory limit (file-text.child.mjs) and stores its pages. A file
 * that cannot be read stays an attachment with a plain note; nothing here throws to a request.
 */
import { fork } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { and, eq, inArray, isNotNull, isNull, ne, or, sql } from "drizzle-orm";
import { documentFiles, documentTextPages, FILE_TEXT_STATUSES } from "../../../db/schema/meetings";
import { db } from "../../db.server";
import { describeError } from "../../utils/error-log";
import { recordAudit } from "../records";

export type FileTextStatus = (typeof FILE_TEXT_STATUSES)[number];

export const PDF_FILE_TYPE = "application/pdf";
export const DOCX_FILE_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

/** The status a newly stored file starts with: pending for PDF and Word files, none for others. */
export function initialTextStatus(mediaType: string): FileTextStatus | null {
  return mediaType === PDF_FILE_TYPE || mediaType === DOCX_FILE_TYPE ? "pending" : null;
}

export interface TextLimits {
  /** Pages of a PDF whose text is read (the rest are noted, not read). */
  maxPages: number;
  /** Characters of text kept for one file. */
  maxChars: number;
  /** What a Word file may say it holds once unpacked. */
  maxUnzippedBytes: number;
  /** Wall-clock time for one file, then its reader is killed. */
  timeMs: number;
  /** Resident memory of the reader process, then it is killed. */
  maxRssMb: number;
  /** The reader's JavaScript heap (V8's --max-old-space-size). */
  heapMb: number;
}

export const TEXT_LIMITS: TextLimits = {
  maxPages: 500,
  maxChars: 2_000_000,
  maxUnzippedBytes: 100 * 1024 * 1024,
  timeMs: 30_000,
  maxRssMb: 512,
  heapMb: 256,
};

export interface TextResult {
  status: Exclude<FileTextStatus, "pending">;
  note: string | null;
  pages: { pageNumber: number; text: string }[];
  pageCount?: number;
  hasTitle?: boolean;
  hasLanguage?: boolean;
}

function childScript() {
  const candidates = [
    path.resolve(process.cwd(), "app/models/meetings/file-text.child.mjs"),
    // Next to this module when it runs from source (tests, tsx).
    path.join(path.dirname(fileURLToPath(import.meta.url)), "file-text.child.mjs"),
  ];
  return candidates.find((p) => existsSync(p)) ?? candidates[0];
}

/** Resident memory of a process in MB, from /proc (Linux); null where it cannot be read. */
function residentMb(pid: number): number | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const m = /VmRSS:\s+(\d+) kB/.exec(status);
    return m ? Number(m[1]) / 1024 : null;
  } catch {
    return null;
  }
}

const TOO_SLOW_NOTE = "Reading the file's text took too long, so it was stopped. The file is kept as an attachment.";
const TOO_BIG_NOTE = "Reading the file's text needed too much memory, so it was stopped. The file is kept as an attachment.";
const CRASHED_NOTE = "The file's text could not be read. It is kept as an attachment.";

/**
 * Reads a PDF's or Word file's text in a child process. Never throws: a file that
 * cannot be read, takes too long or needs too much memory gives status failed and a note.
 */
export function readFileText(
  bytes: Uint8Array,
  kind: "pdf" | "docx",
  limits: TextLimits = TEXT_LIMITS,
  signal?: AbortSignal,
): Promise<TextResult | "stopped"> {
  if (bytes.byteLength === 0) return Promise.resolve({ status: "failed", note: "The file is empty.", pages: [] });
  return new Promise((resolve) => {
    let settled = false;
    let stopReason: string | null = null;
    const child = fork(childScript(), [], {
      execArgv: [`--max-old-space-size=${limits.heapMb}`, "--max-semi-space-size=16"],
      serialization: "advanced",
      stdio: ["ignore", "ignore", "ignore", "ipc"],
    });
    const finish = (result: TextResult | "stopped") => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      clearInterval(watch);
      signal?.removeEventListener("abort", onAbort);
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
      resolve(result);
    };
    const stop = (note: string) => {
      stopReason = note;
      child.kill("SIGKILL");
    };
    // The server is stopping: the file is left for the next reader.
    const onAbort = () => finish("stopped");
    signal?.addEventListener("abort", onAbort);
    const timer = setTimeout(() => stop(TOO_SLOW_NOTE), limits.timeMs);
    const watch = setInterval(() => {
      const rss = child.pid ? residentMb(child.pid) : null;
      if (rss !== null && rss > limits.maxRssMb) stop(TOO_BIG_NOTE);
    }, 100);
    child.on("message", (message) => finish(message as TextResult));
    child.on("error", () => finish({ status: "failed", note: stopReason ?? CRASHED_NOTE, pages: [] }));
    child.on("exit", (code) => {
      // A heap past its limit ends V8 with a fatal error (exit code 134 or similar).
      const note = stopReason ?? (code !== 0 ? TOO_BIG_NOTE : CRASHED_NOTE);
      finish({ status: "failed", note, pages: [] });
    });
    child.send({ bytes, kind, limits: { maxPages: limits.maxPages, maxChars: limits.maxChars, maxUnzippedBytes: limits.maxUnzippedBytes } }, (error) => {
      if (error) finish({ status: "failed", note: CRASHED_NOTE, pages: [] });
    });
  });
}

/**
 * Changed by hand when file-text.child.mjs reads differently (a new rule for paragraphs, a
 * limit raised): every file is then read again, as after an upgrade of its libraries.
 */
const READER_REVISION = 1;

let readerVersionMemo: string | null = null;

/**
 * The reader that reads files now: its libraries' versions and READER_REVISION, stored with
 * each file's text (textReadBy). A file read by another is read again (requeueFilesReadByOthers).
 */
export function currentTextReader(): string {
  if (readerVersionMemo) return readerVersionMemo;
  const require = createRequire(path.resolve(process.cwd(), "package.json"));
  const version = (name: string) => {
    try {
      return (require(`${name}/package.json`) as { version: string }).version;
    } catch {
      return "unknown";
    }
  };
  readerVersionMemo = `pdfjs-dist ${version("pdfjs-dist")}, mammoth ${version("mammoth")}, reader ${READER_REVISION}`;
  return readerVersionMemo;
}

/**
 * Marks up to `max` current PDF and Word files read by another reader (an older pdf.js or
 * mammoth, or before the reader was recorded) to be read again, with a fresh count of
 * attempts. Their old text stays, shown and searched, until the new text replaces it.
 * Audited, as every write is. Returns how many were marked.
 */
export async function requeueFilesReadByOthers(max = 20, reader = currentTextReader()): Promise<number> {
  return db().transaction(async (tx) => {
    const stale = tx
      .select({ id: documentFiles.id })
      .from(documentFiles)
      .where(
        and(
          isNull(documentFiles.supersededAt),
          isNotNull(documentFiles.textStatus),
          ne(documentFiles.textStatus, "pending"),
          or(isNull(documentFiles.textReadBy), ne(documentFiles.textReadBy, reader)),
        ),
      )
      .orderBy(documentFiles.createdAt)
      .limit(max)
      .for("update", { skipLocked: true });
    const marked = await tx
      .update(documentFiles)
      .set({ textStatus: "pending", textAttempts: 0, textClaimedUntil: null })
      .where(inArray(documentFiles.id, stale))
      .returning({ id: documentFiles.id, documentId: documentFiles.documentId, readBy: documentFiles.textReadBy });
    for (const f of marked) {
      await recordAudit(tx, {
        userId: null,
        action: "update",
        entityType: "document_file",
        entityId: f.id,
        after: { documentId: f.documentId, textStatus: "pending", reason: `read again: read by ${f.readBy ?? "an unrecorded reader"}, now ${reader}` },
      });
    }
    return marked.length;
  });
}

/** How long a reader has to read a claimed file and store its text before another may try. */
const TEXT_CLAIM_MS = 120_000;
/** A file whose reading ended its reader (or its server) this many times is given up, with a note. */
export const MAX_TEXT_ATTEMPTS = 3;

/**
 * Reads the text of pending files, one at a time, until none is left or `max` are done.
 * Safe on several servers at once: each file is claimed first. Returns how many were read.
 */
export async function readPendingFileTexts(options: { max?: number; limits?: TextLimits; signal?: AbortSignal } = {}): Promise<number> {
  const max = options.max ?? 20;
  // A file that ended its reader every time is given up (audited, as every write is).
  await db().transaction(async (tx) => {
    const given = await tx
      .update(documentFiles)
      // Given up by this reader: read again only by another (currentTextReader).
      .set({ textStatus: "failed", textNote: CRASHED_NOTE, textClaimedUntil: null, textReadBy: currentTextReader() })
      .where(
        and(
          eq(documentFiles.textStatus, "pending"),
          sql`${documentFiles.textAttempts} >= ${MAX_TEXT_ATTEMPTS}`,
          sql`(${documentFiles.textClaimedUntil} is null or ${documentFiles.textClaimedUntil} < now())`,
        ),
      )
      .returning({ id: documentFiles.id, documentId: documentFiles.documentId });
    for (const f of given) {
      await recordAudit(tx, { userId: null, action: "update", entityType: "document_file", entityId: f.id, after: { documentId: f.documentId, textStatus: "failed", textNote: CRASHED_NOTE } });
    }
  });
  let done = 0;
  while (done < max && !options.signal?.aborted) {
    const claimed = await db().execute(sql`
      update ${documentFiles} set text_attempts = text_attempts + 1,
        text_claimed_until = now() + make_interval(secs => ${TEXT_CLAIM_MS / 1000})
      where id = (
        select id from ${documentFiles}
        where text_status = 'pending' and superseded_at is null and text_attempts < ${MAX_TEXT_ATTEMPTS}
          and (text_claimed_until is null or text_claimed_until < now())
        order by created_at limit 1 for update skip locked)
      returning id, document_id, media_type, content, text_attempts`);
    const rows = (Array.isArray(claimed) ? claimed : (claimed as { rows: unknown[] }).rows) as {
      id: string;
      document_id: string;
      media_type: string;
      content: Uint8Array;
      text_attempts: number;
    }[];
    const file = rows[0];
    if (!file) break;
    const kind = file.media_type === PDF_FILE_TYPE ? "pdf" : "docx";
    const result = await readFileText(new Uint8Array(file.content), kind, options.limits, options.signal);
    if (result === "stopped") {
      // Not this file's fault: its claim and attempt are handed back.
      await db()
        .update(documentFiles)
        .set({ textClaimedUntil: null, textAttempts: sql`${documentFiles.textAttempts} - 1` })
        .where(and(eq(documentFiles.id, file.id), eq(documentFiles.textAttempts, Number(file.text_attempts))));
      break;
    }
    await storeFileText(file.id, file.document_id, Number(file.text_attempts), result);
    done++;
  }
  return done;
}

/**
 * Stores what was read, if the claim is still this reader's (the attempt count unchanged),
 * audited as every write is (the audit row also tells every server's page cache that the
 * document's page changed).
 */
async function storeFileText(fileId: string, documentId: string, attempts: number, result: TextResult) {
  await db().transaction(async (tx) => {
    const [mine] = await tx
      .update(documentFiles)
      .set({
        textStatus: result.status,
        textNote: result.note,
        textClaimedUntil: null,
        pageCount: result.pageCount ?? null,
        pdfHasTitle: result.hasTitle ?? null,
        pdfHasLanguage: result.hasLanguage ?? null,
        textReadBy: currentTextReader(),
      })
      .where(and(eq(documentFiles.id, fileId), eq(documentFiles.textAttempts, attempts), eq(documentFiles.textStatus, "pending")))
      .returning({ id: documentFiles.id });
    if (!mine) return;
    await recordAudit(tx, {
      userId: null,
      action: "update",
      entityType: "document_file",
      entityId: fileId,
      after: { documentId, textStatus: result.status, textNote: result.note, pageCount: result.pageCount ?? null, pdfHasTitle: result.hasTitle ?? null, pdfHasLanguage: result.hasLanguage ?? null },
    });
    await tx.delete(documentTextPages).where(eq(documentTextPages.documentFileId, fileId));
    // In batches: a long report has hundreds of pages.
    for (let i = 0; i < result.pages.length; i += 100) {
      await tx.insert(documentTextPages).values(
        result.pages.slice(i, i + 100).map((p) => ({ documentFileId: fileId, pageNumber: p.pageNumber, text: p.text })),
      );
    }
  });
}

let timer: NodeJS.Timeout | null = null;
let running: Promise<unknown> | null = null;
let stopping: AbortController | null = null;

/** When the reader last looked for files read by another reader (at most every 10 minutes per server). */
let lastRequeue = 0;
const REQUEUE_EVERY_MS = 10 * 60_000;

async function readOnce() {
  try {
    const read = await readPendingFileTexts({ signal: stopping?.signal });
    if (read === 0 && Date.now() - lastRequeue > REQUEUE_EVERY_MS) {
      // Nothing new waits: files read by an older reader are next (a batch now, more each run).
      const marked = await requeueFilesReadByOthers();
      lastRequeue = marked > 0 ? 0 : Date.now();
    }
  } catch (error) {
    console.warn(`[file-text] reading uploaded files' text failed: ${describeError(error)}`);
  }
}

/** Each app server looks for files to read every few seconds (unref'd; errors logged, never thrown). */
export function startFileTextReader(intervalMs = 5_000) {
  if (timer) return;
  stopping = new AbortController();
  timer = setInterval(() => {
    if (running) return; // a long run is not overlapped by the next
    running = readOnce().finally(() => (running = null));
  }, intervalMs);
  timer.unref();
}

/** Stops the reader and waits for a file being read to be stored (a graceful stop: SIGTERM). */
export async function stopFileTextReader() {
  if (timer) clearInterval(timer);
  timer = null;
  stopping?.abort(); // a file being read is killed and left for another server
  await running;
}
