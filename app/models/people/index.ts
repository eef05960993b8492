/**
 * People and bodies: boards and committees, their members, roles and terms, and the portal's
 * user accounts with sign-in, passwords, sessions and the demo accounts.
 * Who is public follows the public record; accounts are never shown to the public.
 */
export * from "./bodies.server";
export * from "./body-profile.server";
export * from "./demo-accounts.server";
export * from "./membership-changes.server";
export * from "./one-time-links.server";
export * from "./people-changes.server";
export * from "./sessions.server";
export * from "./sign-in.server";
export * from "./users.server";
export * from "./person-pages.server";
export * from "./two-step.server";
export * from "./organisation-settings.server";
