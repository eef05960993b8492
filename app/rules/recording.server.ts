/**
 * Recordings and webcasts of meetings (issue 18, item 5): which links a clerk may
 * give (http and https only: never javascript:, data: or anything a browser
 * would run), and start offsets into a recording, typed as h:mm:ss.
 */

export const RECORDING_KIND_LABELS = { live: "Live webcast", archived: "Recording" } as const;

/** The link, trimmed, when it is an absolute http(s) address with a host; else null. */
export function safeRecordingUrl(typed: string): string | null {
  const value = typed.trim();
  if (!/^https?:\/\//i.test(value)) return null;
  try {
    const url = new URL(value);
    if ((url.protocol !== "http:" && url.protocol !== "https:") || !url.hostname) return null;
    return url.toString();
  } catch {
    return null;
  }
}

export type OffsetParse = { ok: true; seconds: number | null } | { ok: false; message: string };

/**
 * An offset as a clerk types it: "1:02:03", "2:03" (minutes and seconds) or
 * "45" (seconds); blank for none. Minutes and seconds after the first part are
 * 0-59. Negative or malformed offsets are refused with a message.
 */
export function parseOffset(typed: string | null | undefined, label = "The start time"): OffsetParse {
  const value = (typed ?? "").trim();
  if (!value) return { ok: true, seconds: null };
  if (value.startsWith("-")) return { ok: false, message: `${label} cannot be negative` };
  const match = /^(\d{1,3})(?::(\d{1,2}))?(?::(\d{1,2}))?$/.exec(value);
  if (!match) return { ok: false, message: `${label} must be hours, minutes and seconds, like 1:02:30` };
  const parts = [match[1], match[2], match[3]].filter((p) => p !== undefined).map(Number);
  const [h, m, s] = parts.length === 3 ? parts : parts.length === 2 ? [0, parts[0], parts[1]] : [0, 0, parts[0]];
  if (parts.length > 1 && (parts[parts.length - 1] > 59 || (parts.length === 3 && m > 59))) {
    return { ok: false, message: `${label} must have minutes and seconds from 0 to 59, like 1:02:30` };
  }
  const seconds = h * 3600 + m * 60 + s;
  if (seconds > 99 * 3600) return { ok: false, message: `${label} must be less than 100 hours` };
  return { ok: true, seconds };
}

/** Seconds as h:mm:ss (the form clerks type and the public reads). */
export function formatOffset(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  return `${h}:${String(m).padStart(2, "0")}:${String(s).padStart(2, "0")}`;
}

/** An offset must fall within the recording, where its length is known. */
export function offsetWithin(seconds: number, lengthSeconds: number | null): boolean {
  return seconds >= 0 && (lengthSeconds === null || seconds <= lengthSeconds);
}

/**
 * The link to watch from an offset: a media-fragment `#t=` (W3C Media Fragments),
 * which players honour or ignore; the offset is also shown in words beside it.
 */
export function watchAtUrl(url: string, seconds: number): string {
  const u = new URL(url);
  u.hash = `t=${seconds}`;
  return u.toString();
}
