CREATE TABLE `absences` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`team_id` integer NOT NULL,
	`user_id` text NOT NULL,
	`from_date` text NOT NULL,
	`to_date` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`team_id`) REFERENCES `teams`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `impediments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`team_id` integer NOT NULL,
	`reporter_id` text NOT NULL,
	`text` text NOT NULL,
	`standup_date` text,
	`opened_at` integer NOT NULL,
	`resolved_at` integer,
	`resolved_by` text,
	FOREIGN KEY (`team_id`) REFERENCES `teams`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `item_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`team_id` integer NOT NULL,
	`item_id` integer NOT NULL,
	`sprint_id` integer,
	`actor_id` text NOT NULL,
	`kind` text NOT NULL,
	`field` text,
	`from_value` text,
	`to_value` text,
	`reason` text,
	`points` real,
	`at` integer NOT NULL,
	FOREIGN KEY (`team_id`) REFERENCES `teams`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`item_id`) REFERENCES `items`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `item_events_item_idx` ON `item_events` (`item_id`,`at`);--> statement-breakpoint
CREATE INDEX `item_events_sprint_idx` ON `item_events` (`sprint_id`,`at`);--> statement-breakpoint
CREATE INDEX `item_events_team_kind_idx` ON `item_events` (`team_id`,`kind`,`at`);--> statement-breakpoint
CREATE TABLE `item_followers` (
	`item_id` integer NOT NULL,
	`user_id` text NOT NULL,
	PRIMARY KEY(`item_id`, `user_id`),
	FOREIGN KEY (`item_id`) REFERENCES `items`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `items` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`team_id` integer NOT NULL,
	`number` integer NOT NULL,
	`title` text NOT NULL,
	`details` text DEFAULT '' NOT NULL,
	`type` text DEFAULT 'story' NOT NULL,
	`status` text DEFAULT 'inbox' NOT NULL,
	`source` text NOT NULL,
	`requester_id` text NOT NULL,
	`suggested_by_id` text NOT NULL,
	`needed_by` text DEFAULT '' NOT NULL,
	`urgency` text,
	`permalink` text,
	`source_channel_id` text,
	`source_ts` text,
	`intake_key` text,
	`moscow` text,
	`business_value` integer,
	`time_criticality` integer,
	`risk_reduction` integer,
	`job_size` integer,
	`story_points` real,
	`rank` real,
	`open_question` text,
	`question_answer` text,
	`reject_reason` text,
	`merged_into_id` integer,
	`needs_reprioritisation` integer DEFAULT false NOT NULL,
	`sprint_id` integer,
	`work_state` text,
	`assignee_id` text,
	`triaged_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`team_id`) REFERENCES `teams`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`sprint_id`) REFERENCES `sprints`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `items_team_number_uq` ON `items` (`team_id`,`number`);--> statement-breakpoint
CREATE UNIQUE INDEX `items_intake_key_uq` ON `items` (`team_id`,`intake_key`);--> statement-breakpoint
CREATE UNIQUE INDEX `items_source_msg_uq` ON `items` (`team_id`,`source_channel_id`,`source_ts`);--> statement-breakpoint
CREATE INDEX `items_team_status_rank_idx` ON `items` (`team_id`,`status`,`rank`);--> statement-breakpoint
CREATE INDEX `items_requester_idx` ON `items` (`requester_id`);--> statement-breakpoint
CREATE TABLE `outbox` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`dedupe_key` text NOT NULL,
	`kind` text NOT NULL,
	`payload` text NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer NOT NULL,
	`last_error` text,
	`result` text,
	`created_at` integer NOT NULL,
	`sent_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `outbox_dedupe_uq` ON `outbox` (`dedupe_key`);--> statement-breakpoint
CREATE INDEX `outbox_due_idx` ON `outbox` (`status`,`next_attempt_at`);--> statement-breakpoint
CREATE TABLE `poker_sessions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`team_id` integer NOT NULL,
	`item_id` integer NOT NULL,
	`facilitator_id` text NOT NULL,
	`channel_id` text NOT NULL,
	`message_ts` text,
	`round` integer DEFAULT 1 NOT NULL,
	`status` text NOT NULL,
	`final_estimate` real,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`team_id`) REFERENCES `teams`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`item_id`) REFERENCES `items`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `poker_votes` (
	`session_id` integer NOT NULL,
	`round` integer NOT NULL,
	`user_id` text NOT NULL,
	`vote` text NOT NULL,
	`at` integer NOT NULL,
	PRIMARY KEY(`session_id`, `round`, `user_id`),
	FOREIGN KEY (`session_id`) REFERENCES `poker_sessions`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `processed_events` (
	`event_id` text PRIMARY KEY NOT NULL,
	`received_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `retro_answers` (
	`sprint_id` integer NOT NULL,
	`user_id` text NOT NULL,
	`went_well` text DEFAULT '' NOT NULL,
	`to_improve` text DEFAULT '' NOT NULL,
	`try_next` text DEFAULT '' NOT NULL,
	`at` integer NOT NULL,
	PRIMARY KEY(`sprint_id`, `user_id`),
	FOREIGN KEY (`sprint_id`) REFERENCES `sprints`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `scheduled_posts` (
	`team_id` integer NOT NULL,
	`kind` text NOT NULL,
	`period` text NOT NULL,
	`claimed_at` integer NOT NULL,
	`done_at` integer,
	PRIMARY KEY(`team_id`, `kind`, `period`),
	FOREIGN KEY (`team_id`) REFERENCES `teams`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `scope_attempts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`team_id` integer NOT NULL,
	`sprint_id` integer NOT NULL,
	`item_id` integer,
	`user_id` text NOT NULL,
	`outcome` text NOT NULL,
	`reason` text,
	`at` integer NOT NULL,
	FOREIGN KEY (`team_id`) REFERENCES `teams`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`sprint_id`) REFERENCES `sprints`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `slack_users` (
	`slack_team_id` text NOT NULL,
	`user_id` text NOT NULL,
	`tz` text,
	`is_admin` integer DEFAULT false NOT NULL,
	`fetched_at` integer NOT NULL,
	PRIMARY KEY(`slack_team_id`, `user_id`)
);
--> statement-breakpoint
CREATE TABLE `sprints` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`team_id` integer NOT NULL,
	`number` integer NOT NULL,
	`name` text NOT NULL,
	`goal` text NOT NULL,
	`start_date` text NOT NULL,
	`end_date` text NOT NULL,
	`status` text NOT NULL,
	`capacity_points` real,
	`committed_points` real DEFAULT 0 NOT NULL,
	`completed_points` real,
	`started_by` text NOT NULL,
	`started_at` integer NOT NULL,
	`closed_by` text,
	`closed_at` integer,
	FOREIGN KEY (`team_id`) REFERENCES `teams`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `sprints_team_number_uq` ON `sprints` (`team_id`,`number`);--> statement-breakpoint
CREATE UNIQUE INDEX `sprints_one_active_uq` ON `sprints` (`team_id`) WHERE status = 'active';--> statement-breakpoint
CREATE TABLE `standup_prompts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`team_id` integer NOT NULL,
	`user_id` text NOT NULL,
	`date` text NOT NULL,
	`due_at` integer NOT NULL,
	`sent_at` integer,
	`remind_at` integer,
	`reminded_at` integer,
	`answered_at` integer,
	`did` text,
	`today` text,
	`blockers` text,
	`answer_ts` text,
	FOREIGN KEY (`team_id`) REFERENCES `teams`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `standup_prompts_uq` ON `standup_prompts` (`team_id`,`user_id`,`date`);--> statement-breakpoint
CREATE TABLE `standup_runs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`team_id` integer NOT NULL,
	`date` text NOT NULL,
	`channel_id` text NOT NULL,
	`parent_ts` text,
	`closes_at` integer NOT NULL,
	`closed_at` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`team_id`) REFERENCES `teams`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `standup_runs_team_date_uq` ON `standup_runs` (`team_id`,`date`);--> statement-breakpoint
CREATE TABLE `tasks` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`item_id` integer NOT NULL,
	`title` text NOT NULL,
	`assignee_id` text,
	`state` text DEFAULT 'todo' NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`item_id`) REFERENCES `items`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `tasks_item_idx` ON `tasks` (`item_id`);--> statement-breakpoint
CREATE TABLE `team_members` (
	`team_id` integer NOT NULL,
	`user_id` text NOT NULL,
	PRIMARY KEY(`team_id`, `user_id`),
	FOREIGN KEY (`team_id`) REFERENCES `teams`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `teams` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`slack_team_id` text NOT NULL,
	`name` text NOT NULL,
	`team_channel_id` text NOT NULL,
	`triage_channel_id` text,
	`stakeholder_channel_id` text,
	`product_owner_id` text,
	`scrum_master_id` text,
	`item_prefix` text DEFAULT 'R' NOT NULL,
	`next_item_number` integer DEFAULT 1 NOT NULL,
	`sprint_length_days` integer DEFAULT 14 NOT NULL,
	`timezone` text DEFAULT 'UTC' NOT NULL,
	`standup_time` text DEFAULT '09:30' NOT NULL,
	`standup_days` text DEFAULT '1,2,3,4,5' NOT NULL,
	`standup_window_minutes` integer DEFAULT 180 NOT NULL,
	`standup_reminder_minutes` integer DEFAULT 60 NOT NULL,
	`burndown_time` text DEFAULT '17:00' NOT NULL,
	`burndown_days` text DEFAULT '1,2,3,4,5' NOT NULL,
	`digest_day` integer DEFAULT 5 NOT NULL,
	`digest_time` text DEFAULT '16:00' NOT NULL,
	`capture_reaction` text DEFAULT 'inbox_tray' NOT NULL,
	`holidays` text DEFAULT '[]' NOT NULL,
	`ready_checklist` text DEFAULT '["details","estimated","no_open_question"]' NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `teams_channel_uq` ON `teams` (`slack_team_id`,`team_channel_id`);