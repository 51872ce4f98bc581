// Budgets (STYLE.md rule 10, issue 13): no source file over 300 lines and no function over 60 lines, read
// from the TypeScript syntax tree (every function, method, arrow and constructor, nested ones too).
// A hand-unrolled hot kernel may stay one function when the line above it says `// budget: <why>`.

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const SRC = resolve(__dirname, '../src');
const MAX_FILE = 300;
const MAX_FUNCTION = 60;

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

interface Long {
  where: string;
  /** file:function, the key of DEBT. */
  key: string;
  lines: number;
  marked: boolean;
}

/** Over budget today and still to split (issue 13): each may only shrink; a new entry fails, and an entry
 *  that fits again must be removed. */
const DEBT: Record<string, number> = {
  'data/tabular.ts': 330,
  'export/onnx-pipelines.ts:tabularPlan': 73,
  'export/onnx-layers.ts:layerNodes': 71,
  'tasks/model.ts:loadModel': 70,
};

const fnName = (n: ts.Node): string => {
  const named = n as { name?: ts.Node };
  if (named.name) return named.name.getText();
  const p = n.parent;
  if (ts.isVariableDeclaration(p) || ts.isPropertyAssignment(p)) return p.name.getText();
  return '<anonymous>';
};

/** Every function-like node over MAX_FUNCTION lines in a source text. */
export function longFunctions(name: string, text: string): Long[] {
  const sf = ts.createSourceFile(name, text, ts.ScriptTarget.ES2022, true);
  const source = text.split('\n');
  const out: Long[] = [];
  const visit = (n: ts.Node): void => {
    if (ts.isFunctionLike(n) && 'body' in n && n.body) {
      const first = sf.getLineAndCharacterOfPosition(n.getStart()).line;
      const lines = sf.getLineAndCharacterOfPosition(n.end).line - first + 1;
      const above = source[first - 1] ?? '';
      if (lines > MAX_FUNCTION)
        out.push({
          where: `${name}:${first + 1}`,
          key: `${name}:${fnName(n)}`,
          lines,
          marked: /^\s*\/\/ budget: \S/.test(above),
        });
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return out;
}

describe('budgets', () => {
  const sources = files(SRC).map((f) => ({ name: relative(SRC, f), text: readFileSync(f, 'utf8') }));

  it('found the sources', () => expect(sources.length).toBeGreaterThan(100));

  const over = (): { key: string; lines: number }[] => [
    ...sources.map((s) => ({ key: s.name, lines: s.text.split('\n').length })).filter((f) => f.lines > MAX_FILE),
    ...sources.flatMap((s) => longFunctions(s.name, s.text)).filter((l) => !l.marked),
  ];

  it(`no source file is over ${MAX_FILE} lines and no function over ${MAX_FUNCTION}, beyond the recorded debt`, () => {
    const bad = over().filter((o) => !(o.key in DEBT) || o.lines > DEBT[o.key]);
    expect(bad.map((o) => `${o.key} (${o.lines} lines)`)).toEqual([]);
  });

  it('the debt list only holds what is still over budget', () => {
    const still = new Set(over().map((o) => o.key));
    expect(Object.keys(DEBT).filter((k) => !still.has(k))).toEqual([]);
  });

  it('few functions are exempt, each with its reason', () => {
    expect(sources.flatMap((s) => longFunctions(s.name, s.text)).filter((l) => l.marked).length).toBeLessThanOrEqual(3);
  });

  it('mutation: a 61-line function is caught, a marked one is exempt, a 60-line one passes', () => {
    const body = (n: number): string => `function f(): void {\n${'  g();\n'.repeat(n - 2)}}\n`;
    expect(longFunctions('x.ts', body(61)).map((l) => l.lines)).toEqual([61]);
    expect(longFunctions('x.ts', body(60))).toEqual([]);
    expect(longFunctions('x.ts', `// budget: unrolled 4x4 block\n${body(80)}`)[0].marked).toBe(true);
    expect(longFunctions('x.ts', `const h = () => {\n${'  g();\n'.repeat(70)}};\n`)).toHaveLength(1);
  });
});
