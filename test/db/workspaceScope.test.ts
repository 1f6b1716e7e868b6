import { afterEach, describe, expect, it } from 'vitest';
import { workspaceScope } from '../../src/db/workspaceScope.js';
import { createLogger } from '../../src/logger.js';
import { createOutboxDispatcher } from '../../src/slack/outbox/dispatcher.js';
import { insertTeam } from '../helpers/testApp.js';
import { openTestStorage, type TestStorage } from '../helpers/testEngine.js';

let test: TestStorage | undefined;
afterEach(async () => {
  await test?.close();
  test = undefined;
});

async function setup() {
  test = await openTestStorage();
  const repos = test.storage.repos;
  const mine = await insertTeam(repos, { slackTeamId: 'T_MINE', teamChannelId: 'C_MINE' });
  const theirs = await insertTeam(repos, { slackTeamId: 'T_THEIRS', teamChannelId: 'C_THEIRS' });
  return { repos, mine, theirs };
}

describe('workspace scope', () => {
  it("hides another workspace's team from a request, including after an await", async () => {
    const { repos, mine, theirs } = await setup();
    await workspaceScope.run('T_MINE', async () => {
      expect((await repos.teams.findById(mine.id))?.name).toBe(mine.name);
      await new Promise((resolve) => setTimeout(resolve, 1));
      expect(await repos.teams.findById(theirs.id)).toBeUndefined();
    });
    expect((await repos.teams.findById(theirs.id))?.id).toBe(theirs.id);
  });

  it('lets the outbox, kicked from a request, send for every workspace', async () => {
    const { repos, theirs } = await setup();
    const seen: (string | undefined)[] = [];
    const dispatcher = createOutboxDispatcher({
      repos,
      client: { apiCall: async () => ({ ok: true }) } as never,
      renderers: {
        'generic.channel': {
          render: async ({ channelId }) => {
            seen.push((await repos.teams.findById(theirs.id))?.slackTeamId);
            return { method: 'chat.postMessage', args: { channel: channelId, text: 'x' } };
          },
        },
      },
      clock: () => new Date(),
      logger: createLogger('error', { sink: () => undefined }),
    });
    await repos.outbox.enqueue({
      dedupeKey: 'k',
      kind: 'generic.channel',
      payload: { kind: 'generic.channel', channelId: 'C_THEIRS', text: 'x' },
      at: Date.now(),
      teamId: theirs.id,
    });
    await workspaceScope.run('T_MINE', () => dispatcher.drain());
    expect(seen).toEqual(['T_THEIRS']);
    expect((await repos.outbox.findByKey('k'))?.status).toBe('sent');
  });
});
