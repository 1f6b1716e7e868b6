/** Renders sprint, scope and retrospective notifications into Slack calls. */
import { EVENT, RETURNED_AT_CLOSE_REASON } from '../../../domain/events.js';
import { createRetroService } from '../../../domain/retro.js';
import { createSprintsService } from '../../../domain/sprints.js';
import { escapeMrkdwn, mentionChannel, mentionUser } from '../../ui/mrkdwn.js';
import { itemRef } from '../../ui/itemLabels.js';
import { buildRetroInviteMessage, buildRetroSummaryMessage } from './retroScreens.js';
import { buildClosePromptMessage, buildScopeChangeMessage, buildSprintCloseMessage, buildSprintStartMessage } from './screens.js';
import { explainChannelError } from '../../outbox/channelErrors.js';
import type { RenderContext, RendererRegistry } from '../../outbox/types.js';

// Messages render what is stored when they are sent, as of the dispatcher's clock (a sprint may start later than it was planned).
const sprintsOf = (ctx: RenderContext) => createSprintsService({ repos: ctx.repos, clock: () => new Date(ctx.now()) });

async function teamOfSprint(ctx: RenderContext, sprintId: number) {
  const sprint = await ctx.repos.sprints.findById(sprintId);
  const team = sprint ? await ctx.repos.teams.findById(sprint.teamId) : undefined;
  return sprint && team ? { sprint, team } : null;
}

/** Tells the SM (else PO) by DM when the team channel refuses a sprint post. */
async function channelFailureNote(ctx: RenderContext, sprintId: number, error: string) {
  const found = await teamOfSprint(ctx, sprintId);
  if (!found) return null;
  const fix = explainChannelError(error, found.team.teamChannelId);
  const tell = found.team.scrumMasterId ?? found.team.productOwnerId;
  if (!fix || !tell) return null;
  return {
    kind: 'generic.dm' as const,
    userId: tell,
    text: `I couldn't post about ${escapeMrkdwn(found.sprint.name)} in ${mentionChannel(found.team.teamChannelId)}. ${fix}`,
  };
}

export const sprintRenderers: RendererRegistry = {
  'sprint.started': {
    async render({ sprintId }, ctx) {
      const summary = await sprintsOf(ctx).summaryOf(sprintId);
      if (!summary) return null;
      return { method: 'chat.postMessage', args: { channel: summary.team.teamChannelId, ...buildSprintStartMessage(summary), unfurl_links: false } };
    },
    onPermanentFailure: ({ sprintId }, error, ctx) => channelFailureNote(ctx, sprintId, error),
  },
  'sprint.scope_changed': {
    async render({ sprintId, itemId, userId, change, reason }, ctx) {
      const found = await teamOfSprint(ctx, sprintId);
      const item = await ctx.repos.items.findById(itemId);
      if (!found || !item) return null;
      const message = buildScopeChangeMessage({ team: found.team, sprint: found.sprint, item, userId, change, reason });
      return { method: 'chat.postMessage', args: { channel: found.team.teamChannelId, ...message, unfurl_links: false } };
    },
    onPermanentFailure: ({ sprintId }, error, ctx) => channelFailureNote(ctx, sprintId, error),
  },
  'sprint.scope_deferred': {
    async render({ itemId, userId, productOwnerId }, ctx) {
      const item = await ctx.repos.items.findById(itemId);
      const team = item ? await ctx.repos.teams.findById(item.teamId) : undefined;
      if (!item || !team) return null;
      const text = `:lock: ${mentionUser(userId)} asked for *${itemRef(team, item)}* during the locked sprint and agreed to keep it in the product backlog. It is flagged for you to consider when you order the backlog for the next sprint.`;
      return { method: 'chat.postMessage', args: { channel: productOwnerId, text } };
    },
  },
  'sprint.closed': {
    async render({ sprintId, retro }, ctx) {
      const summary = await sprintsOf(ctx).summaryOf(sprintId);
      if (!summary) return null;
      const returnedIds = (await ctx.repos.itemEvents.listForSprint(sprintId))
        .filter((e) => e.kind === EVENT.sprintRemoved && e.reason === RETURNED_AT_CLOSE_REASON)
        .map((e) => e.itemId);
      const returned = await ctx.repos.items.listByIds(returnedIds);
      return {
        method: 'chat.postMessage',
        args: { channel: summary.team.teamChannelId, ...buildSprintCloseMessage(summary, returned, retro), unfurl_links: false },
      };
    },
    onPermanentFailure: ({ sprintId }, error, ctx) => channelFailureNote(ctx, sprintId, error),
  },
  'sprint.close_prompt': {
    async render({ sprintId }, ctx) {
      const found = await teamOfSprint(ctx, sprintId);
      // Closed in the meantime: nothing to prompt.
      if (found?.sprint.status !== 'active') return null;
      return { method: 'chat.postMessage', args: { channel: found.team.teamChannelId, ...buildClosePromptMessage(found.team, found.sprint) } };
    },
    onPermanentFailure: ({ sprintId }, error, ctx) => channelFailureNote(ctx, sprintId, error),
  },
  'retro.invite': {
    async render({ sprintId, userId }, ctx) {
      const found = await teamOfSprint(ctx, sprintId);
      if (!found) return null;
      return { method: 'chat.postMessage', args: { channel: userId, ...buildRetroInviteMessage(found.team, found.sprint) } };
    },
  },
  'retro.summary': {
    async render({ sprintId }, ctx) {
      const { sprint, team, answers, expected } = await createRetroService({ repos: ctx.repos, clock: () => new Date() }).answers(sprintId);
      return {
        method: 'chat.postMessage',
        args: { channel: team.teamChannelId, ...buildRetroSummaryMessage({ sprint, answers, expected: expected.length }) },
      };
    },
    onPermanentFailure: ({ sprintId }, error, ctx) => channelFailureNote(ctx, sprintId, error),
  },
};
