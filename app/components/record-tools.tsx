import { Form, Link, useSearchParams } from "@remix-run/react";
import { useCan } from "~/auth/use-can";

type LinkSubject = "agenda_item" | "minute" | "question" | "action" | "recommendation";
export type FollowTarget = "body" | "meeting" | "question" | "action" | "priority" | "recommendation" | "recommendation_register";

const FOLLOW_LABELS: Record<FollowTarget, string> = {
  body: "board or committee",
  meeting: "meeting",
  question: "question",
  action: "action",
  priority: "priority",
  recommendation: "recommendation",
  recommendation_register: "register of recommendations",
};

/**
 * Follow a record by e-mail, or, for a signed-in person who already does, "You follow
 * this · Stop following" (a plain form: works without JavaScript). `following` is the
 * viewer's subscription id (models/publishing `followingSubscriptionId`).
 */
export function FollowControl({ type, id, following }: { type: FollowTarget; id: string; following?: string | null }) {
  const [searchParams] = useSearchParams();
  const label = FOLLOW_LABELS[type];
  const query = new URLSearchParams({ type, id }).toString();
  return (
    <>
      {searchParams.get("following") === "stopped" && !following && (
        <p className="govuk-body govuk-!-font-weight-bold" role="status">
          You have stopped following this {label}.
        </p>
      )}
      {following ? (
        <Form method="post" action={`/follow?${query}`} className="portal-follow-state">
          <input type="hidden" name="intent" value="stop" />
          <input type="hidden" name="type" value={type} />
          <input type="hidden" name="id" value={id} />
          <input type="hidden" name="subscription" value={following} />
          <input type="hidden" name="return" value="record" />
          You follow this {label} by e-mail ·{" "}
          <button type="submit" className="portal-link-button">
            Stop following<span className="govuk-visually-hidden"> this {label}</span>
          </button>
        </Form>
      ) : (
        <Link className="govuk-link" to={`/follow?${query}`}>
          Follow this {label} by e-mail
        </Link>
      )}
    </>
  );
}

/**
 * What a reader can do with a record besides reading it: follow it by e-mail, and
 * (clerks) link it to priorities and recommendations from this end.
 */
export function RecordTools({
  follow,
  following,
  linkAs,
  id,
}: {
  follow?: FollowTarget;
  /** The viewer's subscription to this record, when they follow it. */
  following?: string | null;
  linkAs?: LinkSubject;
  id: string;
}) {
  const can = useCan();
  const links = [];
  if (follow) {
    links.push(
      <li key="follow">
        <FollowControl type={follow} id={id} following={following} />
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
