/**
 * The clock every expiry decision reads (sessions, sign-in throttling, one-time
 * tokens). Tests fix it with `setClockForTests`; nothing else changes it.
 */
let current: () => Date = () => new Date();

export function now(): Date {
  return current();
}

/** Fixes the clock (a Date or a function); `null` puts the real clock back. */
export function setClockForTests(clock: Date | (() => Date) | null) {
  if (clock === null) current = () => new Date();
  else if (clock instanceof Date) current = () => new Date(clock.getTime());
  else current = clock;
}
