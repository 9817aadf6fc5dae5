DROP INDEX `attempts_no_uq`;--> statement-breakpoint
DROP INDEX `attempts_one_open_uq`;--> statement-breakpoint
DROP INDEX `attempts_contest_idx`;--> statement-breakpoint
DROP INDEX `attempts_contest_entries_idx`;--> statement-breakpoint
ALTER TABLE `attempts` ADD `practice` integer DEFAULT false NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX `attempts_no_uq` ON `attempts` (`contest_id`,`user_id`,`practice`,`attempt_no`);--> statement-breakpoint
CREATE UNIQUE INDEX `attempts_one_open_uq` ON `attempts` (`contest_id`,`user_id`,`practice`) WHERE status = 'open';--> statement-breakpoint
CREATE INDEX `attempts_contest_idx` ON `attempts` (`contest_id`,`status`,`submitted_at`,`practice`);--> statement-breakpoint
CREATE INDEX `attempts_contest_entries_idx` ON `attempts` (`contest_id`,`status`,`user_id`,`team_id`,`score`,`max_score`,`duration_ms`,`submitted_at`,`prediction`,`assisted_by_user_id`,`id`,`practice`);--> statement-breakpoint
ALTER TABLE `contests` ADD `practice_enabled` integer DEFAULT false NOT NULL;