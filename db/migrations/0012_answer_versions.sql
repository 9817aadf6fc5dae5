ALTER TABLE `answers` ADD `version` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `attempts` ADD `prediction_version` integer DEFAULT 0 NOT NULL;