/**
 * What the portal sends out: feeds (Atom, iCalendar), the open data API, the sitemap, follow by
 * e-mail with its notifications, and the outbox every e-mail goes through.
 * Only what the public may see leaves by these paths (app/rules/visibility.server.ts).
 */
export * from "./api/envelope.server";
export * from "./api/dispatch.server";
export * from "./api/bulk.server";
export { getActionApi, listActionsApi } from "./api/actions.server";
export * from "./api/bodies.server";
export * from "./api/documents.server";
export * from "./api/inspections.server";
export * from "./api/meetings.server";
export * from "./api/people.server";
export * from "./api/priorities.server";
export * from "./api/questions.server";
export { getRecommendationApi, listRecommendationsApi } from "./api/recommendations.server";
export * from "./feeds.server";
export { calendarStatus, foldLine, icsText, meetingCalendar, meetingsCalendar, renderCalendar, type CalendarEvent } from "./feeds-calendar.server";
export * from "./feeds-private.server";
export { recommendationResponsesFeed, RECOMMENDATION_RESPONSES_FEED_PATH } from "./feeds-recommendations.server";
export * from "./follow.server";
export * from "./follow-state.server";
export * from "./follow-notifications.server";
export * from "./follow-targets.server";
export { downloadFollowerData, eraseFollowerData, followerData, type FollowerData } from "./follower-data.server";
export {
  findByManageToken,
  findByUnsubscribeToken,
  MANAGE_AFTER_STOP_MS,
  rotateToken,
  unsubscribeHeaders,
  unsubscribeLink,
  unsubscribeToken,
} from "./follow-tokens.server";
export * from "./notifications.server";
export * from "./outbox.server";
export * from "./sitemap.server";
export { FIXED_FEED_DOMAIN } from "./feeds-shared.server";
