import { PassThrough } from "node:stream";
import { createReadableStreamFromReadable, type AppLoadContext, type EntryContext } from "@remix-run/node";
import { isRouteErrorResponse, RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { logger } from "~/lib/logger.server";
import { isDatabaseUnavailable } from "~/lib/pg-errors";
import { NonceProvider } from "~/ui/nonce";

// The HTTP server reaches start-up and shutdown through the build's entry module, so the process
// has one copy of the database client, not one per bundle.
export { boot, shutdown } from "~/modules/platform/index.server";

const ABORT_DELAY = 5_000;

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const nonce = loadContext.cspNonce;
  const waitForAll = isbot(request.headers.get("user-agent") ?? "") || remixContext.isSpaMode;
  return new Promise((resolve, reject) => {
    let shellRendered = false;
    // Stops a render still streaming after ABORT_DELAY. Cleared once everything is rendered: left
    // running, every request kept its whole render in memory for five seconds, then aborted a
    // finished stream (an error object each).
    const abortTimer = setTimeout(() => abort(), ABORT_DELAY);
    const render = () => {
      shellRendered = true;
      const body = new PassThrough();
      responseHeaders.set("Content-Type", "text/html; charset=utf-8");
      resolve(new Response(createReadableStreamFromReadable(body), { headers: responseHeaders, status: responseStatusCode }));
      pipe(body);
    };
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce}>
        <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
      </NonceProvider>,
      {
        nonce,
        onShellReady() {
          if (!waitForAll) render();
        },
        onAllReady() {
          clearTimeout(abortTimer);
          if (waitForAll) render();
        },
        onShellError(error: unknown) {
          clearTimeout(abortTimer);
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          if (shellRendered) logger.error({ err: error, requestId: loadContext.requestId }, "render error");
        },
      },
    );
  });
}

export function handleError(error: unknown, { request, context }: { request: Request; context: AppLoadContext }) {
  if (request.signal.aborted) return;
  // Remix's own answers to a malformed request (`?_data=` naming no route: 403, an unknown action: 405)
  // are the client's mistake, already answered; only the server's own failures are errors.
  if (isRouteErrorResponse(error) && error.status < 500) return;
  if (isDatabaseUnavailable(error) && context.failure) context.failure.databaseUnavailable = true;
  logger.error({ err: error, path: new URL(request.url).pathname }, "unhandled error");
}
