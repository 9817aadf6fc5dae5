ALTER TABLE `login_throttle` ADD `phone` text;--> statement-breakpoint
ALTER TABLE `login_throttle` ADD `address` text;--> statement-breakpoint
ALTER TABLE `login_throttle` ADD `signed_in_at` integer;--> statement-breakpoint
CREATE INDEX `login_throttle_phone_idx` ON `login_throttle` (`phone`);--> statement-breakpoint
-- Counts and locks kept under the old rules (a whole account locked from anywhere) are dropped: the new rules start clean.
DELETE FROM `login_throttle` WHERE `key` LIKE 'phone:%' OR `key` LIKE 'ip:%';