ALTER TABLE `contests` ADD `season_id` integer;--> statement-breakpoint
ALTER TABLE `contests` ADD `round_no` integer;--> statement-breakpoint
ALTER TABLE `contests` ADD `season_aggregate` text DEFAULT 'sum' NOT NULL;--> statement-breakpoint
ALTER TABLE `contests` ADD `season_prize_rule` text DEFAULT 'highest' NOT NULL;--> statement-breakpoint
ALTER TABLE `contests` ADD `season_required_rounds` text;--> statement-breakpoint
CREATE UNIQUE INDEX `contests_round_uq` ON `contests` (`season_id`,`round_no`);