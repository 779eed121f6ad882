/** CSRF defence by Origin: pure, so the HTTP server can apply it before Remix sees the request. */

export function isMutation(method: string) {
  return !["GET", "HEAD", "OPTIONS"].includes(method.toUpperCase());
}

/** True when the Origin header names the host the request was sent to. */
export function isSameOrigin(origin: string | null | undefined, host: string | null | undefined) {
  if (!origin || !host || origin === "null") return false;
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}
