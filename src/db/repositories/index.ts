import type { DbHandle } from '../client.js';
import { type AsyncRepository, createSerialGate, throughGate } from '../serialGate.js';
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

/** Every repository over one database handle, plus its transaction runner; every call answers through a promise. */
export function createRepositories(handle: DbHandle) {
  const { db } = handle;
  const gate = createSerialGate((statement) => handle.sqlite.exec(statement));
  const repositories = {
    teams: createTeamsRepository({ db }),
    items: createItemsRepository({ db }),
    itemEvents: createItemEventsRepository({ db }),
    outbox: createOutboxRepository({ db }),
    eventInbox: createEventInboxRepository({ db }),
    slackUsers: createSlackUsersRepository({ db }),
    standups: createStandupsRepository({ db }),
    absences: createAbsencesRepository({ db }),
    impediments: createImpedimentsRepository({ db }),
    sprints: createSprintsRepository({ db }),
    tasks: createTasksRepository({ db }),
    poker: createPokerRepository({ db }),
    retro: createRetroRepository({ db }),
    scheduledPosts: createScheduledPostsRepository({ db }),
    itemFollowers: createItemFollowersRepository({ db }),
    watch: createWatchRepository({ db }),
    installations: createInstallationsRepository({ db }),
    workspaces: createWorkspacesRepository({ db }),
    oauthStates: createOAuthStatesRepository({ db }),
  };
  const gated = Object.fromEntries(Object.entries(repositories).map(([name, repository]) => [name, throughGate(gate, repository)])) as {
    [K in keyof typeof repositories]: AsyncRepository<(typeof repositories)[K]>;
  };
  return { ...gated, transaction: gate.transaction };
}

export type Repositories = ReturnType<typeof createRepositories>;
