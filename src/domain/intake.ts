/** Intake: every suggestion, from any path, lands in the team's inbox exactly once. */
import type { Repositories } from '../db/repositories/index.js';
import type { Item } from '../db/repositories/items.js';
import type { ItemSource } from '../db/schema.js';
import type { Clock } from './clock.js';
import type { SuggestionInput } from './suggestion.js';
import { serviceKit } from './serviceKit.js';

export interface IntakeOrigin {
  teamId: number;
  source: ItemSource;
  /** Who needs it: the suggester, or the author of a captured message. */
  requesterId: string;
  /** Who sent it to the inbox. */
  suggestedById: string;
  /** Idempotency key of this submission (view id, or the captured message). */
  intakeKey: string;
  permalink?: string | null;
  sourceChannelId?: string | null;
  sourceTs?: string | null;
  /** The permalink is being fetched: hold the triage notice until attachPermalink (or a few seconds). */
  permalinkPending?: boolean;
}

/** How long a triage notice waits for a pending permalink before it goes out without one. */
export const PERMALINK_HOLD_MS = 3_000;

/** Where a capture's confirmation goes: a reply in the captured message's thread. */
export interface CaptureReply {
  channelId: string;
  threadTs: string;
  /** Unique per capture attempt (the Slack event id), so a second capture gets its own reply. */
  attemptKey: string;
}

export interface IntakeResult {
  item: Item;
  /** False when this submission or message was already in the inbox. */
  created: boolean;
}

const triageNoticeKey = (itemId: number) => `triage-notice:${itemId}`;

export function createIntakeService({ repos, clock }: { repos: Repositories; clock: Clock }) {
  const { requireTeam, enqueue, teamTransaction } = serviceKit(repos);

  async function findExisting(origin: IntakeOrigin): Promise<Item | undefined> {
    const byKey = await repos.items.findByIntakeKey(origin.teamId, origin.intakeKey);
    if (byKey) return byKey;
    if (origin.sourceChannelId && origin.sourceTs) {
      return await repos.items.findBySourceMessage(origin.teamId, origin.sourceChannelId, origin.sourceTs);
    }
    return undefined;
  }

  async function insertInboxItem(input: SuggestionInput, origin: IntakeOrigin, at: number): Promise<Item> {
    const number = await repos.teams.allocateItemNumber(origin.teamId);
    const item = await repos.items.insert({
      teamId: origin.teamId,
      number,
      title: input.title,
      details: input.details,
      type: input.type,
      status: 'inbox',
      source: origin.source,
      requesterId: origin.requesterId,
      suggestedById: origin.suggestedById,
      neededBy: input.neededBy,
      urgency: input.urgency,
      permalink: origin.permalink ?? null,
      sourceChannelId: origin.sourceChannelId ?? null,
      sourceTs: origin.sourceTs ?? null,
      intakeKey: origin.intakeKey,
      createdAt: at,
      updatedAt: at,
    });
    // A request the shadow-backlog watch spotted is "sent" whichever path captured it.
    if (origin.sourceChannelId && origin.sourceTs) await repos.watch.markSent(origin.teamId, origin.sourceChannelId, origin.sourceTs, item.id, at);
    await repos.itemEvents.append({
      teamId: origin.teamId,
      itemId: item.id,
      actorId: origin.suggestedById,
      kind: 'created',
      field: 'status',
      toValue: 'inbox',
      reason: origin.source,
      at,
    });
    const team = await repos.teams.findById(origin.teamId);
    if (team?.triageChannelId) {
      const sendAt = origin.permalinkPending ? at + PERMALINK_HOLD_MS : at;
      await enqueue(triageNoticeKey(item.id), { kind: 'suggestion.triage_notice', itemId: item.id, channelId: team.triageChannelId }, sendAt, team.id);
    }
    return item;
  }

  return {
    /** Stores a suggestion from the modal (command or shortcut) and queues the suggester's receipt. */
    async submit(input: SuggestionInput, origin: IntakeOrigin): Promise<IntakeResult> {
      await requireTeam(origin.teamId);
      const at = clock().getTime();
      return await teamTransaction(origin.teamId, async () => {
        const existing = await findExisting(origin);
        if (existing) return { item: existing, created: false };
        const item = await insertInboxItem(input, origin, at);
        await enqueue(
          `receipt:${item.id}:${origin.suggestedById}`,
          { kind: 'suggestion.receipt', itemId: item.id, userId: origin.suggestedById },
          at,
          origin.teamId,
        );
        return { item, created: true };
      });
    },

    /** Stores a captured message (reaction or mention) and queues a reply in its thread. */
    async capture(input: SuggestionInput, origin: IntakeOrigin, reply: CaptureReply): Promise<IntakeResult> {
      await requireTeam(origin.teamId);
      const at = clock().getTime();
      return await teamTransaction(origin.teamId, async () => {
        const existing = await findExisting(origin);
        const item = existing ?? (await insertInboxItem(input, origin, at));
        await enqueue(
          `capture-reply:${reply.attemptKey}`,
          {
            kind: 'capture.thread_reply',
            itemId: item.id,
            channelId: reply.channelId,
            threadTs: reply.threadTs,
            capturedBy: origin.suggestedById,
            alreadyCaptured: Boolean(existing),
          },
          at,
          origin.teamId,
        );
        return { item, created: !existing };
      });
    },

    /** Records the source message's permalink and releases the held triage notice. */
    async attachPermalink(itemId: number, permalink: string | null): Promise<void> {
      const at = clock().getTime();
      await repos.transaction(async () => {
        if (permalink) await repos.items.update(itemId, { permalink, updatedAt: at });
        await repos.outbox.release(triageNoticeKey(itemId), at);
      });
    },

    /** The item a message was already captured as, if any. */
    async findCaptured(teamId: number, channelId: string, ts: string): Promise<Item | undefined> {
      return await repos.items.findBySourceMessage(teamId, channelId, ts);
    },
  };
}

export type IntakeService = ReturnType<typeof createIntakeService>;
