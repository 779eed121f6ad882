/** Exponential backoff for outbox retries: 5 s, 10 s, 20 s … capped at one hour. */
export function retryDelaySeconds(attempts: number) {
  return Math.min(5 * 2 ** Math.max(attempts - 1, 0), 3600);
}
