CREATE INDEX "engagements_state_idx" ON "engagements" USING btree ("state");--> statement-breakpoint
CREATE INDEX "milestones_submitted_idx" ON "milestones" USING btree ("status","submitted_at");--> statement-breakpoint
CREATE INDEX "payout_lines_engagement_idx" ON "payout_lines" USING btree ("engagement_id");