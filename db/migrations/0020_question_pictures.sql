CREATE TABLE `images` (
	`key` text PRIMARY KEY NOT NULL,
	`mime` text NOT NULL,
	`width` integer NOT NULL,
	`height` integer NOT NULL,
	`bytes` blob NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL
);
--> statement-breakpoint
ALTER TABLE `attempt_questions` ADD `image` text;--> statement-breakpoint
ALTER TABLE `question_options` ADD `image` text;--> statement-breakpoint
ALTER TABLE `questions` ADD `image` text;