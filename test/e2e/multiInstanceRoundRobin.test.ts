/**
 * Three instances of the real app (child processes) on one PostgreSQL database, behind a round-robin
 * "load balancer": suggestions, captures and other commands spread over all three are each acked,
 * stored once and answered once, and item numbers stay unique and gap-free per team.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  eventually,
  type Fleet,
  itemRows,
  numbersGapFree,
  receiptsByNumber,
  startFleet,
  suggestMetadata,
  suggestValues,
  threadRepliesByTs,
} from '../helpers/multiInstance.js';
import { SUGGEST } from '../../src/slack/ids.js';
import { insertTeam } from '../helpers/teams.js';
import { onPostgres } from '../helpers/testEngine.js';

const SUBMISSIONS_PER_TEAM = 40;
const CAPTURES = 30;
const BACKLOG_COMMANDS = 12;
const PARALLEL = 6;

// Several processes on one SQLite file are refused by design (the instance lock): PostgreSQL runs only.
describe.skipIf(!onPostgres())('three instances on one PostgreSQL database', () => {
  let fleet: Fleet;

  beforeAll(async () => {
    fleet = await startFleet(3);
    await insertTeam(fleet.storage.repos);
    await insertTeam(fleet.storage.repos, {
      name: 'Mobile',
      teamChannelId: 'C_MOBILE',
      triageChannelId: 'C_MTRIAGE',
      itemPrefix: 'M',
      members: ['U_BOB', 'U_DAN'],
    });
    for (let i = 0; i < CAPTURES; i += 1)
      fleet.slack.addMessage('C_TEAM', { ts: `1700001000.${String(i).padStart(6, '0')}`, user: 'U_CAROL', text: `Captured message ${i}` });
  }, 120_000);

  afterAll(async () => {
    await fleet?.stop();
  });

  it('round robin: every request is acked, stored once and answered once; numbers are gap-free per team', async () => {
    const { slack, clients, storage } = fleet;
    const platform = await suggestMetadata(slack, clients[0]!);
    const before = slack.sent('views.open').length;
    expect((await clients[1]!.command('/suggest', '', { channel: 'C_MOBILE', user: 'U_BOB' })).status).toBe(200);
    const mobile = String((await slack.waitFor('views.open', before + 1))[before]!.args.view.private_metadata);

    type Request = { what: string; send: (client: (typeof clients)[number], retry: number) => Promise<{ status: number; text: string }> };
    const requests: Request[] = [];
    for (let i = 0; i < SUBMISSIONS_PER_TEAM; i += 1) {
      requests.push({
        what: `platform ${i}`,
        send: (c) => c.viewSubmission({ callback_id: SUGGEST.callbackId, private_metadata: platform, id: `VRRP${i}` }, suggestValues(i)),
      });
      requests.push({
        what: `mobile ${i}`,
        send: (c) => c.viewSubmission({ callback_id: SUGGEST.callbackId, private_metadata: mobile, id: `VRRM${i}` }, suggestValues(i), { user: 'U_BOB' }),
      });
    }
    for (let i = 0; i < CAPTURES; i += 1) {
      requests.push({
        what: `capture ${i}`,
        send: (c, retry) =>
          c.event(
            {
              type: 'reaction_added',
              user: 'U_BOB',
              reaction: 'inbox_tray',
              item: { type: 'message', channel: 'C_TEAM', ts: `1700001000.${String(i).padStart(6, '0')}` },
              item_user: 'U_CAROL',
            },
            // Slack resends an unacked event with the same id and its retry number.
            { eventId: `EvRR${i}`, ...(retry > 0 ? { retryNum: retry } : {}) },
          ),
      });
    }
    for (let i = 0; i < BACKLOG_COMMANDS; i += 1) requests.push({ what: `backlog ${i}`, send: (c) => c.command('/backlog', '', { user: 'U_PO' }) });
    // Interleaved so every instance gets every kind.
    let seed = 14;
    for (let i = requests.length - 1; i > 0; i -= 1) {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      const j = seed % (i + 1);
      [requests[i], requests[j]] = [requests[j]!, requests[i]!];
    }

    const started = Date.now();
    const failures: string[] = [];
    let retried = 0;
    let next = 0;
    const sender = async () => {
      while (next < requests.length) {
        const n = next++;
        const request = requests[n]!;
        // Not acked within Slack's 3 s (a loaded machine): sent again to the next instance, as Slack
        // resends an event and a person submits the same view again. Either way it must count once.
        for (let attempt = 0; ; attempt += 1) {
          const response = await request.send(clients[(n + attempt) % clients.length]!, attempt).catch((error: Error) => ({ status: 0, text: error.message }));
          if (response.status === 200) break;
          retried += 1;
          if (attempt === 3) {
            failures.push(`${request.what}: ${response.status} ${response.text}`);
            break;
          }
        }
      }
    };
    await Promise.all(Array.from({ length: PARALLEL }, sender));
    const sendingMs = Date.now() - started;
    expect(failures).toEqual([]);

    // Receipts and thread replies go out through whichever instance's outbox claims them first.
    const expectedItems = 2 * SUBMISSIONS_PER_TEAM + CAPTURES;
    const done = await eventually(
      async () =>
        (await itemRows(storage)).length >= expectedItems &&
        receiptsByNumber(slack, 'U_ALICE').size >= SUBMISSIONS_PER_TEAM &&
        receiptsByNumber(slack, 'U_BOB', 'M').size >= SUBMISSIONS_PER_TEAM &&
        threadRepliesByTs(slack).size >= CAPTURES,
      20_000,
    );
    const items = await itemRows(storage);
    expect(
      done,
      `items ${items.length}, receipts ${receiptsByNumber(slack).size}+${receiptsByNumber(slack, 'U_BOB', 'M').size}, replies ${threadRepliesByTs(slack).size}`,
    ).toBe(true);

    // Stored once each.
    expect(items).toHaveLength(expectedItems);
    const keys = items.map((item) => item.intake_key).sort();
    expect(new Set(keys).size).toBe(items.length);
    expect(keys).toEqual(
      [
        ...Array.from({ length: SUBMISSIONS_PER_TEAM }, (_, i) => `view:VRRP${i}`),
        ...Array.from({ length: SUBMISSIONS_PER_TEAM }, (_, i) => `view:VRRM${i}`),
        ...Array.from({ length: CAPTURES }, (_, i) => `message:C_TEAM:1700001000.${String(i).padStart(6, '0')}`),
      ].sort(),
    );
    expect(numbersGapFree(items)).toBe(true);
    expect(new Set(items.map((item) => item.team_id)).size).toBe(2);

    // Answered once each (a short quiet period first, so a late double would show).
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const platformReceipts = receiptsByNumber(slack, 'U_ALICE');
    const mobileReceipts = receiptsByNumber(slack, 'U_BOB', 'M');
    const platformNumbers = items.filter((item) => item.intake_key?.startsWith('view:VRRP')).map((item) => item.number);
    const mobileNumbers = items.filter((item) => item.intake_key?.startsWith('view:VRRM')).map((item) => item.number);
    expect(platformNumbers.map((n) => platformReceipts.get(n))).toEqual(platformNumbers.map(() => 1));
    expect(mobileNumbers.map((n) => mobileReceipts.get(n))).toEqual(mobileNumbers.map(() => 1));
    expect(platformReceipts.size).toBe(SUBMISSIONS_PER_TEAM);
    expect(mobileReceipts.size).toBe(SUBMISSIONS_PER_TEAM);
    const replies = threadRepliesByTs(slack);
    expect([...replies.values()]).toEqual(Array.from({ length: CAPTURES }, () => 1));
    // Each message was read once (twice only for an event resent after no ack): no instance fetched
    // again what another had captured.
    expect(slack.callsTo('conversations.history').length).toBeGreaterThanOrEqual(CAPTURES);
    expect(slack.callsTo('conversations.history').length).toBeLessThanOrEqual(CAPTURES + retried);
    // The triage notices: one per item, in each team's triage channel.
    expect(slack.sent('chat.postMessage').filter((call) => call.args.channel === 'C_TRIAGE')).toHaveLength(SUBMISSIONS_PER_TEAM + CAPTURES);
    expect(slack.sent('chat.postMessage').filter((call) => call.args.channel === 'C_MTRIAGE')).toHaveLength(SUBMISSIONS_PER_TEAM);

    // The outbox is empty: every row sent, none failed or left claimed.
    const outbox = await storage.query<{ status: string; n: number }>('SELECT status, count(*) AS n FROM outbox GROUP BY status ORDER BY status');
    expect(outbox.map((row) => row.status)).toEqual(['sent']);
    // What the instances logged as errors (a late ack on an overloaded machine is one Bolt logs).
    const errors = new Set(
      fleet.apps.flatMap((app) => app.output.filter((line) => / ERROR /.test(line)).map((line) => line.replace(/^\S+ /, '').slice(0, 160))),
    );
    if (errors.size > 0) console.info(`instance errors:\n${[...errors].join('\n')}`);
    console.info(`round robin: ${requests.length} requests over 3 instances in ${sendingMs} ms (${retried} resent after no ack)`);
  }, 120_000);
});
