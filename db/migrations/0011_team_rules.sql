-- Team names compare without case, Vietnamese capitals included ("Đội Tổ 1" = "đội tổ 1"); each
-- member is in a team once, and a person in one team per contest. Keys of existing rows: SQLite's
-- lower() knows only ASCII, so the 67 Vietnamese capitals are lowered in groups of 12 (deeper nesting
-- overflows SQLite's parser); the app computes keys for new rows (NFC, single spaces). Rows that
-- already clash (the bug this fixes) get a key made unique with their id, so the migration never
-- fails; renaming such a team gives it a proper key.
ALTER TABLE `teams` ADD `name_key` text DEFAULT '' NOT NULL;--> statement-breakpoint
UPDATE `teams` SET `name_key` = lower(trim(`name`));--> statement-breakpoint
UPDATE `teams` SET `name_key` = replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(`name_key`, 'À', 'à'), 'Á', 'á'), 'Ả', 'ả'), 'Ã', 'ã'), 'Ạ', 'ạ'), 'Ă', 'ă'), 'Ằ', 'ằ'), 'Ắ', 'ắ'), 'Ẳ', 'ẳ'), 'Ẵ', 'ẵ'), 'Ặ', 'ặ'), 'Â', 'â');--> statement-breakpoint
UPDATE `teams` SET `name_key` = replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(`name_key`, 'Ầ', 'ầ'), 'Ấ', 'ấ'), 'Ẩ', 'ẩ'), 'Ẫ', 'ẫ'), 'Ậ', 'ậ'), 'Đ', 'đ'), 'È', 'è'), 'É', 'é'), 'Ẻ', 'ẻ'), 'Ẽ', 'ẽ'), 'Ẹ', 'ẹ'), 'Ê', 'ê');--> statement-breakpoint
UPDATE `teams` SET `name_key` = replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(`name_key`, 'Ề', 'ề'), 'Ế', 'ế'), 'Ể', 'ể'), 'Ễ', 'ễ'), 'Ệ', 'ệ'), 'Ì', 'ì'), 'Í', 'í'), 'Ỉ', 'ỉ'), 'Ĩ', 'ĩ'), 'Ị', 'ị'), 'Ò', 'ò'), 'Ó', 'ó');--> statement-breakpoint
UPDATE `teams` SET `name_key` = replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(`name_key`, 'Ỏ', 'ỏ'), 'Õ', 'õ'), 'Ọ', 'ọ'), 'Ô', 'ô'), 'Ồ', 'ồ'), 'Ố', 'ố'), 'Ổ', 'ổ'), 'Ỗ', 'ỗ'), 'Ộ', 'ộ'), 'Ơ', 'ơ'), 'Ờ', 'ờ'), 'Ớ', 'ớ');--> statement-breakpoint
UPDATE `teams` SET `name_key` = replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(`name_key`, 'Ở', 'ở'), 'Ỡ', 'ỡ'), 'Ợ', 'ợ'), 'Ù', 'ù'), 'Ú', 'ú'), 'Ủ', 'ủ'), 'Ũ', 'ũ'), 'Ụ', 'ụ'), 'Ư', 'ư'), 'Ừ', 'ừ'), 'Ứ', 'ứ'), 'Ử', 'ử');--> statement-breakpoint
UPDATE `teams` SET `name_key` = replace(replace(replace(replace(replace(replace(replace(`name_key`, 'Ữ', 'ữ'), 'Ự', 'ự'), 'Ỳ', 'ỳ'), 'Ý', 'ý'), 'Ỷ', 'ỷ'), 'Ỹ', 'ỹ'), 'Ỵ', 'ỵ');--> statement-breakpoint
UPDATE `teams` SET `name_key` = `name_key` || '#' || `id`
WHERE EXISTS (SELECT 1 FROM `teams` AS t2
  WHERE t2.contest_id = `teams`.contest_id AND t2.name_key = `teams`.name_key AND t2.id < `teams`.id);--> statement-breakpoint
CREATE UNIQUE INDEX `teams_contest_name_uq` ON `teams` (`contest_id`,`name_key`);--> statement-breakpoint
ALTER TABLE `team_members` ADD `name_key` text DEFAULT '' NOT NULL;--> statement-breakpoint
UPDATE `team_members` SET `name_key` =
  CASE WHEN `user_id` IS NOT NULL THEN 'u:' || `user_id` ELSE 'n:' || lower(trim(`display_name`)) END;--> statement-breakpoint
