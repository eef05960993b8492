/** HTTP answers for feeds: calendars, Atom, and the open-data API's JSON (issue 7). */

export function calendarResponse(body: string, fileName: string, options: { private?: boolean } = {}) {
  return new Response(body, {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": `inline; filename="${fileName}"`,
      "Cache-Control": options.private ? "private, no-store" : "public, max-age=300",
      ...(options.private ? { "Referrer-Policy": "no-referrer", "X-Robots-Tag": "noindex" } : {}),
    },
  });
}

export function atomResponse(body: string) {
  return new Response(body, {
    headers: { "Content-Type": "application/atom+xml; charset=utf-8", "Cache-Control": "public, max-age=300" },
  });
}
