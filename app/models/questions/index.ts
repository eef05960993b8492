/**
 * Questions members raise on agenda items, the responses of the scrutinised organisation,
 * the follow-up actions agreed, and the reminders that chase them to closure.
 * Reads take who is asking; writes follow the question transitions in app/rules.
 */
export * from "./action-cancellations.server";
export * from "./action-changes.server";
export * from "./action-origins.server";
export * from "./action-register.server";
export * from "./actions.server";
export * from "./question-changes.server";
export * from "./question-timeline.server";
export * from "./questions.server";
export * from "./register-filters.server";
export * from "./register.server";
export * from "./reminders.server";
export * from "./response-changes.server";
export * from "./item-questions.server";
export * from "./oversight-links.server";
export * from "./chases.server";
