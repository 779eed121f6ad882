/// <reference types="@remix-run/dev" />

import "@remix-run/node";

declare module "@remix-run/node" {
  /** Set per request by app/http-server.ts. */
  interface AppLoadContext {
    requestId: string;
    cspNonce: string;
    clientIp?: string;
  }
}
