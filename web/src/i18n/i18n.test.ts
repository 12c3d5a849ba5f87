import { describe, expect, it } from 'vitest';
import { en, mergeTrees, nl, type Tree } from './resources';

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of flatten(value, path)) out.set(k, v);
  }
  return out;
}

const variables = (text: string) => [...text.matchAll(/{{\s*(\w+)\s*}}/g)].map((m) => m[1]).sort();

describe('translations', () => {
  const dutch = flatten(nl);
  const english = flatten(en);

  it('nl and en have exactly the same keys', () => {
    expect([...english.keys()].sort()).toEqual([...dutch.keys()].sort());
  });

  it('a key defined in two files is refused', () => {
    expect(() => mergeTrees([{ a: { b: 'x' } }, { a: { b: 'y' } }])).toThrow('a.b');
    expect(mergeTrees([{ a: { b: 'x' } }, { a: { c: 'y' } }])).toEqual({ a: { b: 'x', c: 'y' } });
  });

  it('no text is empty', () => {
    for (const [key, value] of [...dutch, ...english]) expect(value.trim(), key).not.toBe('');
  });

  it('each English text uses the same {{variables}} as the Dutch one', () => {
    for (const [key, value] of dutch) expect(variables(english.get(key) ?? ''), key).toEqual(variables(value));
  });
});
