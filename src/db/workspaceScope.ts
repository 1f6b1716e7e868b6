/**
 * Distribution mode: the workspace a request comes from, for the length of its handling. While it is set, a team of
 * any other workspace cannot be loaded by id (teams.findById answers undefined), so no payload,
 * forged or replayed from another workspace, reaches that workspace's data, whatever handler it
 * goes through. Background work (outbox, scheduler) runs outside any request and sees every team.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

const current = new AsyncLocalStorage<string>();

export const workspaceScope = {
  /** Runs fn as work of the given workspace (its async continuations included). */
  run<T>(slackTeamId: string, fn: () => T): T {
    return current.run(slackTeamId, fn);
  },
  /** Runs fn outside any request's workspace (work that serves every workspace, started from a request). */
  exit<T>(fn: () => T): T {
    return current.exit(fn);
  },
  /** The workspace being served, or undefined outside requests. */
  current(): string | undefined {
    return current.getStore();
  },
};
