/**
 * Hand-built features of a chat message for the request detector (requestDetector.ts). Each
 * feature is a reason code a person can read (worded at the Slack edge); the weights that combine
 * them are fitted by bench/requestDetector/train.ts. Pure: no network, no model download.
 */

/** What made a message look like a request for work (or not); worded at the Slack edge. */
export const REQUEST_FEATURES = [
  // Signals of a request.
  'polite_ask', // "can you…", "could we…", "can someone…"
  'any_chance', // "any chance…", "is there any way…"
  'is_possible', // "would it be possible…"
  'wish', // "it would be great if…", "would love…"
  'please', // "please", "pls"
  'need', // "we need…", "I need…"
  'deadline', // "by Friday", "asap", "before the launch"
  'work_verb', // add, fix, build, change, export…
  'work_thing', // a button, page, report, endpoint…
  'imperative', // starts with a work verb: "Add a search…", "fix the login…"
  'ask_for_work', // an ask together with a work verb
  'need_work', // a need together with something to build
  'wish_work', // a wish together with something to build
  'addressed', // addressed to someone: "@dave", "hey team"
  // Signals against.
  'thanks',
  'status_update', // "I fixed…", "deployed", "is live"
  'in_progress', // "I'm looking into…", "I'll pick up…"
  'standup_answer', // "yesterday… today… blockers…"
  'social', // lunch, birthdays, weekends
  'already_exists', // "that already exists", "it's in the backlog as R-88"
  'answer', // "you can…", "it's under Settings"
  'meeting_ask', // "can you join the call", "review my PR"
  'info_question', // "where is…", "what time…", "who has…"
  'announcement', // "reminder", "FYI", "heads up"
  'opinion', // "I don't think…", "not sure we need…"
  'short', // a few words
] as const;

export type RequestFeature = (typeof REQUEST_FEATURES)[number];

/** Common misspellings of the words the features look for (people type fast in chat). */
const TYPOS: Record<string, string> = {
  cna: 'can',
  acn: 'can',
  coudl: 'could',
  cuold: 'could',
  culd: 'could',
  cud: 'could',
  woudl: 'would',
  wud: 'would',
  u: 'you',
  ya: 'you',
  yu: 'you',
  pls: 'please',
  plz: 'please',
  pleas: 'please',
  pleae: 'please',
  plase: 'please',
  pleaes: 'please',
  chanse: 'chance',
  chnace: 'chance',
  teh: 'the',
  mak: 'make',
  amke: 'make',
  ad: 'add',
  fxi: 'fix',
  ned: 'need',
  nede: 'need',
  grate: 'great',
  exprot: 'export',
  realy: 'really',
  fixng: 'fixing',
  fixd: 'fixed',
  thx: 'thanks',
  thnx: 'thanks',
  ty: 'thanks',
  im: "i'm",
  lookng: 'looking',
};

const WORK_VERBS = new Set([
  'add',
  'fix',
  'build',
  'make',
  'change',
  'create',
  'update',
  'remove',
  'support',
  'allow',
  'implement',
  'setup',
  'automate',
  'increase',
  'raise',
  'bump',
  'rename',
  'show',
  'export',
  'import',
  'integrate',
  'wire',
  'hook',
  'optimise',
  'optimize',
  'enable',
  'include',
  'translate',
  'sort',
  'filter',
  'get',
  'let',
  'display',
  'validate',
  'limit',
  'move',
  'replace',
  'extend',
  'handle',
  'provide',
  'improve',
  'speed',
  'hide',
  'drop',
  'send',
  'generate',
  'turn',
  'expose',
  'store',
  'track',
  'notify',
  'edit',
  'download',
  'adding',
  'fixing',
  'making',
  'building',
  'changing',
  'creating',
  'updating',
  'removing',
  'supporting',
  'allowing',
  'exporting',
]);

