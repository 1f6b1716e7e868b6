-- Full-text index over item titles: triage finds likely duplicates among the few open items that
-- share a word instead of comparing with every open item. External content (no second copy of the
-- titles), kept in step by the triggers below.
CREATE VIRTUAL TABLE `items_title_fts` USING fts5(title, content='items', content_rowid='id', tokenize='unicode61 remove_diacritics 2');
--> statement-breakpoint
INSERT INTO `items_title_fts`(`items_title_fts`) VALUES ('rebuild');
--> statement-breakpoint
CREATE TRIGGER `items_title_fts_ai` AFTER INSERT ON `items` BEGIN
  INSERT INTO `items_title_fts`(rowid, title) VALUES (new.id, new.title);
END;
--> statement-breakpoint
CREATE TRIGGER `items_title_fts_ad` AFTER DELETE ON `items` BEGIN
  INSERT INTO `items_title_fts`(`items_title_fts`, rowid, title) VALUES ('delete', old.id, old.title);
END;
--> statement-breakpoint
CREATE TRIGGER `items_title_fts_au` AFTER UPDATE OF `title` ON `items` BEGIN
  INSERT INTO `items_title_fts`(`items_title_fts`, rowid, title) VALUES ('delete', old.id, old.title);
  INSERT INTO `items_title_fts`(rowid, title) VALUES (new.id, new.title);
END;
