CREATE TABLE `contest_amendments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`contest_id` integer NOT NULL,
	`at` integer NOT NULL,
	`by_user_id` integer,
	`reason` text NOT NULL,
	`changes` text NOT NULL,
	`rules` text NOT NULL,
	FOREIGN KEY (`contest_id`) REFERENCES `contests`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `contest_amendments_contest_idx` ON `contest_amendments` (`contest_id`,`at`);--> statement-breakpoint
ALTER TABLE `contest_approvals` ADD `ranking_hash` text;--> statement-breakpoint
ALTER TABLE `contest_approvals` ADD `winners` text;--> statement-breakpoint
ALTER TABLE `teams` ADD `committee_tie_key` text;