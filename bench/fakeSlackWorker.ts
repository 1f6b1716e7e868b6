/**
 * The fake Slack in its own process, so its CPU is not charged to the app under test. It keeps
 * per-method counts instead of every call (a long run would otherwise grow without bound).
 */
import { startFakeSlack, type RecordedCall } from '../test/helpers/fakeSlack.js';
import { serveTasks } from './ipc.js';

const slack = await startFakeSlack();
for (const id of ['U_ALICE', 'U_BOB', 'U_PO', 'U_SM']) slack.addUser({ id, tz: 'Europe/Berlin' });

// The load generator runs in another process and cannot tell this fake when it sent each trigger_id,
// so one counts as issued when its view call arrives: still one view per trigger_id, and the 3 s are
// not what these rows measure. Without this every views.open was refused as invalid_trigger_id.
const refusal = slack.triggers.refusal.bind(slack.triggers);
slack.triggers.refusal = (triggerId, at = Date.now()) => {
  slack.triggers.issue(triggerId, at);
  return refusal(triggerId, at);
};

// Every reacted-to message exists: answer history with the message asked for, in O(1).
slack.on('conversations.history', (args) => ({
  ok: true,
  messages: [{ type: 'message', ts: String(args.latest), user: 'U_BOB', text: `Bench message ${String(args.latest)}: the export times out` }],
  has_more: false,
}));

const counts: Record<string, { ok: number; failed: number }> = {};
const lastCall: Record<string, RecordedCall> = {};
function tally(): void {
  for (const call of slack.calls) {
    const entry = counts[call.method] ?? { ok: 0, failed: 0 };
    counts[call.method] = entry;
    if (call.status === 200 && call.response.ok) entry.ok += 1;
    else entry.failed += 1;
    lastCall[call.method] = call;
  }
  slack.calls.length = 0;
  slack.messages.clear();
}
setInterval(tally, 250).unref();

serveTasks(
  {
    counts: () => {
      tally();
      return counts;
    },
    lastCall: (method: string) => {
      tally();
      return lastCall[method] ?? null;
    },
    resetCounts: () => {
      tally();
      for (const key of Object.keys(counts)) delete counts[key];
    },
  },
  { apiUrl: slack.apiUrl },
);
