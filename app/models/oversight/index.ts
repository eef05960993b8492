/**
 * What the board oversees: its strategic priorities, inspections and their recommendations,
 * annual reviews, the links between them and questions or actions, and the tracking report.
 * Statuses and RAG ratings come from app/rules; this domain gathers and links the records.
 */
export * from "./annual-reviews.server";
export * from "./inspection-changes.server";
export * from "./inspections.server";
export * from "./link-changes.server";
export * from "./links.server";
export * from "./priorities.server";
export * from "./record-links.server";
export * from "./recommendations.server";
export * from "./tracking.server";
export * from "./linked-work.server";
export * from "./board-recommendation-changes.server";
export * from "./board-recommendations.server";
export * from "./work-programme.server";
export * from "./work-programme-changes.server";
export * from "./responses-due.server";
export * from "./board-recommendation-forms.server";
export * from "./register.server";
