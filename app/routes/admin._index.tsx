import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { requirePermission } from "~/auth/permissions.server";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "Administration");

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "manage:user:any");
  return json(null);
}

const SECTIONS = [
  { to: "/admin/users", title: "Accounts", text: "Everyone who can sign in: their roles, and disabling an account." },
  { to: "/admin/users/new", title: "Invite someone", text: "Give a member, officer, clerk or administrator an account." },
  { to: "/admin/audit", title: "Audit log", text: "Every change in the portal: who, when, and the values before and after." },
  { to: "/admin/outbox", title: "Outbox", text: "E-mails the portal has sent or is about to send." },
  { to: "/admin/settings", title: "Settings", text: "The statutory clock: how many clear days an agenda must be published before its meeting." },
  { to: "/clerk/bodies", title: "Boards and committees", text: "Bodies, their members, roles and terms, and the days allowed to answer a question." },
  { to: "/clerk/people", title: "People", text: "Members, officers and everyone else the records name." },
];

export default function AdminHome() {
  return (
    <>
      <h1 className="govuk-heading-l">Administration</h1>
      <ul className="govuk-list">
        {SECTIONS.map((s) => (
          <li key={s.to} className="govuk-!-margin-bottom-4">
            <h2 className="govuk-heading-s govuk-!-margin-bottom-1">
              <Link className="govuk-link" to={s.to}>
                {s.title}
              </Link>
            </h2>
            <p className="govuk-body govuk-!-margin-bottom-0">{s.text}</p>
          </li>
        ))}
      </ul>
    </>
  );
}
