// When a missing page is asked for: the rule, with and without memory between ticks.
//
// In: the time elapsed since an entry's instant (ms) and, with memory, the instants of the
// build requests this function already sent. Out: whether this tick asks, and when the next
// request would be sent.
//
// Why slots: a build started after the instant publishes everything due, so extra builds are
// harmless duplicates, but a build started before it publishes nothing. The first request must
// come at the first tick after the instant, however late or early ticks fire; later ones only
// repeat a build that failed or got lost, more and more sparsely, and stop after a day (staff
// decide then). Slots start 0, 5, 15 and 30 minutes after the instant, then every hour.
//
// With memory (Netlify Blobs): at most one request per slot, sent at the first tick that finds
// none since the slot began; a late or missed tick only delays it to the next tick.
// Without memory: a tick cannot know whether an earlier one asked, so it asks when it falls in
// a window: the first 150 s after the instant (a tick 0.3 s early, one tick missed or ticks
// 61 s late all still land there, so the first request leaves within 2 minutes; on-time ticks
// ask up to 3 times), then the first 60 s of each later slot (one tick, two if jitter packs
// them). Bound without memory: 3 + 3 requests in the first hour, about 30 in a day.

export const MINUTE = 60 * 1000;
export const GIVE_UP_MS = 24 * 60 * MINUTE;
export const SLOTS = [0, 5, 15, 30, ...Array.from({ length: 23 }, (_, i) => (i + 1) * 60)].map(
  (minutes) => minutes * MINUTE,
);
export const FIRST_WINDOW_MS = 150 * 1000;
export const WINDOW_MS = 60 * 1000;

/** The start of the slot `elapsed` falls in (ms after the instant). */
export function slotStart(elapsed) {
  return SLOTS.filter((start) => start <= elapsed).at(-1) ?? 0;
}

/** The start of the next slot, or null when none is left within the day. */
export function nextSlot(elapsed) {
  return SLOTS.find((start) => start > elapsed) ?? null;
}

/** With memory: no request since the current slot began. `asks` are epoch ms. */
export function dueWithMemory(instant, now, asks) {
  const since = instant + slotStart(now - instant);
  return !asks.some((at) => at >= since);
}

/** Without memory: this tick falls in the current slot's window. */
export function dueWithoutMemory(elapsed) {
  const start = slotStart(elapsed);
  return elapsed - start < (start === 0 ? FIRST_WINDOW_MS : WINDOW_MS);
}
