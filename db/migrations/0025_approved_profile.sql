ALTER TABLE "campaign_participants" ADD COLUMN "approved_profile" jsonb;--> statement-breakpoint
-- What is public today was approved as it stands: keep showing exactly that.
UPDATE "campaign_participants" p SET "approved_profile" = jsonb_build_object('name', b."name", 'description', b."description", 'digitalPresence', b."digital_presence") FROM "businesses" b WHERE b."id" = p."business_id" AND p."status" = 'approved';
