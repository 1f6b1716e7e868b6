/**
 * /backlog export through the real app: the PO or SM gets a CSV of the backlog, inbox and icebox in
 * their DM (files.uploadV2 after the ack); everyone else is told who can; an upload failure is told.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Item } from '../../src/db/repositories/items.js';
import type { Team } from '../../src/db/repositories/teams.js';
import { parseCsv } from '../helpers/csv.js';
import { createTestClock, seedTeam, startTestApp, type TestApp } from '../helpers/testApp.js';

const HEADER = [
  'id',
  'title',
  'type',
  'status',
  'backlog position',
  'MoSCoW',
  'business value',
  'time criticality',
  'risk reduction',
  'job size',
  'WSJF score',
  'story points',
  'requester',
  'created',
  'decided',
  'source link',
];

describe('/backlog export', () => {
  let app: TestApp;
  let team: Team;

  beforeEach(async () => {
    app = await startTestApp({ clock: createTestClock('2026-11-23T09:00:00Z') });
    team = await seedTeam(app, { name: 'Platform & Ops', itemPrefix: 'R' });
  });
  afterEach(async () => {
    await app.stop();
  });

  async function item(title: string, fields: Partial<Item> = {}, owner: Team = team): Promise<Item> {
    const number = await app.rituals.repos.teams.allocateItemNumber(owner.id);
    return await app.rituals.repos.items.insert({
      teamId: owner.id,
      number,
      title,
      status: 'backlog',
      source: 'command',
      requesterId: 'U_ALICE',
      suggestedById: 'U_ALICE',
      createdAt: Date.parse('2026-11-20T10:00:00Z') + number * 60_000,
      updatedAt: 1,
      ...fields,
    });
  }

  const uploads = () =>
    app.slack.calls.filter((c) => ['conversations.open', 'files.getUploadURLExternal', 'upload', 'files.completeUploadExternal'].includes(c.method));

  it('sends the PO a CSV in their DM: backlog in order, then inbox, then icebox, with every column', async () => {
    await item('Second in the backlog', { rank: 2048, moscow: 'should', storyPoints: 3 });
    await item('=HYPERLINK("http://evil.example","click")', {
      rank: 1024,
      moscow: 'must',
      businessValue: 8,
      timeCriticality: 5,
      riskReduction: 3,
      jobSize: 2,
      storyPoints: 5,
      type: 'bug',
      requesterId: 'U_CAROL',
      triagedAt: Date.parse('2026-11-21T08:30:00Z'),
      permalink: 'https://example.slack.com/archives/C_TEAM/p1700000000000100',
    });
    await item('Needs triage, with "quotes", commas\nand a second line', { status: 'inbox', rank: null });
    await item('Maybe one day: ünïcödé 🚀', { status: 'icebox', rank: 512, moscow: 'could', type: 'tech-debt' });
    await item('Already rejected', { status: 'rejected', rank: null });
    await item('In the sprint', { status: 'in_sprint', rank: null });
    const otherTeam = await seedTeam(app, { name: 'Other', teamChannelId: 'C_OTHER', productOwnerId: 'U_OTHER_PO' });
    await item('Another team', {}, otherTeam);

    const response = await app.client.command('/backlog', 'export', { user: 'U_PO', channel: 'C_TEAM', responseUrl: app.slack.responseUrl() });
    expect(response.status).toBe(200);
    expect(response.json).toMatchObject({ response_type: 'ephemeral', text: expect.stringContaining('Preparing the export of 4 items') });

    await app.slack.waitFor('files.completeUploadExternal');
    expect(uploads().map((c) => c.method)).toEqual(['conversations.open', 'files.getUploadURLExternal', 'upload', 'files.completeUploadExternal']);
    expect(app.slack.sent('conversations.open')[0]!.args.users).toBe('U_PO');
    const complete = app.slack.sent('files.completeUploadExternal')[0]!;
    expect(complete.args.channel_id).toBe('D_PO');
    expect(complete.args.initial_comment).toContain('The backlog, inbox and icebox of Platform & Ops as of 2026-11-23: 4 items.');
    const [upload] = app.slack.uploads;
    expect(upload!.filename).toBe('backlog-platform-ops-2026-11-23.csv');

    const text = upload!.bytes.toString('utf8');
    expect(text.startsWith('\uFEFF')).toBe(true);
    const rows = parseCsv(text);
    expect(rows[0]).toEqual(HEADER);
    expect(rows.slice(1)).toEqual([
      [
        'R-2',
        `'=HYPERLINK("http://evil.example","click")`,
        'Bug',
        'backlog',
        '1',
        'Must have',
        '8',
        '5',
        '3',
        '2',
        '8',
        '5',
        'U_CAROL',
        '2026-11-20T10:02:00Z',
        '2026-11-21T08:30:00Z',
        'https://example.slack.com/archives/C_TEAM/p1700000000000100',
      ],
      ['R-1', 'Second in the backlog', 'Story', 'backlog', '2', 'Should have', '', '', '', '', '', '3', 'U_ALICE', '2026-11-20T10:01:00Z', '', ''],
      [
        'R-3',
        'Needs triage, with "quotes", commas\nand a second line',
        'Story',
        'inbox',
        '',
        '',
        '',
        '',
        '',
        '',
        '',
        '',
        'U_ALICE',
        '2026-11-20T10:03:00Z',
        '',
        '',
      ],
      ['R-4', 'Maybe one day: ünïcödé 🚀', 'Tech debt', 'icebox', '', 'Could have', '', '', '', '', '', '', 'U_ALICE', '2026-11-20T10:04:00Z', '', ''],
    ]);
    // Nothing else was said: the DM with the file is the answer.
    expect(app.slack.calls.filter((c) => c.method === 'response_url')).toHaveLength(0);
  });

  it('lets the Scrum Master export too', async () => {
    await item('Only item', { rank: 1024 });
    await app.client.command('/backlog', 'export', { user: 'U_SM', channel: 'C_TEAM' });
    await app.slack.waitFor('files.completeUploadExternal');
    expect(app.slack.sent('files.completeUploadExternal')[0]!.args.channel_id).toBe('D_SM');
    expect(parseCsv(app.slack.uploads[0]!.bytes.toString('utf8'))).toHaveLength(2);
  });

  it('refuses team members and outsiders, naming who can, and uploads nothing', async () => {
    await item('Secret roadmap', { rank: 1024 });
    for (const user of ['U_ALICE', 'U_OUTSIDER']) {
      const response = await app.client.command('/backlog', 'export', { user, channel: 'C_TEAM' });
      expect(response.json.response_type).toBe('ephemeral');
      expect(response.json.text).toContain('Only the Product Owner (<@U_PO>) and the Scrum Master (<@U_SM>) can export the backlog.');
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(uploads()).toHaveLength(0);
  });

  it('tells the person when Slack does not take the file', async () => {
    await item('Only item', { rank: 1024 });
    app.slack.fail('files.getUploadURLExternal', { kind: 'error', error: 'not_allowed_token_type' });
    await app.client.command('/backlog', 'export', { user: 'U_PO', channel: 'C_TEAM', responseUrl: app.slack.responseUrl() });
    const [reply] = await app.slack.waitFor('response_url');
    expect(reply!.args).toMatchObject({
      response_type: 'ephemeral',
      text: expect.stringContaining("I couldn't send you the export file (Slack said: not_allowed_token_type)"),
    });
    expect(app.slack.sent('files.completeUploadExternal')).toHaveLength(0);
  });

  it('exports an empty backlog as a header alone', async () => {
    const response = await app.client.command('/backlog', 'export', { user: 'U_PO', channel: 'C_TEAM' });
    expect(response.json.text).toContain('Preparing the export of 0 items');
    await app.slack.waitFor('files.completeUploadExternal');
    expect(parseCsv(app.slack.uploads[0]!.bytes.toString('utf8'))).toEqual([HEADER]);
  });
});