UPDATE `team_members` SET `name_key` = replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(`name_key`, 'À', 'à'), 'Á', 'á'), 'Ả', 'ả'), 'Ã', 'ã'), 'Ạ', 'ạ'), 'Ă', 'ă'), 'Ằ', 'ằ'), 'Ắ', 'ắ'), 'Ẳ', 'ẳ'), 'Ẵ', 'ẵ'), 'Ặ', 'ặ'), 'Â', 'â');--> statement-breakpoint
UPDATE `team_members` SET `name_key` = replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(`name_key`, 'Ầ', 'ầ'), 'Ấ', 'ấ'), 'Ẩ', 'ẩ'), 'Ẫ', 'ẫ'), 'Ậ', 'ậ'), 'Đ', 'đ'), 'È', 'è'), 'É', 'é'), 'Ẻ', 'ẻ'), 'Ẽ', 'ẽ'), 'Ẹ', 'ẹ'), 'Ê', 'ê');--> statement-breakpoint
UPDATE `team_members` SET `name_key` = replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(`name_key`, 'Ề', 'ề'), 'Ế', 'ế'), 'Ể', 'ể'), 'Ễ', 'ễ'), 'Ệ', 'ệ'), 'Ì', 'ì'), 'Í', 'í'), 'Ỉ', 'ỉ'), 'Ĩ', 'ĩ'), 'Ị', 'ị'), 'Ò', 'ò'), 'Ó', 'ó');--> statement-breakpoint
UPDATE `team_members` SET `name_key` = replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(`name_key`, 'Ỏ', 'ỏ'), 'Õ', 'õ'), 'Ọ', 'ọ'), 'Ô', 'ô'), 'Ồ', 'ồ'), 'Ố', 'ố'), 'Ổ', 'ổ'), 'Ỗ', 'ỗ'), 'Ộ', 'ộ'), 'Ơ', 'ơ'), 'Ờ', 'ờ'), 'Ớ', 'ớ');--> statement-breakpoint
UPDATE `team_members` SET `name_key` = replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(`name_key`, 'Ở', 'ở'), 'Ỡ', 'ỡ'), 'Ợ', 'ợ'), 'Ù', 'ù'), 'Ú', 'ú'), 'Ủ', 'ủ'), 'Ũ', 'ũ'), 'Ụ', 'ụ'), 'Ư', 'ư'), 'Ừ', 'ừ'), 'Ứ', 'ứ'), 'Ử', 'ử');--> statement-breakpoint
UPDATE `team_members` SET `name_key` = replace(replace(replace(replace(replace(replace(replace(`name_key`, 'Ữ', 'ữ'), 'Ự', 'ự'), 'Ỳ', 'ỳ'), 'Ý', 'ý'), 'Ỷ', 'ỷ'), 'Ỹ', 'ỹ'), 'Ỵ', 'ỵ');--> statement-breakpoint
UPDATE `team_members` SET `name_key` = `name_key` || '#' || rowid
WHERE EXISTS (SELECT 1 FROM `team_members` AS m2
  WHERE m2.team_id = `team_members`.team_id AND m2.name_key = `team_members`.name_key
    AND m2.rowid < `team_members`.rowid);--> statement-breakpoint
CREATE UNIQUE INDEX `team_members_team_key_uq` ON `team_members` (`team_id`,`name_key`);--> statement-breakpoint
CREATE INDEX `team_members_user_idx` ON `team_members` (`user_id`);--> statement-breakpoint
CREATE TRIGGER team_members_one_team_per_contest BEFORE INSERT ON team_members
WHEN NEW.user_id IS NOT NULL AND EXISTS (
  SELECT 1 FROM team_members AS m
  JOIN teams AS t ON t.id = m.team_id
  JOIN teams AS nt ON nt.id = NEW.team_id
  WHERE m.user_id = NEW.user_id AND t.contest_id = nt.contest_id)
BEGIN
  SELECT RAISE(ABORT, 'team_members: a person is in one team per contest');
END;--> statement-breakpoint
CREATE TRIGGER team_members_one_team_per_contest_update BEFORE UPDATE OF team_id, user_id ON team_members
WHEN NEW.user_id IS NOT NULL AND EXISTS (
  SELECT 1 FROM team_members AS m
  JOIN teams AS t ON t.id = m.team_id
  JOIN teams AS nt ON nt.id = NEW.team_id
  WHERE m.user_id = NEW.user_id AND t.contest_id = nt.contest_id AND m.rowid <> OLD.rowid)
BEGIN
  SELECT RAISE(ABORT, 'team_members: a person is in one team per contest');
END;
