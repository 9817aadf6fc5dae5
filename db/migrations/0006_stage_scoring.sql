CREATE TABLE `stage_knowledge_marks` (
	`part_id` integer NOT NULL,
	`question_no` integer NOT NULL,
	`team_id` integer NOT NULL,
	`correct` integer NOT NULL,
	PRIMARY KEY(`part_id`, `question_no`, `team_id`),
	FOREIGN KEY (`part_id`) REFERENCES `stage_parts`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`team_id`) REFERENCES `teams`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
ALTER TABLE `contests` ADD `stage_spread_pct` integer DEFAULT 20 NOT NULL;--> statement-breakpoint
ALTER TABLE `contests` ADD `stage_order_drawn_at` integer;--> statement-breakpoint
ALTER TABLE `stage_parts` ADD `knowledge_questions` integer;--> statement-breakpoint
ALTER TABLE `stage_parts` ADD `knowledge_points` integer;--> statement-breakpoint
ALTER TABLE `stage_parts` ADD `knowledge_mode` text DEFAULT 'all' NOT NULL;--> statement-breakpoint
ALTER TABLE `stage_scores` ADD `seq` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `teams` ADD `committee_tie_order` integer;--> statement-breakpoint
ALTER TABLE `stage_part_results` DROP COLUMN `knowledge_correct`;