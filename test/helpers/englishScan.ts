/**
 * Finds user-facing English in TypeScript source, so the domain can be held to "codes, not words".
 *
 * Heuristic (tuned on src/domain): split each string or template literal on whitespace (a template's
 * placeholders become "{}"); a token with a letter is a word. The literal is a sentence when it has
 *   - three or more words ("it is done, rejected or merged"), or
 *   - a word and another token, and starts with a capital letter ("Captured message", "Sprint ${n}")
 *     or ends in sentence punctuation (. ! ? :).
 * Not sentences: codes and ids ('sprint.goal_missing', 'ready_override: ${reason}'), single words,
 * formats of placeholders only ('${day} ${month}'), comments (not literals), module specifiers, SQL
 * (templates tagged `sql`, or text starting with a SQL keyword), and the vocabulary the bot *reads*
 * rather than says: literals inside a `new RegExp(...)` (phrases matched in people's messages) and word
 * lists split into a set (`'a an and …'.split(' ')`, stopwords).
 */
import ts from 'typescript';

export interface EnglishHit {
  file: string;
  line: number;
  text: string;
}

const SQL_START = /^\s*(select|insert|update|delete|with|create|alter|drop|pragma)\b/i;
const WORD = /[A-Za-z]/;

/** Whether a piece of literal text reads as a sentence a person would be shown. */
export function looksLikeEnglish(text: string): boolean {
  if (SQL_START.test(text)) return false;
  const tokens = text.split(/\s+/).filter((token) => token.length > 0);
  const words = tokens.filter((token) => WORD.test(token));
  if (words.length >= 3) return true;
  if (words.length === 0 || tokens.length < 2) return false;
  const trimmed = text.trim();
  return /^[A-Z]/.test(trimmed) || /[.!?:]$/.test(trimmed);
}

function literalText(node: ts.Node): string | undefined {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isTemplateExpression(node)) return node.head.text + node.templateSpans.map((span) => `{}${span.literal.text}`).join('');
  return undefined;
}

const isSqlTagged = (node: ts.Node) => ts.isTaggedTemplateExpression(node.parent) && node.parent.tag.getText() === 'sql';

/** Inside the arguments of `new RegExp(...)`: a pattern for people's words, not words to show. */
function isInRegExp(node: ts.Node): boolean {
  for (let at: ts.Node | undefined = node.parent; at; at = at.parent) {
    if (ts.isNewExpression(at) && at.expression.getText() === 'RegExp') return true;
  }
  return false;
}

/** `'a an and …'.split(' ')`: a word list, not a sentence. */
const isSplitWordList = (node: ts.Node) =>
  ts.isPropertyAccessExpression(node.parent) && node.parent.name.text === 'split' && ts.isCallExpression(node.parent.parent);

const isModuleSpecifier = (node: ts.Node) =>
  ts.isImportDeclaration(node.parent) ||
  ts.isExportDeclaration(node.parent) ||
  (ts.isCallExpression(node.parent) && node.parent.expression.kind === ts.SyntaxKind.ImportKeyword);

/** Every sentence-like literal in one file's source. */
export function findEnglish(file: string, source: string): EnglishHit[] {
  const sourceFile = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true);
  const hits: EnglishHit[] = [];
  const visit = (node: ts.Node): void => {
    const text = literalText(node);
    const exempt = text === undefined || isSqlTagged(node) || isModuleSpecifier(node) || isInRegExp(node) || isSplitWordList(node);
    if (!exempt && looksLikeEnglish(text)) {
      hits.push({ file, line: sourceFile.getLineAndCharacterOfPosition(node.getStart()).line + 1, text });
    }
    // A template's parts are read as one text above; don't visit them again.
    if (!ts.isTemplateExpression(node)) ts.forEachChild(node, visit);
    else for (const span of node.templateSpans) visit(span.expression);
  };
  visit(sourceFile);
  return hits;
}
