/**
 * A tagged PDF written with pdfkit (docs/decisions/035-agenda-pack-pdf-and-bulk-download.md):
 * title and language set, the title shown in the viewer's window, every heading, paragraph
 * and list in the structure tree (H1-H6, P, L/LI), bookmarks, and Markdown laid out as text
 * with its headings, lists and emphasis. Standard fonts (Helvetica): text outside their
 * character set is written as its nearest plain letters.
 */
import PDFDocument from "pdfkit";
import type Token from "markdown-it/lib/token.mjs";
import { markdownTokens } from "./markdown.server";

type Struct = PDFKit.PDFStructureElement;
export interface Run {
  text: string;
  bold?: boolean;
  italic?: boolean;
  code?: boolean;
}

const SIZES: Record<number, number> = { 1: 22, 2: 17, 3: 14, 4: 12.5, 5: 11.5, 6: 11 };
const BODY_SIZE = 10.5;
const SIMPLER: Record<string, string> = { "→": "->", "←": "<-", "✓": "Yes", "✔": "Yes", "✗": "No", "≥": ">=", "≤": "<=", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ø": "o" };
// Windows-1252 beyond Latin-1: what the standard fonts can write.
const CP1252_EXTRA = new Set("€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ");

/** Text the standard fonts can write: Windows-1252 characters kept, others simplified or "?". */
export function pdfText(text: string): string {
  let out = "";
  for (const ch of text.normalize("NFC")) {
    const code = ch.codePointAt(0)!;
    if ((code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || CP1252_EXTRA.has(ch) || ch === "\n") out += ch;
    else if (ch === "\t") out += " ";
    else if (SIMPLER[ch]) out += SIMPLER[ch];
    else {
      const plain = ch.normalize("NFKD").replace(/[\u0300-\u036f]/g, "");
      out += [...plain].every((c) => c.codePointAt(0)! < 0x7f && c.codePointAt(0)! >= 0x20) && plain ? plain : code < 0x20 ? "" : "?";
    }
  }
  return out;
}

export class TaggedPdf {
  readonly doc: PDFKit.PDFDocument;
  readonly root: Struct;
  /** Pages so far (1 = the first). */
  pageCount = 1;
  private chunks: Buffer[] = [];
  private done: Promise<void>;

  constructor(options: { title: string; subject?: string; lang?: string }) {
    this.doc = new PDFDocument({
      size: "A4",
      margins: { top: 56, bottom: 56, left: 62, right: 62 },
      pdfVersion: "1.7",
      tagged: true,
      lang: options.lang ?? "en-GB",
      displayTitle: true,
      info: { Title: pdfText(options.title), Subject: options.subject ? pdfText(options.subject) : undefined, Creator: "Board portal" },
    });
    this.doc.on("data", (c: Buffer) => this.chunks.push(c));
    this.done = new Promise((resolve, reject) => {
      this.doc.on("end", () => resolve());
      this.doc.on("error", reject);
    });
    this.doc.on("pageAdded", () => (this.pageCount += 1));
    this.root = this.doc.struct("Document");
    this.doc.addStructure(this.root);
  }

  get width() {
    return this.doc.page.width - this.doc.page.margins.left - this.doc.page.margins.right;
  }

  newPage() {
    this.doc.addPage();
  }

  /** Room for `points` more on this page, else a new page. */
  keep(points: number) {
    if (this.doc.y + points > this.doc.page.height - this.doc.page.margins.bottom) this.newPage();
  }

  heading(level: number, text: string, parent: Struct = this.root) {
    const l = Math.max(1, Math.min(6, level));
    this.keep(SIZES[l] * 3);
    parent.add(
      this.doc.struct(`H${l}`, {}, () => {
        this.doc.font("Helvetica-Bold").fontSize(SIZES[l]).fillColor("#0b0c0c").text(pdfText(text), { width: this.width });
      }),
    );
    this.doc.moveDown(0.4);
  }

  paragraph(runs: Run[] | string, parent: Struct = this.root, options: { size?: number; indent?: number; color?: string } = {}) {
    const list = typeof runs === "string" ? [{ text: runs }] : runs.filter((r) => r.text !== "");
    if (list.length === 0) return;
    parent.add(this.doc.struct("P", {}, () => this.writeRuns(list, options)));
    this.doc.moveDown(0.5);
  }

  private writeRuns(runs: Run[], options: { size?: number; indent?: number; color?: string }) {
    const x = this.doc.page.margins.left + (options.indent ?? 0);
    const width = this.width - (options.indent ?? 0);
    this.doc.fillColor(options.color ?? "#0b0c0c").fontSize(options.size ?? BODY_SIZE);
    runs.forEach((r, i) => {
      const font = r.code ? "Courier" : r.bold && r.italic ? "Helvetica-BoldOblique" : r.bold ? "Helvetica-Bold" : r.italic ? "Helvetica-Oblique" : "Helvetica";
      this.doc.font(font);
      const last = i === runs.length - 1;
      if (i === 0) this.doc.text(pdfText(r.text), x, this.doc.y, { width, continued: !last });
      else this.doc.text(pdfText(r.text), { continued: !last });
    });
  }

  /** A list: each entry a paragraph of its own, after its marker. */
  list(entries: (Run[] | string)[], parent: Struct = this.root, ordered = false) {
    if (entries.length === 0) return;
    const l = this.doc.struct("L");
    parent.add(l);
    entries.forEach((e, i) => {
      const runs = typeof e === "string" ? [{ text: e }] : e;
      l.add(this.doc.struct("LI", {}, () => this.writeRuns([{ text: ordered ? `${i + 1}. ` : "• " }, ...runs], { indent: 14 })));
      this.doc.moveDown(0.2);
    });
    l.end();
    this.doc.moveDown(0.3);
  }

  /** A section of its own in the structure tree (an agenda item, a report). */
  section(parent: Struct = this.root): Struct {
    const s = this.doc.struct("Sect");
    parent.add(s);
    return s;
  }

  /** Markdown as text: headings from `headingLevel` down, paragraphs, lists, quotes, tables as rows, code. */
  markdown(source: string | null | undefined, parent: Struct = this.root, headingLevel = 3) {
    const tokens = markdownTokens(source);
    let listStack: { ordered: boolean; items: Run[][] }[] = [];
    let row: string[] = [];
    let quote = 0;
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i];
      if (t.type === "heading_open") {
        const level = Number(t.tag.slice(1));
        this.heading(Math.min(6, headingLevel + level - 1), inlineText(tokens[i + 1]), parent);
        i += 2;
      } else if (t.type === "bullet_list_open" || t.type === "ordered_list_open") {
        listStack.push({ ordered: t.type === "ordered_list_open", items: [] });
      } else if (t.type === "bullet_list_close" || t.type === "ordered_list_close") {
        const l = listStack.pop()!;
        if (listStack.length) listStack[listStack.length - 1].items.push(...l.items.map((it) => [{ text: "  " }, ...it]));
        else this.list(l.items, parent, l.ordered);
      } else if (t.type === "inline" && listStack.length) {
        listStack[listStack.length - 1].items.push(inlineRuns(t));
      } else if (t.type === "inline" && (tokens[i - 1]?.type === "th_open" || tokens[i - 1]?.type === "td_open")) {
        row.push(inlineText(t));
      } else if (t.type === "tr_close") {
        this.paragraph(row.join("  |  "), parent);
        row = [];
      } else if (t.type === "blockquote_open") quote += 1;
      else if (t.type === "blockquote_close") quote -= 1;
      else if (t.type === "inline") {
        this.paragraph(inlineRuns(t), parent, { indent: quote * 14, color: quote ? "#505a5f" : undefined });
      } else if (t.type === "fence" || t.type === "code_block") {
        this.paragraph([{ text: t.content.replace(/\n$/, ""), code: true }], parent);
      }
    }
    listStack = [];
  }

  /** Bookmarks to the current page. */
  bookmark(title: string, parent?: PDFKit.PDFOutline): PDFKit.PDFOutline {
    return (parent ?? this.doc.outline).addItem(pdfText(title));
  }

  async finish(): Promise<Uint8Array> {
    this.root.end();
    this.doc.end();
    await this.done;
    return new Uint8Array(Buffer.concat(this.chunks));
  }
}

