import type { DbHandle } from '../client.js';
import { createItemEventsRepository } from './itemEvents.js';
import { createItemsRepository } from './items.js';
import { createOutboxRepository } from './outbox.js';
import { createProcessedEventsRepository } from './processedEvents.js';
import { createScheduledPostsRepository } from './scheduledPosts.js';
import { createSlackUsersRepository } from './slackUsers.js';
import { createSprintReportsRepository } from './sprintReports.js';
import { createTeamsRepository } from './teams.js';

/** Every repository over one database handle, plus its transaction runner. */
export function createRepositories(handle: DbHandle) {
  const { db } = handle;
  return {
    transaction: handle.transaction,
    teams: createTeamsRepository({ db }),
    items: createItemsRepository({ db }),
    itemEvents: createItemEventsRepository({ db }),
    outbox: createOutboxRepository({ db }),
    processedEvents: createProcessedEventsRepository({ db }),
    slackUsers: createSlackUsersRepository({ db }),
    scheduledPosts: createScheduledPostsRepository({ db }),
    sprintReports: createSprintReportsRepository({ db }),
  };
}

export type Repositories = ReturnType<typeof createRepositories>;
