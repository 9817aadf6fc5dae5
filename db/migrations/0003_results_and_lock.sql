CREATE TABLE `contest_results` (
	`contest_id` integer PRIMARY KEY NOT NULL,
	`locked_at` integer NOT NULL,
	`snapshot` text NOT NULL,
	`announced_at` integer,
	FOREIGN KEY (`contest_id`) REFERENCES `contests`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
ALTER TABLE `contests` ADD `lock_quorum` integer DEFAULT 1 NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX `disqualifications_active_uq` ON `disqualifications` (`contest_id`,`target_kind`,`target_id`) WHERE revoked_at IS NULL;