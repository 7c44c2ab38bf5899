import { describe, expect, it } from 'vitest';

// Every module of the web app as text, read by Vite at test time (no Node file APIs in the web package).
const sources = import.meta.glob<string>(['./**/*.ts', './**/*.tsx', '!./**/*.test.ts'], {
  query: '?raw',
  import: 'default',
  eager: true,
});

/**
 * The relative modules a source imports statically, `import type` included: a
 * dynamic `import()` is how a route loads a screen lazily, so it is no edge.
 * @example staticImports("import { a } from './a';\nconst b = import('./b');") // ['./a']
 */
export function staticImports(source: string): string[] {
  const found: string[] = [];
  // `import … from '…'`, `export … from '…'` and `import '…'`, each from the start of a line.
  const pattern = /^[ \t]*(?:import|export)\b(?:[^'"`;()]*?\bfrom)?\s*['"]([^'"]+)['"]/gm;
  for (const [, specifier = ''] of source.matchAll(pattern)) {
    if (specifier.startsWith('.')) found.push(specifier);
  }
  return found;
}

/** The module a relative specifier names, as a key of `modules`, or undefined (CSS, assets). */
function resolve(from: string, specifier: string, modules: ReadonlySet<string>): string | undefined {
  const parts = from.split('/').slice(0, -1);
  for (const part of specifier.split('/')) {
    if (part === '..') parts.pop();
    else if (part !== '.') parts.push(part);
  }
  const base = parts.join('/');
  return ['', '.ts', '.tsx', '/index.ts', '/index.tsx'].map((ext) => base + ext).find((p) => modules.has(p));
}

/**
 * The import circles of a graph of modules: each group of modules that can reach one another
 * (a strongly connected component, Tarjan's algorithm), sorted, largest first.
 */
export function importCircles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  const circles: string[][] = [];
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const visit = (module: string) => {
    index.set(module, index.size);
    low.set(module, index.size - 1);
    stack.push(module);
    for (const next of graph.get(module) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(module, Math.min(low.get(module) ?? 0, low.get(next) ?? 0));
      } else if (stack.includes(next)) {
        low.set(module, Math.min(low.get(module) ?? 0, index.get(next) ?? 0));
      }
    }
    if (low.get(module) !== index.get(module)) return;
    const group = stack.splice(stack.indexOf(module));
    if (group.length > 1 || graph.get(module)?.includes(module)) circles.push(group.sort());
  };
  for (const module of [...graph.keys()].sort()) if (!index.has(module)) visit(module);
  return circles.sort((a, b) => b.length - a.length || (a[0] ?? '').localeCompare(b[0] ?? ''));
}

describe('web modules import each other without a circle', () => {
  it('finds the source files', () => {
    expect(Object.keys(sources)).toContain('./app/screens.ts');
    expect(Object.keys(sources).length).toBeGreaterThan(100);
  });

  it('finds a circle when there is one, through `import type` and re-exports too, but not through import()', () => {
    const graph = new Map([
      ['a', ['b']],
      ['b', ['c']],
      ['c', ['a']],
      ['d', ['a']],
    ]);
    expect(importCircles(graph)).toEqual([['a', 'b', 'c']]);
    expect(importCircles(new Map([['a', ['a']]]))).toEqual([['a']]);
    expect(
      importCircles(
        new Map([
          ['a', ['b']],
          ['b', []],
        ]),
      ),
    ).toEqual([]);
    const source = [
      "import type { ScreenParams } from '../../app/screens';",
      'import {',
      '  a,',
      '  b,',
      "} from './ab';",
      "export { c } from './c';",
      "import './styles.css';",
      "import { render } from 'preact';",
      "const Lazy = lazy(() => import('./Screen').then((m) => m.Screen));",
      " * @example import { x } from './not-code';",
    ].join('\n');
    expect(staticImports(source)).toEqual(['../../app/screens', './ab', './c', './styles.css']);
  });

  it('has none in packages/web/src', () => {
    const modules = new Set(Object.keys(sources));
    const graph = new Map<string, string[]>();
    for (const [path, source] of Object.entries(sources)) {
      const targets = staticImports(source).map((s) => resolve(path, s, modules));
      graph.set(
        path,
        targets.filter((t): t is string => t !== undefined),
      );
    }
    expect(importCircles(graph).map((circle) => circle.join(' ⇄ '))).toEqual([]);
  });
});
