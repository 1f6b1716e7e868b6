/** Renders the shadow-backlog watch's nudge: an ephemeral message to the author, in place. */
import { buildNudgeMessage } from './messages.js';
import type { RendererRegistry } from '../../outbox/types.js';

export const watchRenderers: RendererRegistry = {
  'watch.nudge': {
    async render({ requestId }, ctx) {
      const request = await ctx.repos.watch.findById(requestId);
      const team = request ? await ctx.repos.teams.findById(request.teamId) : undefined;
      // Sent or dismissed before the nudge went out (e.g. captured with a reaction): nothing to say.
      if (!request || !team || request.outcome !== 'nudged') return null;
      return {
        method: 'chat.postEphemeral',
        args: {
          channel: request.channelId,
          user: request.authorId,
          ...(request.threadTs ? { thread_ts: request.threadTs } : {}),
          ...buildNudgeMessage(team, request),
        },
      };
    },
  },
};
