/**
 * Slack has no public Block Kit JSON Schema, so the fake Slack checks the documented limits that
 * bite (see ../shared/slack-platform.md) and answers like Slack would: ok:false, invalid_blocks.
 */
type Json = Record<string, unknown>;

function textOf(value: unknown): string {
  return value && typeof value === 'object' && typeof (value as Json).text === 'string' ? ((value as Json).text as string) : '';
}

const len = (text: string) => Array.from(text).length;

function checkElement(element: Json, where: string, problems: string[]): void {
  if (typeof element.action_id === 'string' && element.action_id.length > 255) problems.push(`${where}: action_id > 255`);
  if (element.type === 'button') {
    if (len(textOf(element.text)) > 75) problems.push(`${where}: button text > 75`);
    if (typeof element.value === 'string' && element.value.length > 2000) problems.push(`${where}: button value > 2000`);
  }
  const options = (element.options ?? []) as Json[];
  if (Array.isArray(options)) {
    if (options.length > 100) problems.push(`${where}: > 100 options`);
    if ((element.type === 'checkboxes' || element.type === 'radio_buttons') && options.length > 10)
      problems.push(`${where}: > 10 ${String(element.type)} options`);
    if (element.type === 'overflow' && options.length > 5) problems.push(`${where}: > 5 overflow options`);
    for (const option of options) {
      if (len(textOf(option.text)) > 75) problems.push(`${where}: option text > 75`);
      if (typeof option.value === 'string' && option.value.length > 75) problems.push(`${where}: option value > 75`);
    }
  }
  if (element.type === 'plain_text_input' && typeof element.initial_value === 'string' && len(element.initial_value) > 3000) {
    problems.push(`${where}: initial_value > 3000`);
  }
  if (len(textOf(element.placeholder)) > 150) problems.push(`${where}: placeholder > 150`);
}

/** Problems with a blocks array for a surface: [] when Slack would accept it. */
export function blockProblems(blocks: unknown, surface: 'message' | 'modal' | 'home'): string[] {
  if (blocks === undefined) return [];
  if (!Array.isArray(blocks)) return ['blocks is not an array'];
  const problems: string[] = [];
  const max = surface === 'message' ? 50 : 100;
  if (blocks.length > max) problems.push(`${blocks.length} blocks > ${max}`);
  const blockIds = new Set<string>();
  blocks.forEach((raw, index) => {
    const block = raw as Json;
    const where = `blocks[${index}] (${String(block.type)})`;
    if (typeof block.block_id === 'string') {
      if (block.block_id.length > 255) problems.push(`${where}: block_id > 255`);
      if (blockIds.has(block.block_id)) problems.push(`${where}: duplicate block_id ${block.block_id}`);
      blockIds.add(block.block_id);
    }
    if (block.type === 'section') {
      const text = textOf(block.text);
      if (block.text && (len(text) < 1 || len(text) > 3000)) problems.push(`${where}: text length ${len(text)} not in 1..3000`);
      const fields = (block.fields ?? []) as Json[];
      if (fields.length > 10) problems.push(`${where}: > 10 fields`);
      for (const field of fields) if (len(textOf(field)) > 2000) problems.push(`${where}: field > 2000`);
      if (block.accessory) checkElement(block.accessory as Json, where, problems);
      if (!block.text && fields.length === 0) problems.push(`${where}: needs text or fields`);
    }
    if (block.type === 'header' && len(textOf(block.text)) > 150) problems.push(`${where}: header > 150`);
    if (block.type === 'context') {
      const elements = (block.elements ?? []) as Json[];
      if (elements.length < 1 || elements.length > 10) problems.push(`${where}: ${elements.length} elements not in 1..10`);
      for (const element of elements) if (len(textOf(element)) > 3000) problems.push(`${where}: element text > 3000`);
    }
    if (block.type === 'actions') {
      const elements = (block.elements ?? []) as Json[];
      if (elements.length < 1 || elements.length > 25) problems.push(`${where}: ${elements.length} elements not in 1..25`);
      for (const [i, element] of elements.entries()) checkElement(element, `${where}.elements[${i}]`, problems);
    }
    if (block.type === 'input') {
      if (surface === 'message') problems.push(`${where}: input blocks are for modals`);
      if (len(textOf(block.label)) > 2000) problems.push(`${where}: label > 2000`);
      if (block.element) checkElement(block.element as Json, where, problems);
    }
    if (block.type === 'image') {
      if (typeof block.alt_text !== 'string' || block.alt_text.length > 2000) problems.push(`${where}: alt_text`);
    }
  });
  return problems;
}

/** Problems with a modal or home view. */
export function viewProblems(view: unknown): string[] {
  if (!view || typeof view !== 'object') return ['view missing'];
  const v = view as Json;
  const problems = blockProblems(v.blocks, v.type === 'home' ? 'home' : 'modal');
  if (v.type === 'modal') {
    for (const key of ['title', 'submit', 'close']) {
      if (v[key] && len(textOf(v[key])) > 24) problems.push(`${key} > 24 chars`);
    }
    if (!v.title) problems.push('modal without title');
  }
  if (typeof v.private_metadata === 'string' && v.private_metadata.length > 3000) problems.push('private_metadata > 3000');
  if (typeof v.callback_id === 'string' && v.callback_id.length > 255) problems.push('callback_id > 255');
  if (JSON.stringify(v).length > 250_000) problems.push('view_too_large');
  return problems;
}
