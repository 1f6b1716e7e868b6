/** A modal that only says one thing, used by every feature for refusals and "done" notes. */
import type { ModalView } from '@slack/types';
import { truncate } from '../../domain/suggestion.js';
import { INFO_MODAL_CALLBACK } from '../ids.js';
import { plain } from './blocks.js';

/** A one-message modal (e.g. "already captured as R-42", "no team yet"). */
export function buildInfoModal(title: string, mrkdwn: string): ModalView {
  return {
    type: 'modal',
    callback_id: INFO_MODAL_CALLBACK,
    title: plain(title, 24),
    close: plain('Close', 24),
    blocks: [{ type: 'section', text: { type: 'mrkdwn', text: truncate(mrkdwn, 3000) } }],
  };
}
