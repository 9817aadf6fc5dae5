CREATE TABLE `answers` (
	`attempt_id` text NOT NULL,
	`question_id` integer NOT NULL,
	`selected` text NOT NULL,
	`seq` integer NOT NULL,
	`saved_at` integer NOT NULL,
	PRIMARY KEY(`attempt_id`, `question_id`),
	FOREIGN KEY (`attempt_id`) REFERENCES `attempts`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `attempt_questions` (
	`attempt_id` text NOT NULL,
	`question_id` integer NOT NULL,
	`position` integer NOT NULL,
	`kind` text NOT NULL,
	`category` text NOT NULL,
	`prompt` text NOT NULL,
	`options` text NOT NULL,
	`correct` text NOT NULL,
	`explanation` text,
	`legal_source` text,
	`points` integer NOT NULL,
	PRIMARY KEY(`attempt_id`, `question_id`),
	FOREIGN KEY (`attempt_id`) REFERENCES `attempts`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`question_id`) REFERENCES `questions`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE TABLE `attempts` (
	`id` text PRIMARY KEY NOT NULL,
	`contest_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`team_id` integer,
	`attempt_no` integer NOT NULL,
	`status` text NOT NULL,
	`started_at` integer NOT NULL,
	`deadline_at` integer NOT NULL,
	`submitted_at` integer,
	`submit_kind` text,
	`score` integer,
	`max_score` integer NOT NULL,
	`correct_count` integer,
	`question_count` integer NOT NULL,
	`duration_ms` integer,
	`prediction` integer,
	`prediction_seq` integer DEFAULT 0 NOT NULL,
	`receipt` text,
	`assisted_by_user_id` integer,
	`ip` text,
	`user_agent` text,
	FOREIGN KEY (`contest_id`) REFERENCES `contests`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`team_id`) REFERENCES `teams`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`assisted_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `attempts_no_uq` ON `attempts` (`contest_id`,`user_id`,`attempt_no`);--> statement-breakpoint
CREATE UNIQUE INDEX `attempts_one_open_uq` ON `attempts` (`contest_id`,`user_id`) WHERE status = 'open';--> statement-breakpoint
CREATE INDEX `attempts_open_deadline_idx` ON `attempts` (`status`,`deadline_at`);--> statement-breakpoint
CREATE INDEX `attempts_contest_idx` ON `attempts` (`contest_id`,`status`);--> statement-breakpoint
CREATE INDEX `attempts_user_idx` ON `attempts` (`user_id`);--> statement-breakpoint
CREATE TABLE `audit_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` integer NOT NULL,
	`actor_user_id` integer,
	`action` text NOT NULL,
	`entity` text,
	`entity_id` text,
	`before` text,
	`after` text,
	`ip` text
);
--> statement-breakpoint
CREATE INDEX `audit_log_at_idx` ON `audit_log` (`at`);--> statement-breakpoint
CREATE TABLE `contest_approvals` (
	`contest_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`contest_id`, `user_id`),
	FOREIGN KEY (`contest_id`) REFERENCES `contests`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `contest_exclusions` (
	`contest_id` integer NOT NULL,
	`phone` text NOT NULL,
	`note` text,
	PRIMARY KEY(`contest_id`, `phone`),
	FOREIGN KEY (`contest_id`) REFERENCES `contests`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `contest_prizes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`contest_id` integer NOT NULL,
	`category` text NOT NULL,
	`rank` integer NOT NULL,
	`label` text NOT NULL,
	`count` integer NOT NULL,
	`amount` integer NOT NULL,
	FOREIGN KEY (`contest_id`) REFERENCES `contests`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `contests` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`slug` text NOT NULL,
	`kind` text NOT NULL,
	`title` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`rules` text DEFAULT '' NOT NULL,
	`ward_name` text NOT NULL,
	`state` text DEFAULT 'draft' NOT NULL,
	`opens_at` integer NOT NULL,
	`closes_at` integer NOT NULL,
	`time_limit_sec` integer DEFAULT 1200 NOT NULL,
	`draw` text NOT NULL,
	`points_per_question` integer DEFAULT 1 NOT NULL,
	`shuffle_questions` integer DEFAULT true NOT NULL,
	`shuffle_options` integer DEFAULT true NOT NULL,
	`max_attempts` integer DEFAULT 1 NOT NULL,
	`attempt_period` text DEFAULT 'contest' NOT NULL,
	`counting` text DEFAULT 'best' NOT NULL,
	`review_policy` text DEFAULT 'after_close' NOT NULL,
	`prediction_target` text,
	`prediction_prompt` text,
	`prediction_actual` integer,
	`entry_modes` text DEFAULT 'individual' NOT NULL,
	`collective_rule` text DEFAULT 'participation_rate' NOT NULL,
	`eligible_unit_ids` text,
	`stage_aggregation` text,
	`stage_hide_totals` integer DEFAULT false NOT NULL,
	`created_by_user_id` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`created_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `contests_slug_uq` ON `contests` (`slug`);--> statement-breakpoint
CREATE TABLE `disqualifications` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`contest_id` integer NOT NULL,
	`target_kind` text NOT NULL,
	`target_id` text NOT NULL,
	`reason` text NOT NULL,
	`by_user_id` integer,
	`created_at` integer NOT NULL,
	`revoked_at` integer,
	`revoked_by_user_id` integer,
	`revoke_reason` text,
	FOREIGN KEY (`contest_id`) REFERENCES `contests`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `disqualifications_contest_idx` ON `disqualifications` (`contest_id`);--> statement-breakpoint
CREATE TABLE `question_options` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`question_id` integer NOT NULL,
	`position` integer NOT NULL,
	`text` text NOT NULL,
	`is_correct` integer NOT NULL,
	FOREIGN KEY (`question_id`) REFERENCES `questions`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `question_options_pos_uq` ON `question_options` (`question_id`,`position`);--> statement-breakpoint
CREATE TABLE `questions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`code` text,
	`kind` text NOT NULL,
	`category` text NOT NULL,
	`prompt` text NOT NULL,
	`explanation` text,
	`legal_source` text,
	`tags` text DEFAULT '[]' NOT NULL,
	`difficulty` text DEFAULT 'medium' NOT NULL,
	`status` text DEFAULT 'active' NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `questions_code_uq` ON `questions` (`code`);--> statement-breakpoint
CREATE INDEX `questions_category_idx` ON `questions` (`category`,`status`);--> statement-breakpoint
CREATE TABLE `sessions` (
	`id_hash` text PRIMARY KEY NOT NULL,
	`user_id` integer NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `sessions_user_idx` ON `sessions` (`user_id`);--> statement-breakpoint
CREATE TABLE `stage_criteria` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`part_id` integer NOT NULL,
	`name` text NOT NULL,
	`max_score` integer NOT NULL,
	FOREIGN KEY (`part_id`) REFERENCES `stage_parts`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `stage_judges` (
	`contest_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	PRIMARY KEY(`contest_id`, `user_id`),
	FOREIGN KEY (`contest_id`) REFERENCES `contests`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `stage_part_results` (
	`part_id` integer NOT NULL,
	`team_id` integer NOT NULL,
	`overtime_sec` integer DEFAULT 0 NOT NULL,
	`knowledge_correct` integer,
	PRIMARY KEY(`part_id`, `team_id`),
	FOREIGN KEY (`part_id`) REFERENCES `stage_parts`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`team_id`) REFERENCES `teams`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `stage_parts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`contest_id` integer NOT NULL,
	`position` integer NOT NULL,
	`name` text NOT NULL,
	`max_score` integer NOT NULL,
	`scoring` text DEFAULT 'judges' NOT NULL,
	`time_limit_sec` integer,
	`overtime_penalty_per_min` integer,
	`is_tie_break` integer DEFAULT false NOT NULL,
	`closed_at` integer,
	FOREIGN KEY (`contest_id`) REFERENCES `contests`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `stage_scores` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`part_id` integer NOT NULL,
	`team_id` integer NOT NULL,
	`judge_user_id` integer NOT NULL,
	`criteria` text NOT NULL,
	`total_tenths` integer NOT NULL,
	`comment` text,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`part_id`) REFERENCES `stage_parts`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`team_id`) REFERENCES `teams`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`judge_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `stage_scores_uq` ON `stage_scores` (`part_id`,`team_id`,`judge_user_id`);--> statement-breakpoint
CREATE TABLE `team_members` (
	`team_id` integer NOT NULL,
	`user_id` integer,
	`display_name` text NOT NULL,
	FOREIGN KEY (`team_id`) REFERENCES `teams`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `team_members_team_idx` ON `team_members` (`team_id`);--> statement-breakpoint
CREATE TABLE `teams` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`contest_id` integer NOT NULL,
	`unit_id` integer,
	`number` integer NOT NULL,
	`name` text NOT NULL,
	`captain_user_id` integer,
	`performance_order` integer,
	FOREIGN KEY (`contest_id`) REFERENCES `contests`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`captain_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `teams_contest_number_uq` ON `teams` (`contest_id`,`number`);--> statement-breakpoint
CREATE TABLE `units` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`ward_id` integer NOT NULL,
	`kind` text NOT NULL,
	`code` text,
	`name` text NOT NULL,
	`denominator` integer,
	`denominator_kind` text,
	`retired_at` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`ward_id`) REFERENCES `wards`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE UNIQUE INDEX `units_ward_name_uq` ON `units` (`ward_id`,`name`);--> statement-breakpoint
CREATE TABLE `users` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`phone` text NOT NULL,
	`full_name` text NOT NULL,
	`birth_year` integer,
	`unit_id` integer,
	`unit_other` text,
	`address` text,
	`role` text DEFAULT 'resident' NOT NULL,
	`password_hash` text NOT NULL,
	`consent_at` integer,
	`assisted_by_user_id` integer,
	`disabled_at` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_phone_uq` ON `users` (`phone`);--> statement-breakpoint
CREATE INDEX `users_unit_idx` ON `users` (`unit_id`);--> statement-breakpoint
CREATE TABLE `wards` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`province` text NOT NULL
);
