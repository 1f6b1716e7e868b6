/**
 * Route middleware that resolves, once, the workspace a request comes from and the team it is
 * about into Bolt's context (context.workspace, context.team), or answers for the handler when there
 * is none. A team id that comes from the person's client (sealed metadata, a button's value) only
 * finds a team of the request's own workspace, so no handler checks workspaces by hand.
 */
import type { AllMiddlewareArgs, SlackActionMiddlewareArgs, SlackCommandMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import type { z } from 'zod';
import type { Team } from '../../db/repositories/teams.js';
import type { SlackDeps } from '../deps.js';
import type { RouteMiddleware } from '../router.js';
import { teamForCommand } from '../teamForCommand.js';

/** What a team middleware has put in the context when the handler runs. */
export interface TeamContext {
  /** The Slack workspace (team id) of the person making the request. */
  workspace: string;
  team: Team;
}

/** TeamContext, and the view's sealed private_metadata the team came from. */
export interface SealedTeamContext<T> extends TeamContext {
  sealed: T;
}

interface PayloadOrigin {
  team_id?: string;
  team?: { id?: string } | null;
  user?: { team_id?: string };
}

/**
 * The workspace of the person making a request, as the payload says: an interaction's team (null on
 * an org-wide install, then the person's own), else the top-level team_id of commands and events.
 */
export function workspaceOf(body: PayloadOrigin): string {
  return body.team?.id ?? body.user?.team_id ?? body.team_id ?? '';
}

/** The team with this id if it belongs to the workspace; another workspace's team is no team. */
export async function teamOfWorkspace(deps: Pick<SlackDeps, 'repos'>, teamId: number | undefined, workspace: string): Promise<Team | undefined> {
  const team = teamId === undefined ? undefined : await deps.repos.teams.findById(teamId);
  return team?.slackTeamId === workspace ? team : undefined;
}

/**
 * A slash command's team (its channel's, the one team the person owns, or the one they pick from
 * buttons that run the command again), or the reply that says why there is none.
 */
export function commandTeam(deps: Pick<SlackDeps, 'repos'>): RouteMiddleware<SlackCommandMiddlewareArgs, TeamContext> {
  return async ({ command, ack, context, next }) => {
    const found = await teamForCommand(deps, command);
    if ('text' in found) {
      await ack({ response_type: 'ephemeral', ...found });
      return;
    }
    context.workspace = command.team_id;
    context.team = found.team;
    await next();
  };
}

type ViewOrActionArgs = SlackViewMiddlewareArgs | SlackActionMiddlewareArgs;

/**
 * The team named by the view's sealed private_metadata (HMAC checked, then schema), with the
 * metadata itself; `refuse` answers the request when the metadata is not ours or names no team of
 * this workspace.
 */
export function sealedTeam<Args extends ViewOrActionArgs, S extends z.ZodType<{ teamId: number }>>(
  deps: Pick<SlackDeps, 'repos' | 'seal'>,
  schema: S,
  refuse: (args: Args & AllMiddlewareArgs) => Promise<void>,
): RouteMiddleware<Args, SealedTeamContext<z.infer<S>>> {
  return async (args) => {
    const { body, context, next } = args;
    const view = (body as { view?: { private_metadata?: unknown } }).view;
    const sealed = view ? deps.seal.open(view.private_metadata, schema) : null;
    const workspace = workspaceOf(body);
    const team = sealed ? await teamOfWorkspace(deps, sealed.teamId, workspace) : undefined;
    if (!sealed || !team) {
      await refuse(args);
      return;
    }
    context.workspace = workspace;
    context.team = team;
    context.sealed = sealed;
    await next();
  };
}

/** The team whose id is the pressed button's value, in this workspace; `refuse` answers when there is none. */
export function buttonTeam<Args extends SlackActionMiddlewareArgs>(
  deps: Pick<SlackDeps, 'repos'>,
  refuse: (args: Args & AllMiddlewareArgs) => Promise<void>,
): RouteMiddleware<Args, TeamContext> {
  return async (args) => {
    const { body, context, next } = args;
    const value = Number((body.type === 'block_actions' ? (body.actions[0] as { value?: string } | undefined)?.value : undefined) ?? '');
    const workspace = workspaceOf(body);
    const team = Number.isInteger(value) ? await teamOfWorkspace(deps, value, workspace) : undefined;
    if (!team) {
      await refuse(args);
      return;
    }
    context.workspace = workspace;
    context.team = team;
    await next();
  };
}

/** A handler's arguments behind a team middleware: context.workspace and context.team are set. */
export type WithTeam<Args> = Args & AllMiddlewareArgs<TeamContext>;

/** A handler's arguments behind sealedTeam: the team and the sealed metadata it came from. */
export type WithSealedTeam<Args, T> = Args & AllMiddlewareArgs<SealedTeamContext<T>>;

/** A refusal that only acknowledges (a button whose form went stale: nothing to say). */
export const acknowledgeOnly = async ({ ack }: { ack: () => Promise<void> }): Promise<void> => ack();

/** A refusal of a view submission: the text under the block, as Slack shows input errors. */
export const formError =
  (blockId: string, text: string) =>
  async ({ ack }: SlackViewMiddlewareArgs<ViewSubmitAction>): Promise<void> =>
    ack({ response_action: 'errors', errors: { [blockId]: text } });
