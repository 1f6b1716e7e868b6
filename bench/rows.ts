/**
 * What `npm run bench` measures. A row names its target process, prepares once (`setup`), then
 * builds its i-th request; the runner warms it up, drives it at each concurrency and compares it
 * with its baseline row. To add a row (say /backlog with 100,000 items): add a task to
 * appWorker.ts that seeds the items, and a row whose setup calls it and whose request sends the
 * command.
 */
import { SUGGEST } from '../src/slack/ids.js';
import { selectValue, textValue } from '../test/helpers/signedClient.js';
import type { Worker } from './ipc.js';
import type { PayloadBuilder, SlackRequest } from './load.js';

export interface BenchContext {
  app: Worker<{ port: number }>;
  reference: Worker<{ port: number }>;
  slack: Worker<{ apiUrl: string }>;
  payloads: PayloadBuilder;
  /** Sends one signed request to a target and returns its HTTP status. */
  sendOnce(target: Target, request: SlackRequest): Promise<number>;
}

export type Target = 'app' | 'reference';

export interface LoadRow<State = unknown> {
  name: string;
  target: Target;
  /** The row this one is compared with at the same concurrency; null for the yardstick itself. */
  baseline: string | null;
  setup?(ctx: BenchContext): Promise<State>;
  /** The i-th request (i grows across warm-up and every run of the row, so ids never repeat). */
  request(ctx: BenchContext, state: State, i: number): Promise<SlackRequest>;
}

const defineRow = <State>(row: LoadRow<State>): LoadRow => row as LoadRow;

const suggestCommand = (ctx: BenchContext, i: number) => ctx.payloads.build((client) => client.command('/suggest', `Export times out #${i}`));

const REFERENCE = 'reference Bolt: /suggest';

export const rows: LoadRow[] = [
  defineRow({ name: REFERENCE, target: 'reference', baseline: null, request: (ctx, _state, i) => suggestCommand(ctx, i) }),

  defineRow({ name: '/suggest (ack + views.open)', target: 'app', baseline: REFERENCE, request: (ctx, _state, i) => suggestCommand(ctx, i) }),

  // The smallest request behind route middleware: commandTeam resolves the channel's team, then /poker answers its usage.
  defineRow({
    name: '/poker usage (team resolved, ephemeral reply)',
    target: 'app',
    baseline: REFERENCE,
    request: (ctx) => ctx.payloads.build((client) => client.command('/poker', '')),
  }),

  defineRow<{ privateMetadata: string }>({
    name: '/suggest submission (validate, write, receipt)',
    target: 'app',
    baseline: REFERENCE,
    async setup(ctx) {
      // The sealed private_metadata comes from a modal the app really opened.
      const status = await ctx.sendOnce('app', await suggestCommand(ctx, 0));
      if (status !== 200) throw new Error(`/suggest answered ${status}`);
      await ctx.app.call('settle');
      const open = await ctx.slack.call<{ args: { view: { private_metadata: string } } } | null>('lastCall', 'views.open');
      if (!open) throw new Error('the app did not open the suggestion modal');
      return { privateMetadata: open.args.view.private_metadata };
    },
    request: (ctx, state, i) =>
      ctx.payloads.build((client) =>
        client.viewSubmission(
          { callback_id: SUGGEST.callbackId, private_metadata: state.privateMetadata, id: `VBENCH${i}` },
          {
            [SUGGEST.blocks.title]: { [SUGGEST.action]: textValue(`Export times out for large workspaces #${i}`) },
            [SUGGEST.blocks.details]: { [SUGGEST.action]: textValue('CSV export of 50,000 rows fails after 30 s.') },
            [SUGGEST.blocks.type]: { [SUGGEST.action]: selectValue('bug') },
            [SUGGEST.blocks.neededBy]: { [SUGGEST.action]: textValue('Support, 12 tickets a week') },
            [SUGGEST.blocks.urgency]: { [SUGGEST.action]: selectValue(null) },
          },
        ),
      ),
  }),

  defineRow({
    name: 'reaction capture (event)',
    target: 'app',
    baseline: REFERENCE,
    request: (ctx, _state, i) =>
      ctx.payloads.build((client) =>
        client.event({
          type: 'reaction_added',
          user: 'U_ALICE',
          reaction: 'inbox_tray',
          item_user: 'U_BOB',
          item: { type: 'message', channel: 'C_TEAM', ts: `${1_800_000_000 + i}.000100` },
        }),
      ),
  }),
];
