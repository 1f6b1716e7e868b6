/** Standup answers: the form (the member's sprint items, their previous plan), the answer that moves items, and its blocker. */
import { z } from 'zod';
import type { Repositories } from '../db/repositories/index.js';
import type { Impediment } from '../db/repositories/impediments.js';
import type { Item } from '../db/repositories/items.js';
import type { StandupPrompt, StandupRun } from '../db/repositories/standups.js';
import type { Team } from '../db/repositories/teams.js';
import { WORK_STATES, type WorkState } from '../db/schema.js';
import type { Clock } from './clock.js';
import { meaningfulBlocker } from './blockers.js';
import { DomainError } from './errors.js';
import { createSprintWorkService } from './sprintWork.js';
import { MINUTE_MS, type StandupKit } from './standupKit.js';
import { coded } from './validation.js';

export const ANSWER_MAX = 2000;
/** Items offered in the answer form (each is one input block of a 100-block modal). */
export const FORM_ITEMS_MAX = 25;

/**
 * What an answer form is for: a prompt the member got, or (`/standup` before any prompt) the member's
 * standup of a date, stored only when they submit, so opening and cancelling leaves no trace.
 */
export type AnswerTarget = { promptId: number } | { teamId: number; date: string };

export interface AnswerForm {
  team: Team;
  date: string;
  /** Null until the member is prompted or answers. */
  prompt: StandupPrompt | null;
  /** The member's sprint items (see sprintItemsFor). */
  items: Item[];
  /** True when items are the team's unassigned ones because nothing is assigned to the member. */
  itemsAreUnassigned: boolean;
  /** The member's "today" from their previous answer. */
  previousToday: { date: string; text: string } | null;
}

export const answerSchema = z.object({
  did: z.string().trim().min(1, coded('standup.did_missing')).max(ANSWER_MAX, coded('standup.answer_too_long')),
  today: z.string().trim().min(1, coded('standup.today_missing')).max(ANSWER_MAX, coded('standup.answer_too_long')),
  blockers: z.string().trim().max(ANSWER_MAX, coded('standup.answer_too_long')),
  itemStates: z.array(z.object({ itemId: z.number().int().positive(), state: z.enum(WORK_STATES) })),
});
export type AnswerInput = z.infer<typeof answerSchema>;

