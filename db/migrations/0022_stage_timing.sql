ALTER TABLE `stage_part_results` ADD `undertime_sec` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `stage_part_results` ADD `duration_sec` integer;--> statement-breakpoint
ALTER TABLE `stage_part_results` ADD `started_at` integer;--> statement-breakpoint
ALTER TABLE `stage_part_results` ADD `stopped_at` integer;--> statement-breakpoint
ALTER TABLE `stage_parts` ADD `min_time_sec` integer;--> statement-breakpoint
ALTER TABLE `stage_parts` ADD `undertime_penalty_per_min` integer;