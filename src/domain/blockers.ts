/**
 * What a standup's blocker field means. People fill an optional field anyway ("none", "n/a", "-",
 * ":white_check_mark:"); those answers say nothing blocks them and must not open an impediment.
 */

/** Words that alone mean "nothing". */
const NOTHING = new Set([
  'none',
  'nothing',
  'nil',
  'nada',
  'no',
  'nope',
  'na',
  'n/a',
  'n.a',
  'n.a.',
  'null',
  'zero',
  '0',
  'nothing yet',
  'none yet',
  'not really',
]);

/** "no blockers", "no current impediments", "not blocked", "nothing blocking me", "all good"... */
const NO_BLOCKER_PHRASE = new RegExp(
  '^(?:' +
    [
      '(?:no|zero|none|nothing|not any)(?: current| real| new| open)? (?:blockers?|blocking|blocks|impediments?|issues?|problems?|obstacles?)',
      'none (?:so far|for now|today)',
      'nothing (?:so far|for now|today|blocking(?: me| us)?|in my way)',
      'not blocked',
      'nothing is blocking(?: me| us)?',
      'all (?:good|clear|fine)',
    ].join('|') +
    ')(?: (?:so far|for now|today|at the moment|atm|right now|currently|here))?$',
);

/** Emoji people use for "all clear": shortcodes as Slack sends them, and the characters themselves. */
const ALL_CLEAR_EMOJI = new Set([
  'white_check_mark',
  'heavy_check_mark',
  'ballot_box_with_check',
  'check',
  '+1',
  'thumbsup',
  'ok',
  'ok_hand',
  'green_circle',
  'large_green_circle',
  'sunny',
  'smile',
  'slightly_smiling_face',
  'relaxed',
  'tada',
]);
const ALL_CLEAR_CHARACTERS =
  /[\u2705\u2714\u2611\u{1F44D}\u{1F44C}\u{1F197}\u{1F7E2}\u2600\u{1F642}\u{1F604}\u263A\u{1F389}][\u{1F3FB}-\u{1F3FF}\uFE0F\u200D]*/gu;

/** The text without all-clear emoji (":white_check_mark:", ":+1::skin-tone-2:", "👍🏽"). */
function withoutAllClearEmoji(text: string): string {
  return text
    .replace(/:([a-z0-9_+-]+):(?::skin-tone-\d:)?/gi, (match, name: string) => (ALL_CLEAR_EMOJI.has(name.toLowerCase()) ? ' ' : match))
    .replace(ALL_CLEAR_CHARACTERS, ' ');
}

/** Lower case, single spaces, without the punctuation people put around a short answer. */
function normalise(text: string): string {
  return text
    .toLowerCase()
    .replace(/[\u2018\u2019`"'\u201C\u201D]/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^[\s.!,;()[\]*_~]+|[\s.!,;()[\]*_~]+$/g, '');
}

const POLITE_TAIL = /^(?:thanks?|thank you|ty|all good|all clear|so far|for now|today)?$/;

/**
 * True when a blocker answer says that nothing blocks the person: empty, a dash, "none", "N/A.",
 * "No blockers!", "nope", "none, thanks", or only all-clear emoji. Anything else is a real blocker.
 */
export function isNoBlocker(text: string): boolean {
  const plain = normalise(withoutAllClearEmoji(text));
  if (plain === '' || /^[-\u2013\u2014_.~/\\]+$/.test(plain)) return true;
  if (NOTHING.has(plain) || NO_BLOCKER_PHRASE.test(plain)) return true;
  // "None, thanks" / "nope - all good": a short "nothing" followed by a polite tail.
  const [head, ...rest] = plain.split(/\s*[,;:\u2013\u2014-]\s*|\s+/);
  return Boolean(head && NOTHING.has(head) && POLITE_TAIL.test(rest.join(' ')));
}

/** The blocker worth tracking, or '' when the answer means there is none. */
export function meaningfulBlocker(text: string): string {
  const trimmed = text.trim();
  return isNoBlocker(trimmed) ? '' : trimmed;
}
