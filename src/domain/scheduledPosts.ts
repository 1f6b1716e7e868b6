/**
 * Sending scheduled posts (burndowns, weekly and sprint-close digests) once each: a post is claimed
 * before it goes out, marked done after, and given back after a passing failure so the next sweep
 * (a minute later, the same day) tries again. A post whose sending threw keeps its claim until the
 * lease runs out (reports.ts), as after a crash: skipped rather than sent twice.
 */
import type { ReportPublisher } from './ports.js';
import { POST_KIND, type DuePost, type ReportsService } from './reports.js';

/** Hears what the caller should log: a claim given back for a retry, a post whose sending threw. */
export interface ScheduledPostsObserver {
  willRetry(post: DuePost): void;
  failed(post: DuePost, error: unknown): void;
}

export function createScheduledPosts({
  reports,
  publisher,
  observer,
}: {
  reports: ReportsService;
  publisher: ReportPublisher;
  observer: ScheduledPostsObserver;
}) {
  function publish(post: DuePost) {
    if (post.kind === POST_KIND.burndown) return publisher.postBurndown(post.teamId);
    if (post.kind === POST_KIND.weeklyDigest) return publisher.postDigest(post.teamId, { kind: 'weekly' });
    if (post.sprintId !== undefined) return publisher.postDigest(post.teamId, { kind: 'sprint_close', sprintId: post.sprintId });
    return Promise.resolve('skipped' as const);
  }

  /** Claims one post, sends it and marks it done; true when this call sent it. */
  async function sendOnce(post: DuePost): Promise<boolean> {
    if (!(await reports.claim(post))) return false;
    try {
      const outcome = await publish(post);
      if (outcome === 'retry') {
        await reports.release(post);
        observer.willRetry(post);
        return false;
      }
      await reports.markDone(post);
      return outcome !== 'failed' && outcome !== 'skipped';
    } catch (error) {
      observer.failed(post, error);
      return false;
    }
  }

  return {
    sendOnce,

    /** Sends every scheduled post due at `now` and not claimed yet; how many went out. */
    async sendDue(now: Date): Promise<number> {
      let sent = 0;
      for (const post of await reports.duePosts(now)) {
        if (await sendOnce(post)) sent += 1;
      }
      return sent;
    },
  };
}

export type ScheduledPosts = ReturnType<typeof createScheduledPosts>;
