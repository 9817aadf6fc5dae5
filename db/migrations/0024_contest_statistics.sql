CREATE TABLE `contest_statistics` (
	`contest_id` integer PRIMARY KEY NOT NULL,
	`version` text NOT NULL,
	`computed_at` integer NOT NULL,
	`checked_at` integer NOT NULL,
	`figures` text NOT NULL,
	`questions` text,
	`questions_version` text,
	`refreshing_until` integer,
	FOREIGN KEY (`contest_id`) REFERENCES `contests`(`id`) ON UPDATE no action ON DELETE cascade
);
