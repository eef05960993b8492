/**
 * Records the seeded content lacks, made for the hostile-input test
 * (tests/e2e/hostile-input.e2e.ts) through the portal's own forms and e-mails, as
 * the leak canary makes its records (support/canary-records.ts): an action (its
 * page and forms), a follow waiting for confirmation, a confirmed follow (its
 * manage, data and unsubscribe pages), an invitation, and a password reset (for an
 * account of its own, so no demo account's sessions end). Their pages join the
 * hostile crawl; the tokens come from the e-mails the SMTP catcher receives.
 */
import { HttpSession } from "./http-session";
import type { SmtpCatcher } from "./smtp";
import type { WalkFixtures, Who } from "./route-list";

export interface ExtraPage {
  /** Not a route-walk id: replays as other roles are not judged for these pages. */
  routeId: string;
  path: string;
  roles: Who[];
}

const PASSWORD = "hostile records password long enough";

function recipientOf(mail: string): string {
  return mail.match(/^To:\s*(.*)$/im)?.[1].trim().replace(/^.*</, "").replace(/>.*$/, "").toLowerCase() ?? "";
}

/** The first link matching `pattern` in an e-mail to `email` (waits up to 30 s; the outbox sends after the answer). */
async function linkIn(smtp: SmtpCatcher, email: string, pattern: RegExp): Promise<string> {
  const end = Date.now() + 30_000;
  for (;;) {
    for (const mail of smtp.mails) {
      if (recipientOf(mail) !== email.toLowerCase()) continue;
      // Quoted-printable soft line breaks and "=3D" would cut a link in two.
      const text = mail.replace(/=\r?\n/g, "").replace(/=3D/gi, "=");
      const link = text.match(pattern)?.[0];
      if (link) return link;
    }
    if (Date.now() > end) throw new Error(`no e-mail to ${email} with a link like ${pattern}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const pathOf = (location: string, base: string) => {
  const url = new URL(location, base);
  return url.pathname + url.search;
};

export async function makeHostileRecords(site: string, smtp: SmtpCatcher, fixtures: WalkFixtures): Promise<ExtraPage[]> {
  const stamp = Date.now().toString(36);
  const clerk = new HttpSession(site, "clerk");
  const admin = new HttpSession(site, "admin");
  const reader = new HttpSession(site, "public");
  await clerk.signIn("clerk");
  await admin.signIn("admin");

  // An action from the seeded recommendation.
  const newAction = `/actions/new?recommendation=${fixtures.recommendation.id}`;
  const { choices, origin } = await clerk.data<{ choices: { organisations: { value: string }[] }; origin: { defaultOrganisationId?: string | null } }>(newAction, "routes/actions.new");
  const due = new Date(Date.now() + 60 * 86_400_000);
  const actionPath = await clerk.submit(newAction, {
    description: "Hostile records: an action whose page and forms the hostile crawl reaches",
    owningOrganisationId: origin.defaultOrganisationId || choices.organisations[0].value,
    ownerId: "",
    dueOn: `${due.getUTCDate()}/${due.getUTCMonth() + 1}/${due.getUTCFullYear()}`,
  });
  const action = new URL(actionPath, site).pathname;

  // Two follows by e-mail: one left waiting for confirmation, one confirmed (manage and unsubscribe links).
  const follow = `/follow?type=priority&id=${fixtures.priority.id}`;
  const waiting = `hostile.waiting.${stamp}@example.org`;
  const confirmed = `hostile.confirmed.${stamp}@example.org`;
  await reader.submit(follow, { type: "priority", id: fixtures.priority.id, email: waiting });
  await reader.submit(follow, { type: "priority", id: fixtures.priority.id, email: confirmed });
  const confirmWaiting = await linkIn(smtp, waiting, /\/follow\/confirm\/[A-Za-z0-9_.-]{16,}/);
  const confirmLink = await linkIn(smtp, confirmed, /\/follow\/confirm\/[A-Za-z0-9_.-]{16,}/);
  const manage = new URL(await reader.submit(confirmLink, {}), site).pathname;
  const token = manage.replace(/^\/follow\/manage\//, "");

  // Invitations: one left open, one accepted (its account then asks for a password reset).
  const invite = async (who: string) => {
    await admin.submit("/admin/users/new", { name: `Hostile ${who}`, email: who, role: "clerk", organisationId: "", bodyId: "" });
    return linkIn(smtp, who, /\/invite\/[A-Za-z0-9_.-]{16,}/);
  };
  const invitedOpen = `hostile.invited.${stamp}@example.org`;
  const invitedReset = `hostile.reset.${stamp}@example.org`;
  const openInvite = await invite(invitedOpen);
  const acceptInvite = await invite(invitedReset);
  await reader.submit(acceptInvite, { password: PASSWORD, confirmPassword: PASSWORD });
  await reader.submit("/forgot-password", { email: invitedReset });
  const reset = await linkIn(smtp, invitedReset, /\/reset-password\/[A-Za-z0-9_.-]{16,}/);

  const publicOnly: Who[] = ["public"];
  return [
    { routeId: "extra:actions.$id", path: action, roles: ["public", "member", "officer", "clerk", "admin"] },
    { routeId: "extra:follow.confirm.$token", path: pathOf(confirmWaiting, site), roles: publicOnly },
    { routeId: "extra:follow.manage.$token", path: `/follow/manage/${token}`, roles: publicOnly },
    { routeId: "extra:follow.manage.$token_.data", path: `/follow/manage/${token}/data`, roles: publicOnly },
    { routeId: "extra:follow.unsubscribe.($token)", path: `/follow/unsubscribe/${token}`, roles: publicOnly },
    { routeId: "extra:invite.$token", path: pathOf(openInvite, site), roles: publicOnly },
    { routeId: "extra:reset-password.$token", path: pathOf(reset, site), roles: publicOnly },
  ];
}
