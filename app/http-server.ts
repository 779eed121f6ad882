/**
 * Koppel's HTTP server: static files, request ids, JSON request logs, security headers, then Remix.
 * Bundled to build/server.js by `npm run build`; it imports the Remix build at run time and reaches
 * the app (start-up, shutdown) only through it, so the process holds one database client.
 */
import crypto from "node:crypto";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import compression from "compression";
import express from "express";
import { env } from "~/lib/env.server";
import { translator } from "~/lib/i18n";
import { logger } from "~/lib/logger.server";
import { PageCache, pageCacheMiddleware } from "~/lib/page-cache.server";
import { allowedHosts, allowedMethods, decodableCookies, originFormTarget, parseHost } from "~/lib/request-guard";
import { cleanRequestTarget } from "~/lib/text";
import { expectedOrigin, isMutation, isSameOrigin } from "~/modules/auth/origin";

interface KoppelEntry {
  boot(): Promise<void>;
  shutdown(): Promise<void>;
}

let build: ServerBuild;
let entry: KoppelEntry;
try {
  // Importing the build opens the database (and, for PGlite, takes the data directory's lock).
  build = (await import(pathToFileURL(path.resolve("build/index.js")).href)) as ServerBuild;
  entry = build.entry.module as unknown as KoppelEntry;
  await entry.boot();
} catch (error) {
  logger.fatal({ err: error }, "Koppel could not start");
  console.error(`\nKoppel could not start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}

/** Set on SIGTERM; see stop() below. */
let stopping = false;

const app = express();
app.disable("x-powered-by");
app.set("trust proxy", env.TRUST_PROXY);

/** Only the campaign widget may be framed, by any municipal website; nothing else by anyone. */
const framablePath = /^\/embed\//;

function securityHeaders(nonce: string, framable: boolean) {
  const headers: Record<string, string> = {
    "Content-Security-Policy": [
      "default-src 'self'",
      `script-src 'self' 'nonce-${nonce}'`,
      "style-src 'self'",
      "img-src 'self' data:",
      "font-src 'self'",
      "connect-src 'self'",
      "object-src 'none'",
      "base-uri 'self'",
      "form-action 'self'",
      framable ? "frame-ancestors *" : "frame-ancestors 'none'",
    ].join("; "),
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
  };
  if (framable) delete headers["X-Frame-Options"];
  // Production is served over HTTPS only (behind the proxy that terminates TLS): browsers must never
  // fall back to plain http, where the session cookie would not be sent anyway.
  if (env.isProduction) headers["Strict-Transport-Security"] = "max-age=31536000; includeSubDomains";
  return headers;
}

app.use((req, res, next) => {
  // While shutting down, no connection is kept for a next request: the client opens a new one,
  // which the proxy sends to a process that stays.
  if (stopping) res.set("Connection", "close");
  const incoming = req.get("x-request-id");
  const requestId = incoming && /^[\w-]{8,64}$/.test(incoming) ? incoming : crypto.randomUUID();
  const nonce = crypto.randomBytes(16).toString("base64");
  res.locals.requestId = requestId;
  res.locals.cspNonce = nonce;
  res.set("X-Request-Id", requestId);
  res.set(securityHeaders(nonce, framablePath.test(req.path)));
  const started = process.hrtime.bigint();
  res.on("finish", () => {
    // The path only: query strings may carry single-use tokens. Never cookies or auth headers.
    logger.info(
      {
        requestId,
        method: req.method,
        path: req.path,
        status: res.statusCode,
        ms: Number((process.hrtime.bigint() - started) / 1000n) / 1000,
      },
      "request",
    );
  });
  next();
});

const hosts = allowedHosts(env.APP_URL, env.ALLOWED_HOSTS, env.PORT);
const badRequest = (res: express.Response, status: number, key: string) => res.status(status).type("text/plain; charset=utf-8").send(translator("nl")(key));

// Before anything reads the request: the host, the method, the target and the cookies. Remix builds
// the URL it routes from the Host (or a trusted X-Forwarded-Host) while Express and the page cache
// read the target: `Host: x/robots.txt#` made them disagree and let anyone replace the page cached
// for everyone. A host must be `name[:port]` and one of ours, or the request gets a 400.
app.use((req, res, next) => {
  if (!allowedMethods.includes(req.method)) {
    res.set("Allow", allowedMethods.join(", "));
    return badRequest(res, 405, "errors.methodNotAllowed");
  }
  // A proxy's health check may send no Host at all (HTTP/1.0); /healthz reads none.
  const host = parseHost(req.headers.host);
  if (!(host && hosts.has(host)) && !(req.headers.host === undefined && req.path === "/healthz")) return badRequest(res, 400, "errors.badHost");
  if (req.headers["x-forwarded-host"] !== undefined) {
    // Believed only from a trusted proxy, and then held to the same list; otherwise never read.
    const forwarded = parseHost(req.get("x-forwarded-host"));
    if (env.TRUST_PROXY === false) delete req.headers["x-forwarded-host"];
    else if (!(forwarded && hosts.has(forwarded))) return badRequest(res, 400, "errors.badHost");
  }
  const target = originFormTarget(req.originalUrl, hosts);
  if (target === null) return badRequest(res, 400, "errors.badAddress");
  if (target !== req.originalUrl) req.url = req.originalUrl = target;
  if (req.headers.cookie) req.headers.cookie = decodableCookies(req.headers.cookie);
  next();
});

// Control characters in an address are never a person's: NUL in a query reached PostgreSQL as a
// 500. A path with one names no page (400); a query string loses them, as form fields do.
app.use((req, res, next) => {
  const target = cleanRequestTarget(req.originalUrl);
  if (target === null) return badRequest(res, 400, "errors.badAddress");
  if (target !== req.originalUrl) req.url = req.originalUrl = target;
  next();
});

// A state-changing request from another site is refused here, with a clean 403, before Remix's own
// check would turn it into a 500. The Origin must match scheme, host and port. A missing Origin is
// left to the route guards: webhooks have none.
app.use((req, res, next) => {
  const origin = req.get("origin");
  if (isMutation(req.method) && origin && !isSameOrigin(origin, expectedOrigin(env.APP_URL, req.get("x-forwarded-host") ?? req.get("host")!, req.protocol))) {
    res.status(403).json({ error: translator("nl")("errors.foreignOrigin") });
    return;
  }
  next();
});

// A signed-in page is that person's: no shared cache (a proxy, the browser's back-forward store on
// a shared computer) may keep it. Routes that say otherwise set their own header.
app.use((req, res, next) => {
  if (/(?:^|;\s*)koppel_session=/.test(req.headers.cookie ?? "")) res.setHeader("Cache-Control", "private, no-store");
  next();
});

// HTML with an inline map, and the scripts, shrink to a quarter.
app.use(compression());

// Fingerprinted assets from the Remix build never change; everything else in public/ for an hour.
app.use("/build", express.static("public/build", { immutable: true, maxAge: "1y" }));
// Only a path that names a file (favicon.svg) looks on disk: pages skip a stat() per request.
const publicFiles = express.static("public", { maxAge: "1h" });
app.use((req, res, next) => (/\.[a-z0-9]+$/i.test(req.path) && !req.path.startsWith("/uploads/") ? publicFiles(req, res, next) : next()));

/**
 * Closing a socket with unread input makes the kernel send a reset, and a client still sending its
 * body may then never see the 413 it was answered (Node's own client reports EPIPE). As web servers
 * do, the socket lingers a moment after the response: it discards what still arrives, at most 1 MB
 * or one second, then closes.
 */
function lingeringClose(req: express.Request, socket: import("node:net").Socket) {
  const destroy = socket.destroy.bind(socket);
  let closing = false;
  socket.destroy = ((error?: Error) => {
    if (closing) return destroy(error);
    closing = true;
    let discarded = 0;
    req.on("data", (chunk: Buffer) => {
      discarded += chunk.length;
      if (discarded > 1024 * 1024) destroy();
    });
    req.resume();
    setTimeout(() => destroy(error), 1000).unref();
    return socket;
  }) as typeof socket.destroy;
}

// A request that failed because the database was unreachable is a 503 with Retry-After, not a 500:
// the client may try again shortly. handleError (entry.server) marks the request's context; the
// status is swapped as the head goes out, whatever kind of response Remix wrote.
app.use((req, res, next) => {
  const failure = { databaseUnavailable: false };
  res.locals.failure = failure;
  const writeHead = res.writeHead.bind(res) as (...args: unknown[]) => typeof res;
  res.writeHead = ((status: number, ...rest: unknown[]) => {
    // A body too large was not read to its end: the connection closes rather than read the rest.
    if (status === 413) {
      res.setHeader("Connection", "close");
      if (res.socket) lingeringClose(req, res.socket);
    }
    if (status === 500 && failure.databaseUnavailable) {
      res.setHeader("Retry-After", "5");
      return writeHead(503, ...rest);
    }
    return writeHead(status, ...rest);
  }) as typeof res.writeHead;
  next();
});

app.use(pageCacheMiddleware(new PageCache(env.PAGE_CACHE_SECONDS)));

app.all(
  "*",
  createRequestHandler({
    build,
    // Always a production build: Remix then keeps error details and stacks out of responses.
    mode: "production",
    getLoadContext: (req, res) => ({
      requestId: res.locals.requestId as string,
      cspNonce: res.locals.cspNonce as string,
      failure: res.locals.failure as { databaseUnavailable: boolean },
      clientIp: req.ip ?? req.socket.remoteAddress,
    }),
  }),
);

const server = app.listen(env.PORT, env.HOST, () => {
  logger.info({ url: env.APP_URL, port: env.PORT }, "listening");
  console.log(`Koppel is running at ${env.APP_URL}`);
});

/**
 * Graceful shutdown, for a rolling restart behind a proxy: stop accepting connections (the proxy
 * retries a refused connection on another process), close idle keep-alive connections, answer every
 * request already received with `Connection: close`, and only when the last one is answered (or
 * SHUTDOWN_GRACE_SECONDS have passed) stop the outbox worker and close the database.
 */
async function stop(signal: string) {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, "shutting down");
  const drained = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  const grace = new Promise<void>((resolve) => setTimeout(resolve, env.SHUTDOWN_GRACE_SECONDS * 1000).unref());
  await Promise.race([drained, grace]);
  // The database pool and the outbox worker would otherwise keep the process alive.
  await entry.shutdown().catch((error) => logger.error({ err: error }, "shutdown failed"));
  process.exit(0);
}
process.on("SIGTERM", () => void stop("SIGTERM"));
process.on("SIGINT", () => void stop("SIGINT"));
