/** Team setup: who the team is, where it talks, and when its rituals run. */
import { z } from 'zod';
import type { Repositories } from '../db/repositories/index.js';
import type { Team } from '../db/repositories/teams.js';
import type { Clock } from './clock.js';
import { DomainError, type IssueCode } from './errors.js';
import { requireRole, type Actor } from './roles.js';
import { coded } from './validation.js';

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const SLACK_ID = /^[A-Z0-9_]{2,30}$/;
/** Channels one team may watch for shadow-backlog requests. */
export const MAX_WATCHED_CHANNELS = 20;

/** True when Intl knows the IANA timezone name. */
export function isValidTimezone(tz: string): boolean {
  if (!tz || tz.length > 64) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** True for a real calendar date in YYYY-MM-DD form. */
export function isIsoDate(value: string): boolean {
  if (!ISO_DATE.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

const slackId = (missing: IssueCode) => z.string(coded(missing)).regex(SLACK_ID, coded(missing));
const time = (invalid: IssueCode) => z.string().trim().regex(TIME, coded(invalid));
const weekdays = (missing: IssueCode) =>
  z
    .array(z.coerce.number().int().min(1).max(7))
    .min(1, coded(missing))
    .transform((days) => [...new Set(days)].sort((a, b) => a - b));

/** Bounds of the standup response window and reminder delay, in minutes. */
export const STANDUP_WINDOW_MINUTES = { min: 15, max: 720 } as const;
export const STANDUP_REMINDER_MINUTES = { min: 5 } as const;
export const SPRINT_LENGTH_DAYS = { min: 1, max: 42 } as const;
export const TEAM_NAME_MAX = 80;
export const MEMBERS_MAX = 100;
export const HOLIDAYS_MAX = 200;

const minutes = ({ min, max }: { min: number; max: number }, codes: { notWhole: IssueCode; outOfRange: IssueCode }) =>
  z.coerce.number(coded(codes.notWhole)).int(coded(codes.notWhole)).min(min, coded(codes.outOfRange)).max(max, coded(codes.outOfRange));

const teamSetupFields = z.object({
  name: z
    .string()
    .transform((value) => value.trim().replace(/\s+/g, ' '))
    .pipe(z.string().min(1, coded('setup.name_missing')).max(TEAM_NAME_MAX, coded('setup.name_too_long'))),
  teamChannelId: slackId('setup.team_channel_missing'),
  triageChannelId: slackId('setup.triage_channel_invalid').nullable(),
  stakeholderChannelId: slackId('setup.stakeholder_channel_invalid').nullable(),
  productOwnerId: slackId('setup.product_owner_missing'),
  scrumMasterId: slackId('setup.scrum_master_missing'),
  members: z.array(z.string().regex(SLACK_ID)).min(1, coded('setup.members_missing')).max(MEMBERS_MAX, coded('setup.too_many_members')),
  sprintLengthDays: z.coerce
    .number(coded('setup.sprint_length_not_whole'))
    .int(coded('setup.sprint_length_not_whole'))
    .min(SPRINT_LENGTH_DAYS.min, coded('setup.sprint_length_out_of_range'))
    .max(SPRINT_LENGTH_DAYS.max, coded('setup.sprint_length_out_of_range')),
  standupTime: time('setup.standup_time_invalid'),
  standupDays: weekdays('setup.standup_days_missing'),
  // At most 12 h, so one day's window never reaches the next day's standup time.
  standupWindowMinutes: minutes(STANDUP_WINDOW_MINUTES, { notWhole: 'setup.window_not_whole', outOfRange: 'setup.window_out_of_range' }),
  // 0 turns the reminder off.
  standupReminderMinutes: minutes(
    { min: 0, max: STANDUP_WINDOW_MINUTES.max },
    { notWhole: 'setup.reminder_not_whole', outOfRange: 'setup.reminder_out_of_range' },
  ),
  timezone: z.string().trim().refine(isValidTimezone, coded('setup.timezone_invalid')),
  burndownTime: time('setup.burndown_time_invalid'),
  burndownDays: weekdays('setup.burndown_days_missing'),
  digestDay: z.coerce.number().int().min(1, coded('setup.digest_day_missing')).max(7, coded('setup.digest_day_missing')),
  digestTime: time('setup.digest_time_invalid'),
  captureReaction: z
    .string()
    .transform((value) => value.trim().replace(/^:|:$/g, '').toLowerCase())
    .pipe(z.string().regex(/^[a-z0-9_+'-]{1,64}$/, coded('setup.reaction_invalid'))),
  holidays: z
    .array(z.string().trim())
    .max(HOLIDAYS_MAX, coded('setup.too_many_holidays'))
    .refine((dates) => dates.every(isIsoDate), coded('setup.holidays_invalid'))
    .transform((dates) => [...new Set(dates)].sort()),
  itemPrefix: z
    .string()
    .transform((value) => value.trim().toUpperCase())
    .pipe(z.string().regex(/^([A-Z]{1,8})?$/, coded('setup.prefix_invalid')))
    .nullable(),
  /** Channels whose messages the shadow-backlog watch reads (none by default). */
  watchChannelIds: z
    .array(z.string().regex(SLACK_ID))
    .max(MAX_WATCHED_CHANNELS, coded('setup.too_many_watched'))
    .transform((ids) => [...new Set(ids)])
    .default([]),
});

export const teamSetupSchema = teamSetupFields.superRefine((input, ctx) => {
  const reminder = input.standupReminderMinutes;
  if (reminder !== 0 && reminder < STANDUP_REMINDER_MINUTES.min) {
    ctx.addIssue({ code: 'custom', path: ['standupReminderMinutes'], message: 'setup.reminder_too_short' satisfies IssueCode });
  } else if (reminder >= input.standupWindowMinutes) {
    ctx.addIssue({
      code: 'custom',
      path: ['standupReminderMinutes'],
      message: 'setup.reminder_after_window' satisfies IssueCode,
      params: { windowMinutes: input.standupWindowMinutes },
    });
  }
});

export type TeamSetupInput = z.infer<typeof teamSetupSchema>;
export type TeamSetupField = keyof TeamSetupInput;

export interface SetupResult {
  team: Team;
  created: boolean;
}

export function createTeamSetupService({ repos, clock }: { repos: Repositories; clock: Clock }) {
  async function requireEditor(team: Team, actor: Actor): Promise<void> {
    requireRole({ team, members: await repos.teams.members(team.id), actor }, ['po', 'sm'], 'team.not_allowed', { action: 'team.edit', adminAllowed: true });
  }

  async function checkChannels(slackTeamId: string, input: TeamSetupInput, selfId: number | null): Promise<void> {
    const others = (await repos.teams.listByWorkspace(slackTeamId)).filter((team) => team.id !== selfId);
    // A channel belongs to one team: its team channel, and its triage channel (where the Triage button works).
    const owned = new Set(others.flatMap((team) => [team.teamChannelId, team.triageChannelId].filter((id): id is string => Boolean(id))));
    if (owned.has(input.teamChannelId)) throw new DomainError('team.channel_taken', { field: 'teamChannelId' });
    if (input.triageChannelId && owned.has(input.triageChannelId)) {
      throw new DomainError('team.channel_taken', { field: 'triageChannelId' });
    }
    const watchedElsewhere = await repos.watch.watchedByOthers(slackTeamId, input.watchChannelIds, selfId);
    if (watchedElsewhere.length > 0) {
      throw new DomainError('team.watch_channel_taken', { field: 'watchChannelIds', channelId: watchedElsewhere[0]! });
    }
  }

  return {
    /** The team whose team channel this is, if any (to pre-fill the form). */
    async forChannel(slackTeamId: string, channelId: string): Promise<Team | undefined> {
      return repos.teams.findByChannel(slackTeamId, channelId);
    },

    /** Throws team.not_allowed (naming the PO and SM) unless the actor may change the team. */
    requireEditor,

    /**
     * Creates a team, or updates teamId. The first setup of a channel is open to anyone; later
     * changes need the team's PO, SM or a workspace admin.
     */
    async save(input: TeamSetupInput, { slackTeamId, teamId, actor }: { slackTeamId: string; teamId: number | null; actor: Actor }): Promise<SetupResult> {
      const at = clock().getTime();
      return repos.transaction(async () => {
        const existing = teamId !== null ? await repos.teams.findById(teamId) : await repos.teams.findByChannel(slackTeamId, input.teamChannelId);
        if (teamId !== null && (!existing || existing.slackTeamId !== slackTeamId)) throw new DomainError('team.not_found');
        if (existing) await requireEditor(existing, actor);
        await checkChannels(slackTeamId, input, existing?.id ?? null);
        const fields = {
          name: input.name,
          teamChannelId: input.teamChannelId,
          triageChannelId: input.triageChannelId,
          stakeholderChannelId: input.stakeholderChannelId,
          productOwnerId: input.productOwnerId,
          scrumMasterId: input.scrumMasterId,
          sprintLengthDays: input.sprintLengthDays,
          timezone: input.timezone,
          standupTime: input.standupTime,
          standupDays: input.standupDays.join(','),
          standupWindowMinutes: input.standupWindowMinutes,
          standupReminderMinutes: input.standupReminderMinutes,
          burndownTime: input.burndownTime,
          burndownDays: input.burndownDays.join(','),
          digestDay: input.digestDay,
          digestTime: input.digestTime,
          captureReaction: input.captureReaction,
          holidays: JSON.stringify(input.holidays),
          ...(input.itemPrefix ? { itemPrefix: input.itemPrefix } : {}),
          updatedAt: at,
        };
        // Members are exactly who the form names: the PO and SM hold their roles without being members,
        // and take part in standups only when they are members too.
        const members = [...new Set(input.members)];
        const team = existing ? await repos.teams.update(existing.id, fields) : await repos.teams.insert({ slackTeamId, ...fields, createdAt: at });
        await repos.teams.replaceMembers(team.id, members);
        await repos.watch.replaceChannels(team.id, slackTeamId, input.watchChannelIds, at);
        return { team, created: !existing };
      });
    },
  };
}

export type TeamSetupService = ReturnType<typeof createTeamSetupService>;
