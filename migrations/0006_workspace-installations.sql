CREATE TABLE `oauth_states` (
	`state` text PRIMARY KEY NOT NULL,
	`install_options` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `slack_installations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`installation_key` text NOT NULL,
	`slack_team_id` text,
	`enterprise_id` text,
	`is_enterprise_install` integer DEFAULT false NOT NULL,
	`app_id` text,
	`bot_token` text NOT NULL,
	`bot_user_id` text NOT NULL,
	`bot_id` text,
	`bot_scopes` text DEFAULT '' NOT NULL,
	`bot_refresh_token` text,
	`bot_token_expires_at` integer,
	`installer_user_id` text,
	`enterprise_url` text,
	`installed_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `slack_installations_key_uq` ON `slack_installations` (`installation_key`);--> statement-breakpoint
CREATE TABLE `slack_workspaces` (
	`slack_team_id` text PRIMARY KEY NOT NULL,
	`enterprise_id` text,
	`uninstalled_at` integer,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `slack_workspaces_enterprise_idx` ON `slack_workspaces` (`enterprise_id`);--> statement-breakpoint
-- Hand-edited: drizzle-kit drops ON DELETE from an added column's reference (the schema and snapshot have it).
ALTER TABLE `outbox` ADD `team_id` integer REFERENCES teams(id) ON DELETE cascade;