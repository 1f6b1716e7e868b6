/**
 * The trigger_ids Slack hands out, as Slack keeps them: one is issued with each slash command,
 * shortcut, button press or submission it sends the app, is good for 3 seconds, and opens
 * (views.open) or pushes (views.push) one view only. See docs.slack.dev/reference/methods/views.open:
 * `expired_trigger_id`, `invalid_trigger_id`, `exchanged_trigger_id`.
 */

/** How long Slack accepts a trigger_id after sending it. */
export const TRIGGER_LIFETIME_MS = 3_000;

export type TriggerRefusal = 'invalid_trigger_id' | 'exchanged_trigger_id' | 'expired_trigger_id';

export class FakeTriggers {
  private readonly issuedAt = new Map<string, number>();
  private readonly exchanged = new Set<string>();

  /** Slack sends a request carrying this trigger_id now (or at `at`, epoch ms). A replayed request does not renew it. */
  issue(triggerId: string, at = Date.now()): void {
    if (!this.issuedAt.has(triggerId)) this.issuedAt.set(triggerId, at);
  }

  /** Why Slack would refuse a view for this trigger_id received at `at`, or null when it is good. */
  refusal(triggerId: string, at = Date.now()): TriggerRefusal | null {
    const issued = this.issuedAt.get(triggerId);
    if (issued === undefined) return 'invalid_trigger_id';
    if (this.exchanged.has(triggerId)) return 'exchanged_trigger_id';
    return at - issued > TRIGGER_LIFETIME_MS ? 'expired_trigger_id' : null;
  }

  /** A view opened with it: the trigger_id is spent. */
  exchange(triggerId: string): void {
    this.exchanged.add(triggerId);
  }

  /** When the trigger_id was issued (epoch ms), if it was. */
  issuedAtOf(triggerId: string): number | undefined {
    return this.issuedAt.get(triggerId);
  }
}
