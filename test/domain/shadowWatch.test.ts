import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Repositories } from '../../src/db/repositories/index.js';
import type { Team } from '../../src/db/repositories/teams.js';
import { createShadowWatchService, NUDGES_PER_DAY } from '../../src/domain/shadowWatch.js';
import { REQUEST_FEATURES } from '../../src/domain/requestFeatures.js';
import { buildNudgeMessage, REASON_TEXT, reasonsText } from '../../src/slack/features/watch/messages.js';
import { blockProblems } from '../helpers/blockKitLimits.js';
import { createTestClock, insertTeam } from '../helpers/testApp.js';
import { openTestStorage, type TestStorage } from '../helpers/testEngine.js';

describe('shadow-watch service', () => {
  let test: TestStorage;
  let repos: Repositories;
  let team: Team;
  const clock = createTestClock();
  const watch = () => createShadowWatchService({ repos, clock });
  let ts = 0;
  const message = (authorId = 'U_CAROL', text = 'could you add a CSV export for finance?') => {
    ts += 1;
    return { teamId: team.id, channelId: 'C_GENERAL', ts: `1764000000.${String(ts).padStart(6, '0')}`, threadTs: null, authorId, text };
  };

  beforeEach(async () => {
    test = await openTestStorage();
    repos = test.storage.repos;
    // Tokyo is UTC+9: its day starts at 15:00 UTC.
    team = await insertTeam(repos, { timezone: 'Asia/Tokyo' });
  });
  afterEach(() => test.close());

  it('counts the daily limit in the team timezone day', async () => {
    clock.set('2026-11-23T10:00:00Z'); // 19:00 in Tokyo
    for (let i = 0; i < NUDGES_PER_DAY; i += 1) expect((await watch().consider(message())).kind).toBe('nudged');
    clock.set('2026-11-23T14:59:00Z'); // 23:59 in Tokyo: same day
    expect((await watch().consider(message())).kind).toBe('spotted');
    clock.set('2026-11-23T15:00:00Z'); // midnight in Tokyo, still 23 Nov in UTC: a new day
    expect((await watch().consider(message())).kind).toBe('nudged');
  });

  it('records a message once, and only requests', async () => {
    clock.set('2026-11-23T10:00:00Z');
    const first = message();
    expect((await watch().consider(first)).kind).toBe('nudged');
    expect(await watch().consider(first)).toEqual({ kind: 'skipped', why: 'seen' });
    expect((await watch().consider(message('U_DAN', 'thanks, that fixed it!'))).kind).toBe('not_request');
    expect(await repos.watch.countOutcomes(team.id, 0, Date.now() * 2, 0)).toMatchObject({ nudged: 1 });
    expect(await repos.outbox.enqueue({ dedupeKey: 'watch-nudge:1', kind: 'watch.nudge', payload: {}, at: 0 })).toBe(false);
  });

  it('counts a request nobody answered for a day as ignored', async () => {
    clock.set('2026-11-23T10:00:00Z');
    await watch().consider(message());
    expect(await watch().health(team.id, 0, clock().getTime())).toMatchObject({ spotted: 1, nudged: 1, ignored: 0 });
    expect(await watch().ignored(team.id)).toEqual([]);
    clock.advance(24 * 3_600_000);
    expect(await watch().health(team.id, 0, clock().getTime())).toMatchObject({ spotted: 1, nudged: 0, ignored: 1 });
    expect(await watch().ignored(team.id)).toHaveLength(1);
  });
});

describe('watch messages', () => {
  it('words every reason code', () => {
    for (const code of REQUEST_FEATURES) expect(REASON_TEXT[code].length).toBeGreaterThan(0);
    expect(reasonsText('ask_for_work,deadline,please,work_verb')).toBe('asks for work to be done, names a deadline, says please');
    expect(reasonsText('not_a_code')).toBe('it reads like a request');
  });

  it('builds a nudge within Block Kit limits, with the team name escaped', () => {
    const nudge = buildNudgeMessage({ name: 'R&D <team>' }, { id: 7, reasons: 'ask_for_work' });
    expect(blockProblems(nudge.blocks, 'message')).toEqual([]);
    expect(nudge.text).toBe('This looks like a request for R&amp;D &lt;team&gt;. Requests go through the backlog so the PO can weigh them.');
  });
});
