import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Team } from '../../src/db/repositories/teams.js';
import { TRIAGE } from '../../src/slack/ids.js';
import { createTestClock, seedTeam, startTestApp, type TestApp, type TestClock } from '../helpers/testApp.js';

describe('App Home', () => {
  let app: TestApp;
  let clock: TestClock;
  let team: Team;

  beforeEach(async () => {
    clock = createTestClock('2026-11-23T09:00:00Z');
    app = await startTestApp({ clock });
    team = await seedTeam(app);
  });
  afterEach(async () => {
    await app.stop();
  });

  async function suggest(title: string, requester: string) {
    const input = { title, details: 'Enough details to be ready.', type: 'story' as const, neededBy: '', urgency: null };
    return (
      await app.rituals.services.intake.submit(input, {
        teamId: team.id,
        source: 'command',
        requesterId: requester,
        suggestedById: requester,
        intakeKey: `k:${title}`,
      })
    ).item;
  }

  async function openHome(user: string, n: number) {
    await app.client.event({ type: 'app_home_opened', user, channel: `D${user}`, tab: 'home' });
    const publishes = await app.slack.waitFor('views.publish', n);
    const call = publishes[n - 1]!;
    expect(call.args.user_id).toBe(user);
    return call.args.view;
  }

  it('shows each person their own suggestions with status; the PO sees inbox, oldest age, Triage button and DEEP health', async () => {
    const accepted = await suggest('Faster search', 'U_ALICE');
    await suggest('Dark mode', 'U_ALICE');
    const rejected = await suggest('Blockchain', 'U_ALICE');
    await suggest('Bob only', 'U_BOB');
    await app.rituals.services.triage.decide(team.id, accepted.id, 'U_PO', {
      decision: 'accept',
      type: 'story',
      moscow: 'must',
      businessValue: null,
      timeCriticality: null,
      riskReduction: null,
      jobSize: null,
      storyPoints: 3,
      position: 'top',
      note: '',
    });
    await app.rituals.services.triage.decide(team.id, rejected.id, 'U_PO', { decision: 'reject', reason: 'Not our product' });
    clock.advance(2 * 24 * 60 * 60 * 1000);

    const alice = JSON.stringify((await openHome('U_ALICE', 1)).blocks);
    expect(alice).toContain('Faster search');
    expect(alice).toContain('Accepted into the product backlog');
    expect(alice).toContain('In the inbox, waiting for triage');
    expect(alice).toContain('Rejected: Not our product');
    expect(alice).not.toContain('Bob only');
    expect(alice).not.toContain('Product Owner');
    expect(alice).not.toContain('Current sprint');

    const po = await openHome('U_PO', 2);
    const text = JSON.stringify(po.blocks);
    expect(text).toContain('*2* in the inbox');
    expect(text).toContain('oldest waiting 2 days');
    expect(text).toContain('of the top 1, *1* ready and estimated');
    const button = po.blocks.find((b: any) => b.accessory?.action_id === TRIAGE.actions.open).accessory;
    expect(button.value).toBe(String(team.id));

    // The Triage button from the home opens the triage modal for the PO.
    await app.client.blockAction([{ action_id: TRIAGE.actions.open, value: button.value }], { user: 'U_PO' });
    const [open] = await app.slack.waitFor('views.open');
    expect(open!.args.view.callback_id).toBe(TRIAGE.callbackId);
  });

  it('tells someone on no team how to set one up or join one', async () => {
    const home = JSON.stringify((await openHome('U_NEWCOMER', 1)).blocks);
    expect(home).toContain("You're not on a Rituals team yet");
    expect(home).toContain('`/rituals setup`');
    expect(home).toContain('/invite @Rituals');
    const member = JSON.stringify((await openHome('U_BOB', 2)).blocks);
    expect(member).not.toContain("You're not on a Rituals team yet");
  });

  it('ignores the messages tab', async () => {
    await app.client.event({ type: 'app_home_opened', user: 'U_ALICE', channel: 'DU_ALICE', tab: 'messages' });
    await app.client.event({ type: 'app_home_opened', user: 'U_BOB', channel: 'DU_BOB', tab: 'home' });
    const publishes = await app.slack.waitFor('views.publish', 1);
    expect(publishes.map((c) => c.args.user_id)).toEqual(['U_BOB']);
  });

  it("shows the team's active sprint and the person's standup status", async () => {
    const none = await openHome('U_BOB', 1);
    expect(JSON.stringify(none.blocks)).toContain('no sprint running');
    await app.rituals.repos.sprints.insert({
      teamId: team.id,
      number: 3,
      name: 'Sprint 3',
      goal: 'Checkout in one step',
      startDate: '2026-11-23',
      endDate: '2026-12-04',
      status: 'active',
      committedPoints: 0,
      startedBy: 'U_SM',
      startedAt: clock().getTime(),
    });
    await app.rituals.services.standup.setAway({ slackTeamId: 'T1', userId: 'U_BOB', from: '2026-12-24', to: '2027-01-02' });
    const home = JSON.stringify((await openHome('U_BOB', 2)).blocks);
    expect(home).toContain('*Sprint 3*');
    expect(home).toContain('Checkout in one step');
    expect(home).toContain('2026-12-24');
  });
});
