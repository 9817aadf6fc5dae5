CREATE TABLE `contest_committee` (
	`contest_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`added_at` integer NOT NULL,
	PRIMARY KEY(`contest_id`, `user_id`),
	FOREIGN KEY (`contest_id`) REFERENCES `contests`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `contest_committee_user_idx` ON `contest_committee` (`user_id`);--> statement-breakpoint
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_contest_approvals` (
	`contest_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`kind` text DEFAULT 'lock' NOT NULL,
	`reason` text,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`contest_id`, `user_id`, `kind`),
	FOREIGN KEY (`contest_id`) REFERENCES `contests`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
INSERT INTO `__new_contest_approvals`("contest_id", "user_id", "kind", "reason", "created_at") SELECT "contest_id", "user_id", 'lock', NULL, "created_at" FROM `contest_approvals`;--> statement-breakpoint
DROP TABLE `contest_approvals`;--> statement-breakpoint
ALTER TABLE `__new_contest_approvals` RENAME TO `contest_approvals`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
ALTER TABLE `sessions` ADD `user_agent` text;--> statement-breakpoint
ALTER TABLE `sessions` ADD `ip` text;--> statement-breakpoint
ALTER TABLE `users` ADD `password_reset_at` integer;--> statement-breakpoint
ALTER TABLE `users` ADD `password_reset_by_user_id` integer;--> statement-breakpoint
-- Contests made before rosters existed: their committee is every active committee account of today,
-- so locks and reopens keep working and the admin can narrow it before close.
INSERT INTO `contest_committee` ("contest_id", "user_id", "added_at")
  SELECT c.id, u.id, cast(unixepoch('subsec') * 1000 as integer) FROM contests c, users u
  WHERE u.role = 'committee' AND u.disabled_at IS NULL;
--> statement-breakpoint
-- Nobody can disable, demote or delete the last active admin: checked by the database inside the write.
CREATE TRIGGER users_keep_an_admin_update BEFORE UPDATE OF role, disabled_at ON users
WHEN OLD.role = 'admin' AND OLD.disabled_at IS NULL AND (NEW.role != 'admin' OR NEW.disabled_at IS NOT NULL)
  AND NOT EXISTS (SELECT 1 FROM users WHERE role = 'admin' AND disabled_at IS NULL AND id != OLD.id)
BEGIN
  SELECT RAISE(ABORT, 'last active admin');
END;
--> statement-breakpoint
CREATE TRIGGER users_keep_an_admin_delete BEFORE DELETE ON users
WHEN OLD.role = 'admin' AND OLD.disabled_at IS NULL
  AND NOT EXISTS (SELECT 1 FROM users WHERE role = 'admin' AND disabled_at IS NULL AND id != OLD.id)
BEGIN
  SELECT RAISE(ABORT, 'last active admin');
END;
