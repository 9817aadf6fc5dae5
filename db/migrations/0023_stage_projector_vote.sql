CREATE TABLE `stage_audience_votes` (
	`contest_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`team_id` integer NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`contest_id`, `user_id`),
	FOREIGN KEY (`contest_id`) REFERENCES `contests`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`team_id`) REFERENCES `teams`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `stage_audience_votes_team_idx` ON `stage_audience_votes` (`team_id`);--> statement-breakpoint
ALTER TABLE `contests` ADD `audience_vote` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `contests` ADD `audience_vote_opened_at` integer;--> statement-breakpoint
ALTER TABLE `contests` ADD `audience_vote_closed_at` integer;--> statement-breakpoint
ALTER TABLE `stage_parts` ADD `knowledge_question_ids` text;--> statement-breakpoint
ALTER TABLE `stage_parts` ADD `knowledge_seconds` integer;--> statement-breakpoint
ALTER TABLE `stage_parts` ADD `knowledge_shown_no` integer;--> statement-breakpoint
ALTER TABLE `stage_parts` ADD `knowledge_shown_at` integer;--> statement-breakpoint
ALTER TABLE `stage_parts` ADD `knowledge_revealed_at` integer;