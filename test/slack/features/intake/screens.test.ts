import { describe, expect, it } from 'vitest';
import { SUGGEST } from '../../../../src/slack/ids.js';
import { buildCaptureReplyMessage, buildReceiptMessage, buildTriageNoticeMessage } from '../../../../src/slack/features/intake/messages.js';
import { buildSuggestModal } from '../../../../src/slack/features/intake/modals.js';
import { blockProblems, viewProblems } from '../../../helpers/blockKitLimits.js';
import { buildInfoModal } from '../../../../src/slack/ui/infoModal.js';

const huge = `<!channel> ${'x'.repeat(10_000)}`;
const team = { name: huge, itemPrefix: 'R', productOwnerId: 'U_PO' };
const item = {
  number: 42,
  title: huge,
  permalink: 'https://example.slack.com/archives/C1/p1',
  type: 'bug' as const,
  urgency: 'critical' as const,
  requesterId: 'U_A',
  suggestedById: 'U_B',
  details: huge,
  status: 'inbox' as const,
  source: 'reaction' as const,
};

describe('suggest modal', () => {
  it('stays within Slack limits even with huge prefills and many teams', () => {
    const view = buildSuggestModal({
      privateMetadata: 'm',
      title: huge,
      details: huge,
      teamChoices: Array.from({ length: 150 }, (_, i) => ({ id: i + 1, name: `Team ${'y'.repeat(100)} ${i}` })),
      capturedFrom: { authorId: 'U_A', permalink: 'https://example.slack.com/archives/C1/p1' },
    });
    expect(viewProblems(view)).toEqual([]);
    const title = view.blocks.find((b) => b.block_id === SUGGEST.blocks.title) as any;
    expect(Array.from(title.element.initial_value as string)).toHaveLength(150);
  });

  it('info modal within limits', () => {
    expect(viewProblems(buildInfoModal('A very long title that is over 24', huge))).toEqual([]);
  });
});

describe('intake messages', () => {
  it('are within limits and never carry raw user markup', () => {
    for (const message of [
      buildReceiptMessage(team, item),
      buildTriageNoticeMessage(team, item),
      buildCaptureReplyMessage(team, item, { capturedBy: 'U_C', alreadyCaptured: false }),
      buildCaptureReplyMessage(team, item, { capturedBy: 'U_C', alreadyCaptured: true }),
    ]) {
      expect(blockProblems(message.blocks, 'message')).toEqual([]);
      expect(message.text.length).toBeLessThanOrEqual(3000);
      expect(JSON.stringify(message)).not.toContain('<!channel>');
    }
  });

  it('the receipt names the id, title and the PO', () => {
    const receipt = buildReceiptMessage({ name: 'Web', itemPrefix: 'W', productOwnerId: 'U_PO' }, { ...item, title: 'Fix login' });
    expect(receipt.text).toContain('W-42 Fix login');
    expect(JSON.stringify(receipt.blocks)).toContain('<@U_PO>');
  });
});
