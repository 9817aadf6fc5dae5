CREATE TABLE `question_categories` (
	`code` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`position` integer NOT NULL,
	`retired_at` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL
);
--> statement-breakpoint
INSERT INTO `question_categories` (`code`, `name`, `position`) VALUES
	('CCHC', 'Cải cách hành chính', 1),
	('CDS', 'Chuyển đổi số', 2),
	('DVC', 'Dịch vụ công', 3),
	('DDDT', 'Định danh điện tử', 4),
	('DIA_PHUONG', 'Địa phương', 5);
