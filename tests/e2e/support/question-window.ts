/**
 * Closed business (ADR 037): members may raise questions only within a body's window
 * after a meeting (28 days unless a clerk sets another). The seeded meeting is years
 * old, so a journey in which a member raises a question on it first has the clerk set
 * the window, through the body's form as a clerk would; a test of the refusal sets it back.
 */
import { HttpSession } from "./http-session";

export async function setQuestionWindow(baseURL: string, days: number) {
  const clerk = new HttpSession(baseURL, "clerk");
  await clerk.signIn("clerk");
  const bodies = (await (await fetch(new URL("/api/v1/bodies?per_page=100", baseURL))).json()) as { data: { id: string }[] };
  for (const { id } of bodies.data) {
    const data = await clerk.data<{ body: { values: Record<string, string>; version: string } }>(`/clerk/bodies/${id}`, "routes/clerk.bodies.$id");
    await clerk.submit(`/clerk/bodies/${id}`, { ...data.body.values, intent: "details", questionWindowDays: String(days), version: String(data.body.version) });
  }
}

/** The longest window a clerk may set: enough for the seeded meeting. */
export const LONG_WINDOW_DAYS = 3660;
