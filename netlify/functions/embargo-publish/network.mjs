// The function's two kinds of request, each bounded in time.
//
// In: a `fetch` (injected: the global one on Netlify, a fake in tests), the site's address, a
// page path, the build hook's address. Out: plain results ({state, detail} for a page,
// {outcome, status, detail} for the hook) that decide.mjs turns into French lines.
//
// Why a timer raced against every call: Netlify stops a scheduled function after 30 s, and a
// silent network would otherwise hold a tick until then, losing its request and its log line.
// The AbortSignal also stops the real request, but the race does not rely on it: a `fetch`
// that ignores the signal still loses to the timer.

export const TIMEOUTS = {
  page: 6000, // HEAD on the live site (all pages at once)
  hook: 8000, // POST to the build hook
  memory: 4000, // each read or write of the memory (Netlify Blobs)
};

export class Timeout extends Error {
  constructor(ms) {
    super(`pas de réponse en ${Math.round(ms / 1000)}\u00a0s`);
    this.name = "Timeout";
  }
}

/** run(signal), or a Timeout error after `ms`; the timer never outlives the call. */
export async function withTimeout(run, ms) {
  const controller = new AbortController();
  let timer;
  const expiry = new Promise((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(new Timeout(ms));
    }, ms);
  });
  try {
    return await Promise.race([Promise.resolve().then(() => run(controller.signal)), expiry]);
  } finally {
    clearTimeout(timer);
  }
}

/** Why a call failed, in a few words: « pas de réponse en 6 s », « ECONNREFUSED ». */
export function reason(error) {
  if (error instanceof Timeout) return error.message;
  return String(error?.cause?.code ?? error?.code ?? error?.message ?? error);
}

/**
 * Whether `page` is live: {state: "live"} on 200, {state: "absent"} on 404, else
 * {state: "inconnu", detail} (another status, a network error, a timeout, no site address).
 */
export async function pageState(fetchImpl, siteUrl, page, ms = TIMEOUTS.page) {
  if (!siteUrl) return { state: "inconnu", detail: "adresse du site inconnue" };
  const url = new URL(page, siteUrl).href;
  try {
    const response = await withTimeout(
      (signal) => fetchImpl(url, { method: "HEAD", redirect: "manual", signal }),
      ms,
    );
    if (response?.status === 200) return { state: "live" };
    if (response?.status === 404) return { state: "absent" };
    return { state: "inconnu", detail: `réponse ${response?.status}` };
  } catch (error) {
    return { state: "inconnu", detail: reason(error) };
  }
}

/**
 * One POST to the build hook with a deploy title. {outcome: "ok" | "absent" | "refus" |
 * "echec", status, detail}: "absent" is a 404, the answer once staff deleted the hook.
 */
export async function askBuild(fetchImpl, hookUrl, title, ms = TIMEOUTS.hook) {
  // Percent-encoded (a space is %20, never read back as a literal « + »).
  const separator = hookUrl.includes("?") ? "&" : "?";
  const url = `${hookUrl}${separator}trigger_title=${encodeURIComponent(title)}`;
  try {
    const response = await withTimeout(
      (signal) => fetchImpl(url, { method: "POST", body: "{}", signal }),
      ms,
    );
    const status = response?.status;
    if (status >= 200 && status < 300) return { outcome: "ok", status };
    if (status === 404) return { outcome: "absent", status };
    return { outcome: "refus", status };
  } catch (error) {
    return { outcome: "echec", detail: reason(error), timeout: error instanceof Timeout };
  }
}
