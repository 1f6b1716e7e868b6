import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { itemEventsTable, itemFollowersTable } from '../../src/db/schema.js';
import type { Item } from '../../src/db/repositories/items.js';
import type { Team } from '../../src/db/repositories/teams.js';
import type { TriageDecisionKind } from '../../src/domain/triage.js';
import { TRIAGE } from '../../src/slack/ids.js';
import { textValue } from '../helpers/signedClient.js';
import { createTestClock, seedTeam, startTestApp, type TestApp, type TestClock } from '../helpers/testApp.js';
import { radio, triageCardOf, triageForm, triageIds, type TriageTyped } from '../helpers/triageForm.js';
import { tableRows } from '../helpers/tableRows.js';

describe('/triage', () => {
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

  async function suggest(title: string, { requester = 'U_ALICE', details = 'Some useful details here.', captured = false } = {}): Promise<Item> {
    clock.advance(60_000);
    const input = { title, details, type: 'story' as const, neededBy: '', urgency: null };
    const key = `test:${title}:${clock().getTime()}`;
    if (captured) {
      const ts = `17000${Math.floor(clock().getTime() / 1000)}.000200`;
      return (
        await app.rituals.services.intake.capture(
          input,
          {
            teamId: team.id,
            source: 'reaction',
            requesterId: requester,
            suggestedById: 'U_BOB',
            intakeKey: key,
            sourceChannelId: 'C_GENERAL',
            sourceTs: ts,
            permalink: 'https://example.slack.com/archives/C_GENERAL/p1',
          },
          { channelId: 'C_GENERAL', threadTs: ts, attemptKey: key },
        )
      ).item;
    }
    return (
      await app.rituals.services.intake.submit(input, { teamId: team.id, source: 'command', requesterId: requester, suggestedById: requester, intakeKey: key })
    ).item;
  }

  /** Puts an item straight into the backlog with a MoSCoW class at a rank (test fixture). */
  async function backlogItem(title: string, moscow: Item['moscow'], rank: number): Promise<Item> {
    const item = await suggest(title);
    return await app.rituals.repos.items.update(item.id, { status: 'backlog', moscow, rank });
  }

  async function openTriage(user = 'U_PO') {
    const before = app.slack.sent('views.open').length;
    const response = await app.client.command('/triage', '', { user });
    if (user !== 'U_PO') return { response, view: null };
    const opens = await app.slack.waitFor('views.open', before + 1);
    return { response, view: opens[opens.length - 1]!.args.view };
  }

  /** What the PO picks for an accept: type bug, MoSCoW should (the rest as the card holds it), plus typed. */
  const acceptValues = (view: any, typed: TriageTyped = {}) => triageForm(view, 'accept', { type: 'bug', moscow: 'should', ...typed });

  /**
   * Picks another decision on the card, as a PO does: the radio dispatches an action and the app
   * updates the view to that decision's fields. Returns the updated view (with Slack's id).
   */
  async function pickDecision(view: any, decision: TriageDecisionKind, user = 'U_PO'): Promise<any> {
    const before = app.slack.sent('views.update').length;
    const ids = triageIds(view);
    await app.client.blockAction(
      [{ action_id: TRIAGE.actions.decision, block_id: ids.decision, type: 'radio_buttons', selected_option: { value: decision } } as any],
      {
        user,
        view: { ...view, state: { values: { [ids.decision]: { [TRIAGE.actions.decision]: radio(decision) } } } },
      },
    );
    const updates = await app.slack.waitFor('views.update', before + 1);
    const update = updates[updates.length - 1]!;
    return { ...update.args.view, id: update.args.view_id };
  }

  /** Picks a decision other than accept, then submits it with the fields typed. */
  async function decide(view: any, decision: TriageDecisionKind, typed: TriageTyped = {}) {
    const shown = decision === 'accept' ? view : await pickDecision(view, decision);
    return app.client.viewSubmission(shown, triageForm(shown, decision, typed), { user: 'U_PO' });
  }

  const item = async (id: number) => (await app.rituals.repos.items.findById(id))!;
  const backlogOrder = async () => (await app.rituals.repos.items.listByStatus(team.id, 'backlog')).map((i) => i.title);
  const allText = (view: any) => JSON.stringify(view.blocks);

  it('tells anyone but the PO, ephemerally, who the PO is and that they can /suggest', async () => {
    await suggest('Fix login timeout');
    const { response } = await openTriage('U_ALICE');
    expect(response.json.response_type).toBe('ephemeral');
    expect(response.json.text).toContain('<@U_PO>');
    expect(response.json.text).toContain('/suggest');
    expect(app.slack.callsTo('views.open')).toHaveLength(0);
  });

  it('says how to set up a team where there is none', async () => {
    await app.rituals.storage.query('DELETE FROM teams');
    const response = await app.client.command('/triage', '', { user: 'U_PO' });
    expect(response.json.text).toContain('/rituals setup');
  });

  it('shows the inbox oldest first with position, age, source and likely duplicates', async () => {
    const first = await suggest('Login times out on mobile', { captured: true });
    await suggest('Dark mode');
    await suggest('Login timeouts on mobile app');
    clock.advance(3 * 60 * 60 * 1000);
    const { view } = await openTriage();
    expect(view.callback_id).toBe(TRIAGE.callbackId);
    const text = allText(view);
    expect(text).toContain('1 of 3');
    expect(text).toContain(`R-${first.number}`);
    expect(text).toContain('Login times out on mobile');
    expect(text).toContain('waiting 3 hours');
    expect(text).toContain('source message');
    expect(text).toContain('Likely duplicates');
    expect(text).toContain('Login timeouts on mobile app');
    expect(text).not.toMatch(/Likely duplicates[^"]*Dark mode/);
  });

  it('accepts at the top, by priority and at the bottom, logging each change', async () => {
    await backlogItem('Must A', 'must', 1024);
    await backlogItem('Should B', 'should', 2048);
    await backlogItem('Could C', 'could', 3072);
    const byPriority = await suggest('New should');
    const top = await suggest('New top');
    const bottom = await suggest('New bottom');

    let { view } = await openTriage();
    let response = await app.client.viewSubmission(view, acceptValues(view), { user: 'U_PO' });
    expect(response.json.response_action).toBe('update');
    expect(allText(response.json.view)).toContain('2 of 3');
    expect(await backlogOrder()).toEqual(['Must A', 'Should B', 'New should', 'Could C']);
    expect(await item(byPriority.id)).toMatchObject({ status: 'backlog', type: 'bug', moscow: 'should' });

    view = response.json.view;
    response = await app.client.viewSubmission(view, acceptValues(view, { position: 'top', moscow: 'could' }), { user: 'U_PO' });
    expect((await backlogOrder())[0]).toBe('New top');

    view = response.json.view;
    response = await app.client.viewSubmission(
      view,
      acceptValues(view, { position: 'bottom', moscow: 'must', businessValue: '8', timeCriticality: '5', riskReduction: '3', jobSize: '2', storyPoints: '5' }),
      { user: 'U_PO' },
    );
    expect(await backlogOrder()).toEqual(['New top', 'Must A', 'Should B', 'New should', 'Could C', 'New bottom']);
    expect(await item(bottom.id)).toMatchObject({ businessValue: 8, timeCriticality: 5, riskReduction: 3, jobSize: 2, storyPoints: 5 });
    expect(allText(response.json.view)).toContain('3 decided');

    const events = (await tableRows(app.rituals.storage, itemEventsTable)).filter((e) => e.itemId === bottom.id);
    expect(events.map((e) => `${e.kind}:${e.field ?? ''}:${e.toValue ?? ''}:${e.reason ?? ''}`)).toEqual([
      'created:status:inbox:command',
      'field:type:bug:',
      'field:moscow:must:',
      'field:business_value:8:',
      'field:time_criticality:5:',
      'field:risk_reduction:3:',
      'field:job_size:2:',
      'estimate:story_points:5:triage',
      'status:status:backlog:',
      `rank:rank:${(await item(bottom.id)).rank}:bottom`,
    ]);
    expect(events.every((e) => e.actorId === 'U_PO' || e.kind === 'created')).toBe(true);
    const topRank = (await tableRows(app.rituals.storage, itemEventsTable)).find((e) => e.itemId === top.id && e.kind === 'rank');
    expect(topRank?.reason).toBe('top');

    await app.rituals.outbox.drain();
    const dms = app.slack.sent('chat.postMessage').filter((c) => c.args.channel === 'U_ALICE' && String(c.args.text).includes('accepted'));
    expect(dms).toHaveLength(3);
  });

  it('asks for all four WSJF inputs or none, inline', async () => {
    await suggest('Half scored');
    const { view } = await openTriage();
    const response = await app.client.viewSubmission(view, acceptValues(view, { businessValue: '8' }), { user: 'U_PO' });
    expect(response.json).toEqual({ response_action: 'errors', errors: { [triageIds(view).jobSize]: 'Fill all four WSJF inputs, or none.' } });
    expect(await app.rituals.repos.items.countByStatus(team.id, 'inbox')).toBe(1);
  });

  it('iceboxes with a note, and tells the requester', async () => {
    const ice = await suggest('Nice to have');
    const { view } = await openTriage();
    await decide(view, 'icebox', { text: 'Not this quarter' });
    expect((await item(ice.id)).status).toBe('icebox');
    await app.rituals.outbox.drain();
    const dm = app.slack.sent('chat.postMessage').find((c) => c.args.channel === 'U_ALICE' && String(c.args.text).includes('icebox'));
    expect(JSON.stringify(dm!.args.blocks)).toContain('Not this quarter');
  });

  it('requires a reason to reject, then tells the requester by DM and in the source thread', async () => {
    const captured = await suggest('Rewrite everything in Rust', { captured: true, requester: 'U_CAROL' });
    const { view } = await openTriage();
    const rejecting = await pickDecision(view, 'reject');
    const missing = await app.client.viewSubmission(rejecting, triageForm(rejecting, 'reject'), { user: 'U_PO' });
    expect(missing.json.response_action).toBe('errors');
    expect(missing.json.errors[triageIds(rejecting).text]).toContain('Say why');
    expect((await item(captured.id)).status).toBe('inbox');

    const ok = await app.client.viewSubmission(rejecting, triageForm(rejecting, 'reject', { text: 'Out of <!channel> scope' }), { user: 'U_PO' });
    expect(ok.json.response_action).toBe('update');
    expect(await item(captured.id)).toMatchObject({ status: 'rejected', moscow: 'wont', rejectReason: 'Out of <!channel> scope' });
    await app.rituals.outbox.drain();
    const posts = app.slack.sent('chat.postMessage');
    const dm = posts.find((c) => c.args.channel === 'U_CAROL')!;
    expect(dm.args.text).toContain('rejected');
    expect(JSON.stringify(dm.args.blocks)).toContain('Out of &lt;!channel&gt; scope');
    const thread = posts.find((c) => c.args.channel === 'C_GENERAL' && c.args.thread_ts === captured.sourceTs && String(c.args.text).includes('rejected'))!;
    expect(thread).toBeDefined();
    expect(JSON.stringify(thread.args)).not.toContain('<!channel>');
  });

  it('merges a duplicate into an existing item and links the requester to it', async () => {
    const survivor = await backlogItem('Login times out on mobile', 'must', 1024);
    const dup = await suggest('Login timeouts on mobile', { requester: 'U_CAROL' });
    const { view } = await openTriage();
    // Merge fields appear only once "merge" is picked.
    expect(view.blocks.some((b: any) => String(b.block_id).startsWith(TRIAGE.blocks.mergeTarget))).toBe(false);
    const response = await decide(view, 'merge', { mergeRef: `R-${survivor.number}` });
    expect(response.json.response_action).toBe('update');
    expect(await item(dup.id)).toMatchObject({ status: 'rejected', mergedIntoId: survivor.id });
    expect(await tableRows(app.rituals.storage, itemFollowersTable, 'item_id, user_id')).toEqual([{ itemId: survivor.id, userId: 'U_CAROL' }]);
    const merged = (await tableRows(app.rituals.storage, itemEventsTable)).find((e) => e.kind === 'merged');
    expect(merged).toMatchObject({ itemId: dup.id, toValue: String(survivor.id), actorId: 'U_PO' });
    await app.rituals.outbox.drain();
    const dm = app.slack.sent('chat.postMessage').find((c) => c.args.channel === 'U_CAROL' && String(c.args.text).includes('duplicate'));
    expect(dm).toBeDefined();
  });

  it('refuses a merge into itself or an unknown item, inline', async () => {
    const dup = await suggest('Lonely');
    const { view } = await openTriage();
    const merging = await pickDecision(view, 'merge');
    const self = await app.client.viewSubmission(merging, triageForm(merging, 'merge', { mergeRef: `R-${dup.number}` }), { user: 'U_PO' });
    expect(self.json.errors[triageIds(merging).mergeRef]).toContain('other than this one');
    const none = await app.client.viewSubmission(merging, triageForm(merging, 'merge', { mergeRef: '' }), { user: 'U_PO' });
    expect(none.json.errors[triageIds(merging).mergeRef]).toContain('Pick the item');
    expect((await item(dup.id)).status).toBe('inbox');
  });

  it('switches the form when another decision is picked (views.update)', async () => {
    await suggest('Something');
    const { view } = await openTriage();
    const ids = triageIds(view);
    await app.client.blockAction(
      [{ action_id: TRIAGE.actions.decision, block_id: ids.decision, type: 'radio_buttons', selected_option: { value: 'merge' } } as any],
      {
        user: 'U_PO',
        view: { ...view, id: 'VTRIAGE', hash: 'h1', state: { values: triageForm(view, 'merge') } },
      },
    );
    const [update] = await app.slack.waitFor('views.update');
    expect(update!.args.view_id).toBe('VTRIAGE');
    expect(triageIds(update!.args.view).mergeRef).toMatch(new RegExp(`^${TRIAGE.blocks.mergeRef}:`));
    expect(update!.args.view.blocks.some((b: any) => b.block_id === ids.moscow)).toBe(false);
    // The same card: switching the decision keeps the card's ids (and what was typed in them).
    expect(triageCardOf(update!.args.view)).toEqual(triageCardOf(view));
  });

  it('asks the requester, who answers from the DM; the answer shows at the next triage', async () => {
    const asked = await suggest('Export to CSV');
    const other = await suggest('Import from CSV', { requester: 'U_BOB' });
    const { view } = await openTriage();
    const response = await decide(view, 'ask', { text: 'Which columns do you need?' });
    // The asked item waits; the next card is the other one.
    expect(allText(response.json.view)).toContain('Import from CSV');
    expect(await item(asked.id)).toMatchObject({ status: 'inbox', openQuestion: 'Which columns do you need?', questionAnswer: null });

    await app.rituals.outbox.drain();
    const questionDm = app.slack.sent('chat.postMessage').find((c) => c.args.channel === 'U_ALICE' && String(c.args.text).includes('question'))!;
    const button = questionDm.args.blocks.flatMap((b: any) => b.elements ?? []).find((e: any) => e.action_id === TRIAGE.actions.answerOpen);
    expect(button.value).toBe(String(asked.id));

    // Someone else can't answer.
    await app.client.blockAction([{ action_id: TRIAGE.actions.answerOpen, value: button.value }], { user: 'U_BOB', channel: 'D_BOB', messageTs: '1.1' });
    const refused = (await app.slack.waitFor('views.open', 2))[1]!;
    expect(JSON.stringify(refused.args.view)).toContain('Only the person who asked');

    await app.client.blockAction([{ action_id: TRIAGE.actions.answerOpen, value: button.value }], {
      user: 'U_ALICE',
      channel: 'D_ALICE',
      messageTs: questionDm.response.ts,
    });
    const answerModal = (await app.slack.waitFor('views.open', 3))[2]!.args.view;
    expect(answerModal.callback_id).toBe(TRIAGE.answerCallbackId);
    const empty = await app.client.viewSubmission(answerModal, { [TRIAGE.blocks.answer]: { value: textValue('  ') } } as any, { user: 'U_ALICE' });
    expect(empty.json.errors[TRIAGE.blocks.answer]).toBeDefined();
    const sent = await app.client.viewSubmission(answerModal, { [TRIAGE.blocks.answer]: { value: textValue('Name, email and plan') } } as any, {
      user: 'U_ALICE',
    });
    expect(sent.json.response_action).toBe('update');
    expect((await item(asked.id)).questionAnswer).toBe('Name, email and plan');
    const kinds = (await tableRows(app.rituals.storage, itemEventsTable)).filter((e) => e.itemId === asked.id).map((e) => e.kind);
    expect(kinds).toEqual(['created', 'asked', 'answered']);
    await app.rituals.outbox.drain();
    expect(app.slack.sent('chat.postMessage').some((c) => c.args.channel === 'U_PO' && String(c.args.text).includes('answered'))).toBe(true);

    // Decide the other; the answered item comes up with its answer.
    await decide(response.json.view, 'icebox');
    expect((await item(other.id)).status).toBe('icebox');
    const { view: again } = await openTriage();
    expect(allText(again)).toContain('Export to CSV');
    expect(allText(again)).toContain('Name, email and plan');
  });

  it('refuses a forged view_submission and forged block_actions from a non-PO', async () => {
    const target = await suggest('Fix login timeout');
    const { view } = await openTriage();
    // Alice replays the PO's sealed modal with her own user id.
    const forged = await app.client.viewSubmission(view, acceptValues(view), { user: 'U_ALICE' });
    expect(forged.json.response_action).toBe('errors');
    expect(forged.json.errors[triageIds(view).decision]).toContain('Product Owner');
    const tampered = await app.client.viewSubmission(
      { ...view, private_metadata: JSON.stringify({ teamId: team.id, itemId: target.id, done: 0, skipped: [], decision: 'accept', card: 1 }) },
      acceptValues(view),
      { user: 'U_PO' },
    );
    expect(tampered.json.errors[triageIds(view).decision]).toContain('could not be verified');
    expect(tampered.json.response_action).toBe('errors');
    expect((await item(target.id)).status).toBe('inbox');
    expect((await tableRows(app.rituals.storage, itemEventsTable)).filter((e) => e.itemId === target.id)).toHaveLength(1);

    // The Triage button on the triage-channel notice, pressed by Alice.
    await app.client.blockAction([{ action_id: TRIAGE.actions.open, value: String(team.id) }], { user: 'U_ALICE', channel: 'C_TRIAGE', messageTs: '1.2' });
    const [ephemeral] = await app.slack.waitFor('chat.postEphemeral');
    expect(ephemeral!.args.text).toContain('<@U_PO>');
    // Skip pressed by Alice inside the PO's modal: no triage card is shown to her.
    await app.client.blockAction([{ action_id: TRIAGE.actions.skip, value: String(target.id) }], { user: 'U_ALICE', view: { ...view, id: 'VX', hash: 'h1' } });
    const [update] = await app.slack.waitFor('views.update');
    expect(JSON.stringify(update!.args.view)).toContain('Only the Product Owner');
    expect(JSON.stringify(update!.args.view)).not.toContain('Fix login timeout');
  });

  it('opens triage from the Triage button on the triage-channel notice, and skips', async () => {
    await suggest('First one');
    await suggest('Second one');
    await app.rituals.outbox.drain();
    const notice = app.slack.sent('chat.postMessage').find((c) => c.args.channel === 'C_TRIAGE')!;
    const button = notice.args.blocks.flatMap((b: any) => b.elements ?? []).find((e: any) => e.action_id === TRIAGE.actions.open);
    await app.client.blockAction([{ action_id: TRIAGE.actions.open, value: button.value }], {
      user: 'U_PO',
      channel: 'C_TRIAGE',
      messageTs: notice.response.ts,
    });
    const [open] = await app.slack.waitFor('views.open');
    expect(allText(open!.args.view)).toContain('First one');
    await app.client.blockAction([{ action_id: TRIAGE.actions.skip, value: 'x' }], { user: 'U_PO', view: { ...open!.args.view, id: 'VSKIP', hash: 'h1' } });
    const [update] = await app.slack.waitFor('views.update');
    expect(allText(update!.args.view)).toContain('Second one');
    expect(allText(update!.args.view)).toContain('2 of 2');
  });

  describe('each card starts empty (Slack keeps typed input while block ids stay the same)', () => {
    const dmsTo = (user: string) =>
      app.slack
        .sent('chat.postMessage')
        .filter((c) => c.args.channel === user)
        .map((c) => JSON.stringify([c.args.text, c.args.blocks]));

    it("never carries one item's MoSCoW, WSJF, points or note to the next item", async () => {
      const first = await suggest('Payments retry', { requester: 'U_CAROL' });
      const second = await suggest('Export invoices', { requester: 'U_DAVE' });
      const { view } = await openTriage();
      const next = await app.client.viewSubmission(
        view,
        acceptValues(view, {
          moscow: 'must',
          businessValue: '8',
          timeCriticality: '5',
          riskReduction: '3',
          jobSize: '2',
          storyPoints: '8',
          text: 'Ship it in Q1',
        }),
        { user: 'U_PO' },
      );
      expect(await item(first.id)).toMatchObject({ status: 'backlog', moscow: 'must', storyPoints: 8, businessValue: 8 });
      const card = next.json.view;
      expect(allText(card)).toContain('Export invoices');
      // The PO only picks a MoSCoW class for the second item and decides.
      const ids = triageIds(card);
      await app.client.viewSubmission(
        card,
        { [ids.moscow]: { [TRIAGE.action]: { type: 'static_select', selected_option: { text: { type: 'plain_text', text: 'c' }, value: 'could' } } } } as any,
        { user: 'U_PO' },
      );
      expect(await item(second.id)).toMatchObject({
        status: 'backlog',
        type: 'story',
        moscow: 'could',
        storyPoints: null,
        businessValue: null,
        timeCriticality: null,
        riskReduction: null,
        jobSize: null,
      });
      await app.rituals.outbox.drain();
      expect(dmsTo('U_CAROL').join()).toContain('Ship it in Q1');
      expect(dmsTo('U_DAVE').join()).not.toContain('Ship it in Q1');
    });

    it("never turns a reject reason into the next items' decision or note", async () => {
      const rejected = await suggest('Rewrite in Rust', { requester: 'U_CAROL' });
      const second = await suggest('Dark mode', { requester: 'U_DAVE' });
      const third = await suggest('Bulk export', { requester: 'U_ERIN' });
      const { view } = await openTriage();
      const next = await decide(view, 'reject', { text: 'Out of scope this year' });
      expect(await item(rejected.id)).toMatchObject({ status: 'rejected', rejectReason: 'Out of scope this year' });
      // The next two items: the PO picks a MoSCoW class and decides, touching nothing else.
      let card = next.json.view;
      for (const expected of [second, third]) {
        expect(allText(card)).toContain(expected.title);
        const response = await app.client.viewSubmission(card, triageForm(card, null, { moscow: 'should' }), { user: 'U_PO' });
        expect(await item(expected.id)).toMatchObject({ status: 'backlog', rejectReason: null });
        card = response.json.view;
      }
      await app.rituals.outbox.drain();
      expect(dmsTo('U_CAROL').join()).toContain('Out of scope this year');
      for (const user of ['U_DAVE', 'U_ERIN']) expect(dmsTo(user).join()).not.toContain('Out of scope this year');
    });

    it("never sends one requester's question to the next requester", async () => {
      const asked = await suggest('Export to CSV', { requester: 'U_CAROL' });
      const second = await suggest('Import from CSV', { requester: 'U_DAVE' });
      const { view } = await openTriage();
      const next = await decide(view, 'ask', { text: 'Which columns do you need?' });
      expect((await item(asked.id)).openQuestion).toBe('Which columns do you need?');
      // "Ask" on the next item without typing a question is a missing question, not the last one.
      const asking = await pickDecision(next.json.view, 'ask');
      const response = await app.client.viewSubmission(asking, triageForm(asking, 'ask'), { user: 'U_PO' });
      expect(response.json.response_action).toBe('errors');
      expect(Object.values(response.json.errors).join()).toMatch(/question/i);
      expect(await item(second.id)).toMatchObject({ status: 'inbox', openQuestion: null });
      await app.rituals.outbox.drain();
      expect(dmsTo('U_DAVE').join()).not.toContain('Which columns');
    });

    it('keeps what was typed when only the decision changes, but not a reason as a note', async () => {
      const target = await suggest('Slow search', { requester: 'U_CAROL' });
      const { view } = await openTriage();
      // Typed a reason for "reject", then chose "icebox" instead: the reason is not sent as a note.
      const rejecting = await pickDecision(view, 'reject');
      app.slack.views.type(rejecting.id, triageForm(rejecting, 'reject', { text: 'Duplicate of the search epic' }));
      const icebox = await pickDecision(rejecting, 'icebox');
      await app.client.viewSubmission(icebox, triageForm(icebox, 'icebox'), { user: 'U_PO' });
      expect((await item(target.id)).status).toBe('icebox');
      await app.rituals.outbox.drain();
      expect(dmsTo('U_CAROL').join()).not.toContain('Duplicate of the search epic');
    });

    it('lets the PO clear a WSJF value or the points once picked ("Not set")', async () => {
      const target = await suggest('Faster builds');
      const { view } = await openTriage();
      const partial = await app.client.viewSubmission(view, acceptValues(view, { businessValue: '8', storyPoints: '5' }), { user: 'U_PO' });
      expect(partial.json.response_action).toBe('errors');
      // Changed their mind: no WSJF and no points after all.
      const none = 'none';
      const response = await app.client.viewSubmission(view, acceptValues(view, { businessValue: none, storyPoints: none }), { user: 'U_PO' });
      expect(response.json.response_action).toBe('update');
      expect(await item(target.id)).toMatchObject({ status: 'backlog', businessValue: null, storyPoints: null });
    });
  });
});
