/** Two-step verification and one's sessions (issue #20 item 5, docs/decisions/028-two-step-verification.md). */
import { everyone, onlyFor, SIGNED_IN, type Entry } from "../../support/authorization";

export default {
  "routes/account.sessions": onlyFor(SIGNED_IN, { GET: 200, POST: 400 }),
  "routes/account.two-step": onlyFor(SIGNED_IN, { GET: 200, POST: 400 }),
  // Only a sign-in waiting for its code reaches the form; anyone else is sent to sign in (a POST back to the start).
  "routes/sign-in_.two-step": { GET: everyone("sign-in"), POST: everyone(303) },
} satisfies Record<string, Entry>;
