import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import ts from 'typescript';
import { localeDefinitions } from '../../src/shared/locale-registry.js';

/** Looks like a language tag: "nl", "ar", "nl-NL", "pt_BR". */
const tagLike = /^[a-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*$/;
/** The other side of a comparison is about a language when its text names one. */
const aboutLanguage = /locale|lng|lang|language|taal/i;

export interface Allowed {
  readonly file: string;
  readonly literal: string;
  /** Why this literal is not a locale (shown in the test, read by reviewers). */
  readonly reason: string;
}

/**
 * Every place below `root` (a src/ tree) that knows a language by a literal instead of asking the registry:
 * (1) a string literal that is a shipped locale code or tag, anywhere outside the registry;
 * (2) a comparison (===, !==, ==, !=, switch case) of a tag-like literal with a locale-ish expression, shipped or not.
 * Lines are `file:line: message`, file relative to `root`'s parent.
 */
export async function findLocaleLiterals(root: string, allowed: readonly Allowed[] = []): Promise<string[]> {
  const shipped = new Set(localeDefinitions().flatMap((l) => [l.code, l.tag]));
  const findings: string[] = [];
  const base = path.dirname(root);
  for (const file of await sourceFiles(root)) {
    const rel = path.relative(base, file).split(path.sep).join('/');
    if (rel.endsWith('shared/locale-registry.ts')) continue;
    const source = ts.createSourceFile(file, await readFile(file, 'utf8'), ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
    const at = (node: ts.Node): string => `${rel}:${source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1}`;
    const isAllowed = (literal: string): boolean => allowed.some((a) => a.file === rel && a.literal === literal);
    const reported = new Set<ts.Node>();
    const compared = (literal: ts.Node, other: ts.Node): void => {
      if (!ts.isStringLiteralLike(literal) || !tagLike.test(literal.text) || !aboutLanguage.test(other.getText(source))) return;
      if (isAllowed(literal.text)) return;
      reported.add(literal);
      findings.push(`${at(literal)}: compares a locale to the literal '${literal.text}' (ask the locale registry)`);
    };
    const visit = (node: ts.Node): void => {
      if (ts.isBinaryExpression(node)) {
        const op = node.operatorToken.kind;
        if (op === ts.SyntaxKind.EqualsEqualsEqualsToken || op === ts.SyntaxKind.ExclamationEqualsEqualsToken || op === ts.SyntaxKind.EqualsEqualsToken || op === ts.SyntaxKind.ExclamationEqualsToken) {
          compared(node.left, node.right);
          compared(node.right, node.left);
        }
      }
      if (ts.isCaseClause(node) && ts.isSwitchStatement(node.parent.parent)) compared(node.expression, node.parent.parent.expression);
      if (ts.isStringLiteralLike(node) && shipped.has(node.text) && !reported.has(node) && !isAllowed(node.text) && !ts.isImportDeclaration(node.parent)) {
        findings.push(`${at(node)}: the locale literal '${node.text}' (ask the locale registry)`);
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return findings;
}

async function sourceFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await sourceFiles(full)));
    else if (/\.(ts|js)$/.test(entry.name) && !entry.name.endsWith('.d.ts')) out.push(full);
  }
  return out.sort();
}
