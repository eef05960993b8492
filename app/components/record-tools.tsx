import { Link } from "@remix-run/react";
import { useCan } from "~/auth/use-can";

type LinkSubject = "agenda_item" | "minute" | "question" | "action" | "recommendation";
type FollowTarget = "body" | "meeting" | "question" | "action" | "priority";

/**
 * What a reader can do with a record besides reading it: follow it by e-mail, and
 * (clerks) link it to priorities and recommendations from this end.
 */
export function RecordTools({
  follow,
  linkAs,
  id,
}: {
  follow?: FollowTarget;
  linkAs?: LinkSubject;
  id: string;
}) {
  const can = useCan();
  const links = [];
  if (follow) {
    links.push(
      <li key="follow">
        <Link className="govuk-link" to={`/follow?type=${follow}&id=${id}`}>
          Follow by e-mail
        </Link>
      </li>,
    );
  }
  if (linkAs && can("update:priority:any")) {
    links.push(
      <li key="link">
        <Link className="govuk-link" to={`/clerk/links?subject=${linkAs}:${id}`}>
          Link to priorities or recommendations
        </Link>
      </li>,
    );
  }
  if (links.length === 0) return null;
  return <ul className="govuk-list portal-no-print">{links}</ul>;
}