function inlineText(t: Token | undefined): string {
  return inlineRuns(t).map((r) => r.text).join("");
}

/** A Markdown inline token's text as runs: bold, italic, code; a link's address after its text. */
function inlineRuns(t: Token | undefined): Run[] {
  const runs: Run[] = [];
  let bold = false;
  let italic = false;
  let href: string | null = null;
  for (const c of t?.children ?? []) {
    if (c.type === "strong_open") bold = true;
    else if (c.type === "strong_close") bold = false;
    else if (c.type === "em_open") italic = true;
    else if (c.type === "em_close") italic = false;
    else if (c.type === "text") runs.push({ text: c.content, bold, italic });
    else if (c.type === "code_inline") runs.push({ text: c.content, code: true });
    else if (c.type === "softbreak") runs.push({ text: " " });
    else if (c.type === "hardbreak") runs.push({ text: "\n" });
    else if (c.type === "image") runs.push({ text: c.content ? `[Image: ${c.content}]` : "[Image]" });
    else if (c.type === "link_open") href = c.attrGet("href");
    else if (c.type === "link_close") {
      const shown = runs[runs.length - 1]?.text ?? "";
      if (href && /^(https?:|mailto:)/i.test(href) && !shown.includes(href.replace(/^mailto:/, ""))) runs.push({ text: ` (${href.replace(/^mailto:/, "")})` });
      href = null;
    }
  }
  return runs;
}
