/**
 * Lists promises nobody waits for, which TypeScript itself accepts: an expression statement whose
 * value is a promise (neither awaited, returned nor marked `void`), and a promise-returning callback
 * given to an array method that expects a plain value (`filter`, `some`, `find`, `sort`...).
 * Storage calls answer through promises, so either one is a write that may land after its
 * transaction, or a condition that is always true. CI runs it over src/, test/ and bench/.
 *
 * Usage: tsx scripts/check-floating-promises.ts [paths...]   (exit 1 when anything is found)
 */
import { resolve } from 'node:path';
import ts from 'typescript';

const VALUE_CALLBACK_METHODS = new Set(['filter', 'some', 'every', 'find', 'findIndex', 'findLast', 'findLastIndex', 'sort', 'forEach', 'flatMap', 'reduce']);

const roots = (process.argv.slice(2).length > 0 ? process.argv.slice(2) : ['src', 'test', 'bench', 'scripts']).map((path) => resolve(path));
const configPath = ts.findConfigFile(process.cwd(), ts.sys.fileExists, 'tsconfig.json');
if (!configPath) throw new Error('tsconfig.json not found');
const config = ts.parseJsonConfigFileContent(ts.readConfigFile(configPath, ts.sys.readFile).config, ts.sys, process.cwd());
const program = ts.createProgram(config.fileNames, config.options);
const checker = program.getTypeChecker();

const isPromise = (type: ts.Type): boolean => {
  if (type.isUnion()) return type.types.some(isPromise);
  const then = type.getProperty('then');
  return then !== undefined && type.getProperty('catch') !== undefined;
};

const findings: string[] = [];
const report = (node: ts.Node, message: string): void => {
  const file = node.getSourceFile();
  const { line, character } = file.getLineAndCharacterOfPosition(node.getStart());
  findings.push(`${file.fileName.replace(`${process.cwd()}/`, '')}:${line + 1}:${character + 1} ${message}`);
};

const visit = (node: ts.Node): void => {
  if (ts.isExpressionStatement(node)) {
    const expression = node.expression;
    // An assignment keeps the promise for later; void marks a deliberate fire-and-forget.
    const stored =
      ts.isBinaryExpression(expression) &&
      expression.operatorToken.kind >= ts.SyntaxKind.FirstAssignment &&
      expression.operatorToken.kind <= ts.SyntaxKind.LastAssignment;
    const ignored = stored || ts.isVoidExpression(expression) || ts.isAwaitExpression(expression);
    if (!ignored && isPromise(checker.getTypeAtLocation(expression))) report(node, `promise not awaited: ${expression.getText().slice(0, 80)}`);
  }
  if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && VALUE_CALLBACK_METHODS.has(node.expression.name.text)) {
    const callback = node.arguments[0];
    if (callback && (ts.isArrowFunction(callback) || ts.isFunctionExpression(callback))) {
      const signature = checker.getSignatureFromDeclaration(callback);
      const returned = signature && checker.getReturnTypeOfSignature(signature);
      if (returned && isPromise(returned)) report(callback, `promise-returning callback given to .${node.expression.name.text}()`);
    }
  }
  ts.forEachChild(node, visit);
};

for (const file of program.getSourceFiles()) {
  if (file.isDeclarationFile || !roots.some((root) => file.fileName.startsWith(root))) continue;
  visit(file);
}
for (const finding of findings) console.log(finding);
console.log(`${findings.length} floating promise(s)`);
process.exitCode = findings.length > 0 ? 1 : 0;
