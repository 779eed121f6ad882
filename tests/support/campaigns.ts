import fs from "node:fs";
import path from "node:path";
import { and, eq } from "drizzle-orm";
import sharp from "sharp";
import { expect } from "vitest";
import { database, db } from "~db/client";
import { campaignParticipants, uploadedFiles as uploadedFileRows } from "~db/schema";
import { env } from "~/lib/env.server";
import { belgianDate } from "~/lib/dates";
import { createEdition } from "~/modules/campaigns/index.server";
import { EditionSchema } from "~/modules/campaigns/schemas";
import * as staffCampaign from "~/routes/gemeente.zomer";
import * as promotionForm from "~/routes/ondernemer.zomer.$businessId.$edition";
import { args, formRequest, multipartRequest, respond } from "./http";
import { account, businessFor } from "./marketplace";

export const BRUGGE = "31005";
export const KORTRIJK = "34022";
export const today = belgianDate();
export const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
export const year = Number(today.slice(0, 4));

export let admin: Awaited<ReturnType<typeof account>>;
export let bruggeStaff: Awaited<ReturnType<typeof account>>;
export let kortrijkStaff: Awaited<ReturnType<typeof account>>;
export let retailer: Awaited<ReturnType<typeof account>>;
export let running: { id: string; slug: string };
export let past: { id: string; slug: string };

export async function edition(y: number, startsOn: string, endsOn: string) {
  const created = await createEdition(admin.id, EditionSchema.parse({ year: String(y), title: `ZomerInWestVlaanderen ${y}`, startsOn, endsOn }));
  if (!created.ok) throw new Error(created.error);
  return { id: created.id, slug: `zomer-${y}` };
}

export const png = (width = 2400, height = 1200) => sharp({ create: { width, height, channels: 3, background: "#0b5d4b" } }).png().toBuffer();
export const file = (bytes: Uint8Array, name: string, type: string) => new File([new Uint8Array(bytes)], name, { type });
export const promotionFields = (editionId: string, overrides: Record<string, string> = {}) => ({
  intent: "save",
  editionId,
  promotionTitle: "Gratis koffie bij elke aankoop",
  promotionText: "Deze zomer trakteren we elke klant op een koffie van de lokale branderij.",
  validFrom: day(-5),
  validUntil: day(40),
  ...overrides,
});
export const optIn = (owner: { cookie: string }, businessId: string, fields: Record<string, string>, files: Record<string, File> = {}) =>
  respond(() => promotionForm.action(args(multipartRequest(`/ondernemer/zomer/${businessId}/${running.slug}`, fields, files, { cookie: owner.cookie }), { businessId, edition: running.slug })));
export const decide = (staff: { cookie: string }, participantId: string, intent: string) =>
  respond(() => staffCampaign.action(args(formRequest(`/gemeente/zomer?editie=${running.slug}`, { intent, participantId }, { cookie: staff.cookie }))));
export const participantOf = async (businessId: string, editionId = running.id) =>
  (await db.select().from(campaignParticipants).where(and(eq(campaignParticipants.businessId, businessId), eq(campaignParticipants.editionId, editionId))))[0];
/** The keys of every stored upload, wherever this database keeps them (disk on PGlite, a table on PostgreSQL). */
export async function uploadedFiles() {
  if (database.kind === "postgres") return (await db.select({ key: uploadedFileRows.key }).from(uploadedFileRows)).map((row) => row.key);
  const root = path.join(env.DATA_DIR, "uploads");
  return fs.existsSync(root) ? fs.readdirSync(root) : [];
}

/** A retailer with a business in Brugge that has opted in to the running edition (pending). */
export async function pendingParticipant(name: string, nisCode = BRUGGE, postalCode = "8000", sector = "retail") {
  const owner = await account("retailer");
  const business = await businessFor(owner.id, { name, nisCode, postalCode, sector });
  const response = await optIn(owner, business.id, promotionFields(running.id, { promotionTitle: `Actie van ${name}` }));
  expect(response.status).toBe(302);
  return { owner, businessId: business.id, participantId: (await participantOf(business.id)).id };
}

/** Each campaign test file starts with this: staff of Brugge and Kortrijk, a running and a past edition. */
export async function setUpCampaignWorld() {
  admin = await account("admin");
  bruggeStaff = await account("municipality", [BRUGGE]);
  kortrijkStaff = await account("municipality", [KORTRIJK]);
  retailer = await account("retailer");
  running = await edition(year, day(-10), day(60));
  past = await edition(2021, "2021-06-01", "2021-09-30");
}
