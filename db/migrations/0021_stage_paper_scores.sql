ALTER TABLE `stage_scores` ADD `source` text DEFAULT 'judge' NOT NULL;--> statement-breakpoint
ALTER TABLE `stage_scores` ADD `entered_by_user_id` integer REFERENCES users(id) ON DELETE set null;