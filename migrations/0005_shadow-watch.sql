CREATE TABLE `watch_opt_outs` (
	`team_id` integer NOT NULL,
	`user_id` text NOT NULL,
	`at` integer NOT NULL,
	PRIMARY KEY(`team_id`, `user_id`),
	FOREIGN KEY (`team_id`) REFERENCES `teams`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `watch_requests` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`team_id` integer NOT NULL,
	`channel_id` text NOT NULL,
	`ts` text NOT NULL,
	`thread_ts` text,
	`author_id` text NOT NULL,
	`score` real NOT NULL,
	`reasons` text NOT NULL,
	`outcome` text NOT NULL,
	`permalink` text,
	`spotted_at` integer NOT NULL,
	`nudged_at` integer,
	`decided_at` integer,
	`item_id` integer,
	FOREIGN KEY (`team_id`) REFERENCES `teams`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`item_id`) REFERENCES `items`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `watch_requests_message_uq` ON `watch_requests` (`team_id`,`channel_id`,`ts`);--> statement-breakpoint
CREATE INDEX `watch_requests_team_spotted_idx` ON `watch_requests` (`team_id`,`spotted_at`);--> statement-breakpoint
CREATE INDEX `watch_requests_author_nudged_idx` ON `watch_requests` (`team_id`,`author_id`,`nudged_at`);--> statement-breakpoint
CREATE TABLE `watched_channels` (
	`slack_team_id` text NOT NULL,
	`channel_id` text NOT NULL,
	`team_id` integer NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`slack_team_id`, `channel_id`),
	FOREIGN KEY (`team_id`) REFERENCES `teams`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `watched_channels_team_idx` ON `watched_channels` (`team_id`);