DROP INDEX `attempts_contest_idx`;--> statement-breakpoint
CREATE INDEX `attempts_contest_idx` ON `attempts` (`contest_id`,`status`,`submitted_at`);