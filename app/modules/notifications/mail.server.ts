import fs from "node:fs/promises";
import path from "node:path";
import { simpleParser } from "mailparser";
import nodemailer from "nodemailer";
import { env } from "~/lib/env.server";

export interface Mail {
  to: string;
  subject: string;
  text: string;
  /** Files sent along as text (an e-invoice's UBL). */
  attachments?: { filename: string; content: string; contentType: string }[];
}

export const mailDir = path.join(env.DATA_DIR, "mail");
export const mailTransportKind = env.SMTP_URL ? "smtp" : "file";

// Without SMTP the message is still built by nodemailer, so the .eml files are what a server would get.
const transport = env.SMTP_URL
  ? nodemailer.createTransport(env.SMTP_URL)
  : nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "unix" });

export async function deliverMail(mail: Mail) {
  const info = await transport.sendMail({ from: env.MAIL_FROM, to: mail.to, subject: mail.subject, text: mail.text, attachments: mail.attachments });
  if (mailTransportKind === "file") {
    await fs.mkdir(mailDir, { recursive: true });
    const name = `${new Date().toISOString().replace(/[:.]/g, "-")}-${crypto.randomUUID().slice(0, 8)}.eml`;
    await fs.writeFile(path.join(mailDir, name), (info as unknown as { message: Buffer }).message);
  }
}

export interface SentMail {
  id: string;
  to: string;
  subject: string;
  date: Date;
  text: string;
}

/** The .eml files written without SMTP, newest first (for /dev/mail and tests). */
export async function listSentMail(): Promise<SentMail[]> {
  let names: string[];
  try {
    names = (await fs.readdir(mailDir)).filter((n) => n.endsWith(".eml"));
  } catch {
    return [];
  }
  const mails = await Promise.all(names.map((name) => readSentMail(name.replace(/\.eml$/, ""))));
  return mails.filter((m): m is SentMail => m !== null).sort((a, b) => b.id.localeCompare(a.id));
}

export async function readSentMail(id: string): Promise<SentMail | null> {
  if (!/^[\w-]+$/.test(id)) return null;
  try {
    const parsed = await simpleParser(await fs.readFile(path.join(mailDir, `${id}.eml`)));
    const to = Array.isArray(parsed.to) ? parsed.to.map((a) => a.text).join(", ") : (parsed.to?.text ?? "");
    return { id, to, subject: parsed.subject ?? "", date: parsed.date ?? new Date(0), text: parsed.text ?? "" };
  } catch {
    return null;
  }
}
