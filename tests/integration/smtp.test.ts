import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "../support/server";

/*
 * Mail over real SMTP: smtp-server (nodemailer's own server library) plays the mail server on
 * loopback. SMTP_URL is set before the mail module is imported, as it would be in production.
 */

interface Received {
  from: string;
  to: string[];
  raw: string;
}
const received: Received[] = [];
let server: SMTPServer;
let port = 0;

function startServer() {
  server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, session, callback) {
      let raw = "";
      stream.on("data", (chunk: Buffer) => (raw += chunk.toString("utf8")));
      stream.on("end", () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          to: session.envelope.rcptTo.map((r) => r.address),
          raw,
        });
        callback();
      });
    },
  });
  return new Promise<void>((resolve) => server.listen(port, "127.0.0.1", () => resolve()));
}

beforeAll(async () => {
  port = await freePort();
  process.env.SMTP_URL = `smtp://127.0.0.1:${port}`;
  process.env.MAIL_FROM = "Koppel <noreply@koppel.example>";
});
afterAll(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

describe("mail over SMTP", () => {
  it("waits in the outbox while the server is down, then goes", async () => {
    const { db } = await import("~db/client");
    const { drainOutbox, outboxHandlers, pendingOutboxCount, queueMail } = await import("~/modules/notifications/index.server");
    const { outbox } = await import("~db/schema");
    const health = (await import("~/modules/platform/index.server")).getHealth;
    expect((await health()).mail).toBe("smtp");

    await queueMail(db, { to: "winkel@voorbeeld.be", subject: "Welkom bij Koppel", text: "Hallo vanuit Brugge – één test." });
    // Nothing listens on the port yet: the attempt fails and the mail stays queued.
    expect(await drainOutbox(outboxHandlers)).toMatchObject({ claimed: 1, failed: 1 });
    expect(await pendingOutboxCount()).toBe(1);
    expect(received).toEqual([]);

    await startServer();
    const { sql } = await import("drizzle-orm");
    await db.update(outbox).set({ runAfter: sql`now() - interval '1 second'` }).where(sql`done_at is null`);
    expect(await drainOutbox(outboxHandlers)).toMatchObject({ claimed: 1, done: 1 });
    expect(await pendingOutboxCount()).toBe(0);

    expect(received).toHaveLength(1);
    expect(received[0].from).toBe("noreply@koppel.example");
    expect(received[0].to).toEqual(["winkel@voorbeeld.be"]);
    expect(received[0].raw).toMatch(/^Subject: Welkom bij Koppel\r?$/m);
  });
});
