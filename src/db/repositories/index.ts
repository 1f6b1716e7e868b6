import type { DbHandle } from '../client.js';
import { createAbsencesRepository } from './absences.js';
import { createImpedimentsRepository } from './impediments.js';
import { createItemEventsRepository } from './itemEvents.js';
import { createItemsRepository } from './items.js';
import { createOutboxRepository } from './outbox.js';
import { createProcessedEventsRepository } from './processedEvents.js';
import { createSlackUsersRepository } from './slackUsers.js';
import { createStandupsRepository } from './standups.js';
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
    standups: createStandupsRepository({ db }),
    absences: createAbsencesRepository({ db }),
    impediments: createImpedimentsRepository({ db }),
  };
}

export type Repositories = ReturnType<typeof createRepositories>;
