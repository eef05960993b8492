/**
 * The clerk's inbox: what waits for the clerk across meetings and questions, as sections
 * computed by one function. It owns no tables: it reads through the meetings, questions and oversight indexes.
 */
export * from "./clerk-inbox.server";