export function createStandupAnswersService({ repos, clock, kit }: { repos: Repositories; clock: Clock; kit: StandupKit }) {
  // Standups move sprint items through the same service (and rules) as the sprint board.
  const sprintWork = createSprintWorkService({ repos, clock });
  const { requireTeam, enqueue, refreshParent, standupDateOf, ensureRun, prompt, teamTransaction } = kit;

  async function requireMember(team: Team, userId: string): Promise<void> {
    if (!(await repos.teams.members(team.id)).includes(userId)) throw new DomainError('standup.not_member', { teamName: team.name });
  }

  async function requireOpenPromptOf(promptId: number, userId: string): Promise<{ prompt: StandupPrompt; run: StandupRun; team: Team; date: string }> {
    const found = await repos.standups.findPrompt(promptId);
    if (!found) throw new DomainError('standup.not_yours');
    if (found.userId !== userId) throw new DomainError('standup.not_yours');
    const team = await requireTeam(found.teamId);
    const run = await repos.standups.findRunByDate(team.id, found.date);
    if (!run || run.closedAt !== null) throw new DomainError('standup.closed', { date: found.date });
    return { prompt: found, run, team, date: found.date };
  }

  /**
   * The open standup an answer form is for. A target without a prompt resolves to the member's prompt
   * of that date if they have one by now; else to nothing stored yet (prompt and run null), which is
   * only valid while the date's run is open or not started and the date is still the member's today.
   */
  async function resolveTarget(
    target: AnswerTarget,
    userId: string,
  ): Promise<{ team: Team; date: string; prompt: StandupPrompt | null; run: StandupRun | null }> {
    if ('promptId' in target) return requireOpenPromptOf(target.promptId, userId);
    const team = await requireTeam(target.teamId);
    await requireMember(team, userId);
    const existing = await repos.standups.findPromptFor(team.id, userId, target.date);
    if (existing) return requireOpenPromptOf(existing.id, userId);
    const run = (await repos.standups.findRunByDate(team.id, target.date)) ?? null;
    const stillToday = (await standupDateOf(team, userId, clock().getTime())) === target.date;
    if (run?.closedAt != null || (!run && !stillToday)) throw new DomainError('standup.closed', { date: target.date });
    return { team, date: target.date, prompt: null, run };
  }

  /** The items a member updates in the standup: theirs, or the team's unassigned ones if none is theirs. */
  async function sprintItemsFor(teamId: number, userId: string, date: string): Promise<{ items: Item[]; unassigned: boolean; sprintId: number | null }> {
    // A sprint planned to start later has no work under way yet: nothing to update before its first day.
    const sprint = await repos.sprints.findActive(teamId);
    if (!sprint || date < sprint.startDate) return { items: [], unassigned: false, sprintId: null };
    const { sprintId, assigned, unassigned } = await repos.standups.activeSprintItems(teamId, userId);
    if (assigned.length > 0) return { items: assigned, unassigned: false, sprintId };
    return { items: unassigned, unassigned: true, sprintId };
  }

  async function recordBlocker(team: Team, entry: StandupPrompt, text: string, at: number): Promise<Impediment | undefined> {
    const existing = await repos.impediments.findFromStandup(team.id, entry.userId, entry.date);
    const notifySm = async (impediment: Impediment, cause: string) => {
      if (team.scrumMasterId) {
        const notification = { kind: 'standup.impediment' as const, impedimentId: impediment.id, userId: team.scrumMasterId };
        await enqueue(`standup-impediment:${impediment.id}:${cause}`, notification, at, team.id);
      }
    };
    if (text) {
      if (!existing) {
        const created = await repos.impediments.insert({ teamId: team.id, reporterId: entry.userId, text, standupDate: entry.date, openedAt: at });
        await notifySm(created, 'opened');
        return created;
      }
      if (existing.resolvedAt !== null) {
        await repos.impediments.reopen(existing.id, text, at);
        await notifySm(existing, `reopened:${at}`);
      } else if (existing.text !== text) {
        await repos.impediments.updateText(existing.id, text);
      }
      return repos.impediments.findById(existing.id);
    }
    // The member removed the blocker from their answer: it no longer blocks them.
    if (existing && existing.resolvedAt === null) await repos.impediments.resolve(existing.id, entry.userId, at);
    return undefined;
  }

  return {
    /**
     * `/standup`: what the member answers now: their prompt of today, or today's standup itself when
     * they were not prompted (yet). Stores nothing: the day's run and message start with the answer.
     */
    async answerNow({ teamId, userId }: { teamId: number; userId: string }): Promise<AnswerTarget> {
      const team = await requireTeam(teamId);
      await requireMember(team, userId);
      const target = { teamId: team.id, date: await standupDateOf(team, userId, clock().getTime()) };
      const { prompt: existing } = await resolveTarget(target, userId);
      return existing ? { promptId: existing.id } : target;
    },

    /** What the answer form shows: the member's items, their previous plan, their current answer. */
    async answerForm({ userId, ...target }: AnswerTarget & { userId: string }): Promise<AnswerForm> {
      const { prompt: entry, team, date } = await resolveTarget(target, userId);
      const { items, unassigned } = await sprintItemsFor(team.id, userId, date);
      const previous = await repos.standups.findPreviousAnswer(team.id, userId, date);
      return {
        team,
        date,
        prompt: entry,
        items: items.slice(0, FORM_ITEMS_MAX),
        itemsAreUnassigned: unassigned,
        previousToday: previous?.today ? { date: previous.date, text: previous.today } : null,
      };
    },

    /**
     * Stores (or edits, until the run closes) an answer, moves sprint items, tracks the blocker. The
     * first answer of a day without prompts starts the day's run (and its channel message).
     */
    async submitAnswer({ userId, answer, ...target }: AnswerTarget & { userId: string; answer: AnswerInput }): Promise<{
      prompt: StandupPrompt;
      edited: boolean;
      movedItems: number;
      impediment: Impediment | undefined;
    }> {
      const input = answerSchema.parse(answer);
      // Which team to hold: the target names it, or its prompt does (a prompt's team never changes).
      const teamId = 'teamId' in target ? target.teamId : (await repos.standups.findPrompt(target.promptId))?.teamId;
      if (teamId === undefined) throw new DomainError('standup.not_yours');
      return teamTransaction(teamId, async () => {
        const at = clock().getTime();
        const resolved = await resolveTarget(target, userId);
        const { team } = resolved;
        const run = resolved.run ?? (await ensureRun(team, resolved.date, at, at + team.standupWindowMinutes * MINUTE_MS));
        const entry = resolved.prompt ?? (await prompt(team, run, userId, at, at, { dm: false }))!;
        const edited = entry.answeredAt !== null;
        const { items } = await sprintItemsFor(team.id, userId, entry.date);
        const allowed = new Map(items.map((item) => [item.id, item]));
        let movedItems = 0;
        for (const { itemId, state } of input.itemStates) {
          if (!allowed.has(itemId)) throw new DomainError('item.not_found');
          const before = allowed.get(itemId)!.workState ?? 'todo';
          const after = await sprintWork.setItemState(itemId, state as WorkState, { userId, isWorkspaceAdmin: false }, 'standup');
          if ((after.workState ?? 'todo') !== before) movedItems += 1;
        }
        // "none", "n/a", "-" and the like mean no blocker: nothing to track, nobody to alert.
        const blockers = meaningfulBlocker(input.blockers);
        const unchanged = edited && movedItems === 0 && entry.did === input.did && entry.today === input.today && (entry.blockers ?? '') === blockers;
        // A Slack retry of the same submission (or an untouched "Save changes") changes nothing and posts nothing.
        if (unchanged) return { prompt: entry, edited, movedItems, impediment: await repos.impediments.findFromStandup(team.id, userId, entry.date) };
        const saved = await repos.standups.saveAnswer(entry.id, {
          did: input.did,
          today: input.today,
          blockers: blockers || null,
          answeredAt: entry.answeredAt ?? at,
        });
        const impediment = await recordBlocker(team, saved, blockers, at);
        if (edited) await enqueue(`standup-answer-edit:${entry.id}:${at}`, { kind: 'standup.answer_update', promptId: entry.id }, at, team.id);
        else await enqueue(`standup-answer:${entry.id}`, { kind: 'standup.answer', promptId: entry.id }, at, team.id);
        await refreshParent(run.id, `answer:${entry.id}`, at, team.id);
        return { prompt: saved, edited, movedItems, impediment };
      });
    },
  };
}
