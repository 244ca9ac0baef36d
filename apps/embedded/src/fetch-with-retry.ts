/**
 * A kept-alive connection the server closes just as it is reused fails the request (undici: "fetch failed"); on a
 * busy machine a simulated day can outlast the servers' 5 s keep-alive timeout. Only for requests that are safe
 * to send twice (both callers send an idempotency key the receiver de-duplicates on).
 */
export async function fetchWithRetry(url: string, init: RequestInit, attempts = 3): Promise<Response> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await fetch(url, init);
    } catch (error) {
      if (attempt >= attempts) throw error;
    }
  }
}
