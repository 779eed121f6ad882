import pino from "pino";
import { env } from "./env.server";

/** JSON lines on stdout. Secrets never reach it: see the redact paths and the request logger. */
export const logger = pino({
  level: env.NODE_ENV === "test" ? "silent" : env.LOG_LEVEL,
  base: { service: "koppel" },
  redact: {
    paths: ["password", "*.password", "token", "*.token", "sessionId", "*.sessionId", "headers.cookie", "headers.authorization"],
    censor: "[redacted]",
  },
});
