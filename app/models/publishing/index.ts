/**
 * What the portal sends out: feeds (Atom, iCalendar), the open data API, the sitemap, follow by
 * e-mail with its notifications, and the outbox every e-mail goes through.
 * Only what the public may see leaves by these paths (app/rules/visibility.server.ts).
 */
export * from "./api.server";
export * from "./feeds.server";
export * from "./follow.server";
export * from "./notifications.server";
export * from "./outbox.server";
export * from "./sitemap.server";
