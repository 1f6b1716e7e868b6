import type { Access } from '../types.js';
import { createAbsencesRepository } from './absences.js';
import { createEventInboxRepository } from './eventInbox.js';
import { createImpedimentsRepository } from './impediments.js';
import { createInstallationsRepository } from './installations.js';
import { createItemEventsRepository } from './itemEvents.js';
import { createItemFollowersRepository } from './itemFollowers.js';
import { createItemsRepository } from './items.js';
import { createOAuthStatesRepository } from './oauthStates.js';
import { createOutboxRepository } from './outbox.js';
import { createPokerRepository } from './poker.js';
import { createRetroRepository } from './retro.js';
import { createScheduledPostsRepository } from './scheduledPosts.js';
import { createSlackUsersRepository } from './slackUsers.js';
import { createStandupsRepository } from './standups.js';
import { createSprintsRepository } from './sprints.js';
import { createTasksRepository } from './tasks.js';
import { createTeamsRepository } from './teams.js';
import { createWatchRepository } from './watch.js';
import { createWorkspacesRepository } from './workspaces.js';

/** How an engine runs repository calls and transactions (SQLite: through its serial gate). */
export interface CallRunner {
  call<T>(fn: () => Promise<T>): Promise<T>;
  transaction<T>(work: () => Promise<T>): Promise<T>;
}

type Repository = Record<string, unknown>;

/** Each method of a repository run through the engine's runner. */
function runThrough<R extends Repository>(runner: CallRunner, repository: R): R {
  const wrapped: Repository = {};
  for (const [name, member] of Object.entries(repository)) {
    wrapped[name] = typeof member === 'function' ? (...args: unknown[]) => runner.call(() => member.apply(repository, args)) : member;
  }
  return wrapped as R;
}

/** Every repository over one database, plus its transaction runner. */
export function createRepositories(access: Access, runner: CallRunner) {
  const repositories = {
    teams: createTeamsRepository(access),
    items: createItemsRepository(access),
    itemEvents: createItemEventsRepository(access),
    outbox: createOutboxRepository(access),
    eventInbox: createEventInboxRepository(access),
    slackUsers: createSlackUsersRepository(access),
    standups: createStandupsRepository(access),
    absences: createAbsencesRepository(access),
    impediments: createImpedimentsRepository(access),
    sprints: createSprintsRepository(access),
    tasks: createTasksRepository(access),
    poker: createPokerRepository(access),
    retro: createRetroRepository(access),
    scheduledPosts: createScheduledPostsRepository(access),
    itemFollowers: createItemFollowersRepository(access),
    watch: createWatchRepository(access),
    installations: createInstallationsRepository(access),
    workspaces: createWorkspacesRepository(access),
    oauthStates: createOAuthStatesRepository(access),
  };
  const run = Object.fromEntries(Object.entries(repositories).map(([name, repository]) => [name, runThrough(runner, repository)])) as typeof repositories;
  return { ...run, transaction: runner.transaction };
}

export type Repositories = ReturnType<typeof createRepositories>;
