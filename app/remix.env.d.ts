/// <reference types="@remix-run/dev" />

import "@remix-run/node";

declare module "@remix-run/node" {
  /** Set per request by app/http-server.ts. */
  interface AppLoadContext {
    requestId: string;
    cspNonce: string;
    /** Set by handleError when the database could not be reached; the server then answers 503. */
    failure?: { databaseUnavailable: boolean };
    clientIp?: string;
  }
}