const WORK_THINGS = new Set([
  'export',
  'import',
  'button',
  'page',
  'report',
  'reports',
  'dashboard',
  'feature',
  'option',
  'endpoint',
  'api',
  'field',
  'column',
  'filter',
  'email',
  'emails',
  'integration',
  'setting',
  'settings',
  'toggle',
  'view',
  'form',
  'notification',
  'notifications',
  'bug',
  'mode',
  'widget',
  'alert',
  'banner',
  'csv',
  'pdf',
  'excel',
  'table',
  'search',
  'login',
  'checkout',
  'sso',
  'saml',
  'webhook',
  'invoice',
  'invoices',
  'app',
  'admin',
  'flow',
  'link',
  'menu',
  'dialog',
  'checkbox',
  'dropdown',
  'translations',
  'ui',
  'screen',
  'upload',
  'sorting',
  'pagination',
  'support',
  'tooltip',
  'tooltips',
  'theme',
  'print',
  'portal',
  'editor',
  'status',
  'monitoring',
  'environment',
  'query',
  'job',
  'worker',
  'limit',
  'spinner',
  'layout',
  'error',
  'errors',
  'logo',
  'sidebar',
  'calendar',
  'chart',
  'charts',
  'text',
  'subject',
  'timeout',
  'reminder',
  'reminders',
  'auth',
  'access',
  'password',
  'docs',
  'documentation',
]);

const GREETINGS = new Set(['hey', 'hi', 'hello', 'folks', 'team', 'all', 'everyone', 'guys', 'yo', 'ok', 'so', 'also', 'quick', 'one', 'oh', 'and']);

