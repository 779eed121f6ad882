/** CSRF defence by Origin: pure, so the HTTP server can apply it before Remix sees the request. */

export function isMutation(method: string) {
  return !["GET", "HEAD", "OPTIONS"].includes(method.toUpperCase());
}

/**
 * The Origin a same-site form carries when sent to `host` (already checked against the allow-list):
 * APP_URL's own origin for APP_URL's host (its scheme, https, even when a TLS proxy forwards plain
 * http), else the scheme the request came in on.
 */
export function expectedOrigin(appUrl: string, host: string, protocol: string): string {
  const app = new URL(appUrl);
  return app.host.toLowerCase() === host.toLowerCase() ? app.origin : `${protocol.replace(/:$/, "")}://${host.toLowerCase()}`;
}

/** True when the Origin header is exactly the expected origin: scheme, host and port. */
export function isSameOrigin(origin: string | null | undefined, expected: string) {
  if (!origin || origin === "null") return false;
  try {
    return new URL(origin).origin === expected;
  } catch {
    return false;
  }
}
