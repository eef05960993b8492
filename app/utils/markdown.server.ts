/**
 * The one markdown-it instance (docs/decisions/004-markdown.md).
 * Raw HTML is off, so text is always escaped; links are limited to http(s),
 * mailto and site-relative addresses; headings get anchors; tables are allowed.
 * Rendered on the server only: the browser receives HTML.
 */
import MarkdownIt from "markdown-it";
import anchor from "markdown-it-anchor";

const SAFE_LINK = /^(https?:|mailto:|\/(?!\/)|#|\.\.?\/)/i;

export function slugify(text: string): string {
  return text
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/['’]/g, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 80);
}

const md = new MarkdownIt({ html: false, linkify: true, typographer: true, breaks: false });
md.validateLink = (url: string) => SAFE_LINK.test(url.trim()) && !/^\s*(javascript|vbscript|data):/i.test(url);
md.use(anchor, { slugify, tabIndex: false });

// Links that leave the site say so to assistive technology and keep no opener.
const defaultLinkOpen =
  md.renderer.rules.link_open ?? ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
  const href = tokens[idx].attrGet("href") ?? "";
  if (/^https?:/i.test(href)) tokens[idx].attrSet("rel", "noopener noreferrer");
  return defaultLinkOpen(tokens, idx, options, env, self);
};

// Tables are wide; GOV.UK table classes make them readable.
md.renderer.rules.table_open = () => '<table class="govuk-table">\n';

/** Markdown to safe HTML. */
export function renderMarkdown(source: string | null | undefined): string {
  if (!source) return "";
  return md.render(source);
}

/** Markdown to plain text (for snippets, feeds and meta descriptions). */
export function markdownToText(source: string | null | undefined): string {
  if (!source) return "";
  return md
    .render(source)
    .replace(/<[^>]+>/g, " ")
    .replace(/&amp;/g, "&")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/\s+/g, " ")
    .trim();
}

/** The same parser's tokens, for writers that lay Markdown out themselves (the PDF packs). */
export function markdownTokens(source: string | null | undefined) {
  return source ? md.parse(source, {}) : [];
}
