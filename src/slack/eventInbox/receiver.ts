/**
 * Persist before ack. Bolt's receivers hand every request to app.processEvent, which acknowledges an
 * Events API delivery before any middleware runs: an event waiting after that lived in memory only,
 * and a crash lost it (Slack does not resend what it saw acked). This receiver wraps Bolt's own (HTTP
 * or Socket Mode) and hands it an app whose processEvent first writes an event_callback to the inbox
 * and acks only once the row is stored; the inbox worker runs it through the real processEvent later.
 *
 * When the write fails, processEvent throws and nothing is acked: the HTTP receiver answers 500 and
 * the Socket Mode receiver leaves the envelope unacked, so Slack retries either way. A redelivery
 * (an event_id already in the inbox) is acked and dropped. Every other request (commands, actions,
 * views, options, function_executed, whose ack is the listener's) goes straight to the app.
 */
import type { App, Receiver, ReceiverEvent } from '@slack/bolt';
import type { AppLogger } from '../../logger.js';

/** An Events API envelope as Slack sends it (only what the inbox reads). */
export interface EventEnvelope {
  type: 'event_callback';
  event_id: string;
  event?: { type?: unknown };
}

/** Where deliveries are stored before their ack. */
export interface InboxGate {
  /** Stores the delivery; false when its event_id was stored before (a redelivery). Throws when it cannot be stored. */
  accept(body: EventEnvelope): Promise<boolean>;
}

/** The deliveries the inbox takes: Events API callbacks whose ack is not left to a listener. */
export function isInboxEvent(body: unknown): body is EventEnvelope {
  const envelope = body as Partial<EventEnvelope> | null;
  return (
    typeof envelope === 'object' &&
    envelope !== null &&
    envelope.type === 'event_callback' &&
    typeof envelope.event_id === 'string' &&
    // function_executed is acked by its listener (Bolt leaves it to them): not ours to ack.
    envelope.event?.type !== 'function_executed'
  );
}

/** What App reads off its receiver besides the Receiver methods: the OAuth installer (distribution mode). */
type InnerReceiver = Receiver & { installer?: unknown };

export class InboxReceiver implements Receiver {
  constructor(
    private readonly inner: InnerReceiver,
    private readonly gate: InboxGate,
    private readonly logger: Pick<AppLogger, 'debug'>,
  ) {}

  /** App takes the authorize of an OAuth installer from its receiver at init(). */
  get installer(): unknown {
    return this.inner.installer;
  }

  init(app: App): void {
    // The inner receiver only ever calls processEvent on the app it is given.
    const front = { processEvent: (event: ReceiverEvent) => this.receive(app, event) };
    this.inner.init(front as unknown as App);
  }

  // biome-ignore lint/suspicious/noExplicitAny: Receiver's own signature (each receiver takes its own start arguments).
  start(...args: any[]): Promise<unknown> {
    return this.inner.start(...args);
  }

  // biome-ignore lint/suspicious/noExplicitAny: as start.
  stop(...args: any[]): Promise<unknown> {
    return this.inner.stop(...args);
  }

  private async receive(app: App, event: ReceiverEvent): Promise<void> {
    if (!isInboxEvent(event.body)) return app.processEvent(event);
    // Throws when the row cannot be written: no ack, so Slack delivers it again.
    const fresh = await this.gate.accept(event.body);
    if (!fresh) this.logger.debug(`skipping duplicate event ${event.body.event_id}`);
    await event.ack();
  }
}
