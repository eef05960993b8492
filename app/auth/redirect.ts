/**
 * Where to send someone after signing in: only a path on this site. Anything
 * else (`//evil.example`, `https://...`, `javascript:`, `/\evil.example`, control
 * characters, or a path that becomes `//...` once normalised, like `/.//evil.example`)
 * gives the fallback.
 */
const BASE = "http://portal.invalid";

export function safeRedirectPath(to: unknown, fallback = "/"): string {
  if (typeof to !== "string") return fallback;
  const value = to.trim();
  if (!value.startsWith("/") || value.startsWith("//") || value.length > 2000) return fallback;
  // Browsers read a backslash as a slash: "/\evil.example" is "//evil.example".
  if (/[\\\u0000-\u001f\u007f]/.test(value)) return fallback;
  let url: URL;
  try {
    url = new URL(value, BASE);
  } catch {
    return fallback;
  }
  if (url.origin !== BASE) return fallback;
  // What is checked is what will be sent: "/.//evil.example", "/..//x" and
  // "/%2e//x" become "//evil.example" once their dot segments are resolved,
  // which a browser reads as another site.
  if (url.pathname.startsWith("//") || url.pathname.startsWith("/\\")) return fallback;
  url.searchParams.delete("_data");
  // Sending someone back to sign in (or out) after signing in would be a loop.
  if (url.pathname === "/sign-in" || url.pathname === "/sign-out") return fallback;
  return `${url.pathname}${url.search}${url.hash}`;
}
