/**
 * The whole public record in one download (issue 18, item 8; docs/api.md): a ZIP holding one
 * JSON Lines file per API resource, each line one record exactly as `/api/v1/<resource>/<id>`
 * answers it, and a manifest. It is made from the API's own list of resources (RESOURCES), so a
 * resource added to the API is in it without more work, and through the API's functions, which
 * always read as the public. Kept in the database until anything changes (the audit log's
 * latest row) or the day turns (statuses such as overdue follow the clock).
 */
import { strToU8, zipSync } from "fflate";
import { isoDay } from "../../../rules/dates.server";
import { cachedFile, fingerprint, latestChange, type GeneratedFile } from "../../records";
import { RESOURCES } from "./dispatch.server";
import { API_MAX_PAGE_SIZE, listParams } from "./envelope.server";

/** Raise when the download's shape changes: the stored one is then built again. */
const BULK_VERSION = 1;
export const BULK_MEDIA_TYPE = "application/zip";
export const BULK_FILE_NAME = "public-record.zip";

export async function bulkDownload(site: string, now = new Date()): Promise<GeneratedFile> {
  const key = fingerprint({ BULK_VERSION, site, change: await latestChange(), day: isoDay(now), resources: Object.keys(RESOURCES) });
  return cachedFile("bulk-download", key, BULK_MEDIA_TYPE, () => buildBulk(site, now));
}

/** Every record of one resource, as its own API address gives it. */
async function* records(site: string, name: string) {
  const resource = RESOURCES[name];
  for (let n = 1; ; n++) {
    const url = new URL(`${site}/api/v1/${name}?per_page=${API_MAX_PAGE_SIZE}&page=${n}`);
    const answer = (await resource.list(site, url, listParams(url))) as { data: { id: string }[]; meta: { total_pages: number } };
    for (const row of answer.data) {
      const full = await resource.get(site, row.id);
      if (full) yield full;
    }
    if (n >= answer.meta.total_pages) return;
  }
}

async function buildBulk(site: string, now: Date): Promise<Uint8Array> {
  const files: Record<string, Uint8Array> = {};
  const manifest: { file: string; resource: string; description: string; records: number; api_url: string }[] = [];
  for (const [name, resource] of Object.entries(RESOURCES)) {
    const lines: string[] = [];
    for await (const record of records(site, name)) lines.push(JSON.stringify(record));
    files[`${name}.jsonl`] = strToU8(lines.length ? `${lines.join("\n")}\n` : "");
    manifest.push({ file: `${name}.jsonl`, resource: name, description: resource.label, records: lines.length, api_url: `${site}/api/v1/${name}` });
  }
  files["manifest.json"] = strToU8(
    JSON.stringify(
      {
        name: "The public record of the board portal",
        generated_at: now.toISOString(),
        source: site,
        format: "One JSON Lines file per API resource: each line is one record, as GET /api/v1/<resource>/<id> answers it.",
        documentation: "docs/api.md in the portal's source code",
        files: manifest,
      },
      null,
      2,
    ),
  );
  return zipSync(files, { level: 6, mtime: now });
}