const WEEKDAYS = '(?:mon|tues|wednes|thurs|fri|satur|sun)day';
const RULES: Record<Exclude<RequestFeature, 'work_verb' | 'work_thing' | 'imperative' | 'ask_for_work' | 'need_work' | 'wish_work' | 'short'>, RegExp> = {
  polite_ask:
    /\b(?:can|could|would|will|can't|cant)\s+(?:you|someone|somebody|anyone|the team|we|you guys|you all|y'all|the \w+ team|u guys)\b(?!\s+(?:believe|imagine|hear|see me))|\bwould you (?:mind|be able)\b|\bcan the team\b|\bcould the team\b|\bcan the app\b|\bcan we (?:have|get|make|add)\b/,
  any_chance: /\bany (?:chance|way)\b|\bis there (?:any|a) way\b/,
  is_possible: /\b(?:would|will|is) it (?:be )?possible\b/,
  wish: /\b(?:it )?(?:would|'d|d) (?:be )?(?:great|nice|awesome|amazing|cool|helpful|lovely|good|grate)\b|\b(?:would|'d) love\b|\bwould help\b|\bit would (?:really )?help\b|\bwould be (?:really |super )?(?:great|nice|awesome|amazing|cool|helpful)\b/,
  please: /\bplease\b|🙏/,
  need: /\b(?:we|i|they|customers|finance|legal|we'll|we'd|we really|i really) (?:really )?(?:need|needs|will need)\b|^need\b|\bneed (?:a|an|the|to be able|some)\b/,
  deadline: new RegExp(
    `\\b(?:by|before|until) (?:${WEEKDAYS}|next ${WEEKDAYS}|next \\w+'s|tomorrow|tonight|eod|eow|end of (?:the )?(?:day|week|month|quarter|sprint)|the \\d{1,2}(?:st|nd|rd|th)|the (?:launch|demo|release|review)|\\w+ launch)|\\basap\\b|\\bthis sprint\\b|\\bnext quarter\\b|\\burgent(?:ly)?\\b`,
  ),
  addressed: /^(?:<@[a-z0-9]+>|@[\w.-]+|hey|hi|hello|folks|team|@here|<!here>|<!channel>)\b/,
  thanks: /\bthanks\b|\bthank you\b|\bappreciated?\b|\bkudos\b|\bshout-?out\b|\bcheers\b/,
  status_update:
    /\b(?:i|we|i've|we've|just)\s+(?:just\s+)?(?:added|fixed|deployed|merged|made|changed|updated|shipped|removed|pushed|rolled|bumped|took care|wrote|closed|decided|hit|renewed|rotated|patched|finished|released|moved|started)\b|\b(?:is|are) (?:live|out|done|deployed|back|green|up|stable|published)\b|\b(?:done|fixed|deployed|merged|resolved|sorted)\b[^?]*$|^(?:update|status|done|fyi)\s*:|\bshould work now\b|\bwent well\b|\bpassed\b/,
  in_progress:
    /\b(?:i'm|i am|im|we're|we are)\s+(?:just\s+)?(?:working|looking|reviewing|testing|heading|pairing|waiting|blocked|going|on|in|out|back|so|not|focusing|checking)\b|\bi'll\b|\bi will\b|\bworking on\b|\blooking into\b|\brn\b|\bchecking\b/,
  standup_answer: /\b(?:yesterday|today|tomorrow)\b|\bblockers?\b|^y:|\bt:|\bb:|\bdid\s*[-:]|\bdoing\s*[-:]|\bstandup\b/,
  social:
    /\b(?:lunch|coffee|pizza|tacos?|birthday|congrats|congratulations|weekend|holidays?|party|dinner|welcome|happy|gm|weather|game|playlist|umbrella|charger|vacation|offsite|meetup|kitchen|heating|raining|christmas|slice)\b|^(?:good )?(?:morning|evening)\b|[🎂🍕🌮☕🎄🍼]/u,
  already_exists: /\balready\b|\bexists\b|\bin the backlog\b|\b[a-z]{1,8}-\d+\b|\btracked\b|\/suggest\b/,
  answer:
    /\byou can\b|\bit's under\b|\bis under\b|\bclick\b|\bby design\b|\bexpected\b|\bnever ?mind\b|\bnvm\b|\bfound (?:it|them)\b|\bgot it\b|\bmight be\b|\bmaybe it's\b|\bcould be\b|\bhave you tried\b|\bdid you try\b/,
  meeting_ask: /\b(?:join|hear me|share your screen|meeting|call\b|review|pair|remind me|send me|grab me|the link to|hdmi|wifi password|free to)\b/,
  info_question: /^(?:what|what's|where|when|when's|who|who's|whos|how|why|is|does|did|has|have|anyone|anybody|does anyone|has anyone)\b/,
  announcement:
    /\b(?:reminder|fyi|heads up|don't forget|please welcome|please fill|please ignore|is moved|moved to|is closed|goes away|rescheduled|all hands|released|is out|are up)\b/,
  opinion: /\bi don't think\b|\bnot sure\b|\bi'd rather\b|\bdecided not\b|\bagree(?:d)?\b|\bsounds good\b|\bmakes sense\b|\bi think\b|\bi love\b/,
};

/** Lowercase, mentions and links folded, typos mapped to the words the rules look for. */
export function normalise(text: string): { text: string; words: string[] } {
  const lowered = text
    .slice(0, 2_000)
    .toLowerCase()
    .replace(/<@[a-z0-9]+(?:\|[^>]*)?>/g, '@someone')
    .replace(/<(?:https?|mailto):[^>]*>/g, ' link ')
    .replace(/[’‘]/g, "'");
  const words = lowered.split(/[^a-z0-9'@#-]+/).filter(Boolean);
  const fixed = words.map((word) => TYPOS[word] ?? word);
  return { text: fixed.join(' '), words: fixed };
}

function firstContentWord(words: readonly string[]): string | undefined {
  for (const word of words) {
    if (word.startsWith('@') || GREETINGS.has(word)) continue;
    return word;
  }
  return undefined;
}

/** The features present in a message, in REQUEST_FEATURES order. */
export function extractFeatures(raw: string): RequestFeature[] {
  const { text, words } = normalise(raw);
  const found = new Set<RequestFeature>();
  for (const [feature, rule] of Object.entries(RULES) as [keyof typeof RULES, RegExp][]) {
    if (rule.test(text)) found.add(feature);
  }
  const hasVerb = words.some((word) => WORK_VERBS.has(word)) || /\bset up\b/.test(text);
  const hasThing = words.some((word) => WORK_THINGS.has(word));
  if (hasVerb) found.add('work_verb');
  if (hasThing) found.add('work_thing');
  const first = firstContentWord(words);
  if (first === 'please' || (first !== undefined && WORK_VERBS.has(first) && first !== 'get' && first !== 'let')) found.add('imperative');
  const asks = found.has('polite_ask') || found.has('any_chance') || found.has('is_possible') || found.has('please');
  // "could we have…", "can I get…": asking for a thing is asking for work even without a verb we know.
  const asksToHave = /\b(?:can|could) (?:we|i) (?:have|get)\b/.test(text);
  const aWay = /\ba (?:way|button|page|report|feature|field|option|setting) (?:to|for)\b/.test(text);
  if ((asks && (hasVerb || hasThing)) || asksToHave) found.add('ask_for_work');
  if (found.has('need') && (hasThing || hasVerb || aWay)) found.add('need_work');
  if (found.has('wish') && (hasThing || hasVerb)) found.add('wish_work');
  if (words.length <= 3) found.add('short');
  return REQUEST_FEATURES.filter((feature) => found.has(feature));
}
