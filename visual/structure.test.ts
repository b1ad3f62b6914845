import { describe, expect, it } from 'vitest';
import { explainChange, type Structure } from './structure';

const badge = (color: string, text = 'Waiting for review') => ({
  key: 'article.card[0]/span.badge[0]',
  label: 'span.badge.badge--pending',
  text,
  styles: { color, 'border-radius': '999px' },
});
const snapshot = (...nodes: Structure['nodes']): Structure => ({ nodes });

describe('explaining a visual change from two structural snapshots', () => {
  it('names a changed colour on its element with the old and new value', () => {
    expect(explainChange(snapshot(badge('#8a5a00')), snapshot(badge('#b06f00')))).toEqual(['span.badge.badge--pending color #8a5a00 → #b06f00']);
  });

  it('names changed text, added and removed elements', () => {
    const title = { key: 'h3[0]', label: 'h3.card__title', text: 'Refund order', styles: {} };
    const lines = explainChange(snapshot(badge('#8a5a00'), title), snapshot(badge('#8a5a00', 'Pending'), { ...title, key: 'h2[0]', label: 'h2.card__title' }));
    expect(lines).toEqual([
      'span.badge.badge--pending text "Waiting for review" → "Pending"',
      'added h2.card__title "Refund order"',
      'removed h3.card__title "Refund order"',
    ]);
  });

  it('says nothing when the structure is the same (only pixels changed: an image, a canvas)', () => {
    expect(explainChange(snapshot(badge('#8a5a00')), snapshot(badge('#8a5a00')))).toEqual([]);
  });

  it('lists geometry only briefly when something else explains the change', () => {
    const box = (width: string, color: string) => ({ key: 'div[0]', label: 'div.card', styles: { width, color } });
    expect(explainChange(snapshot(box('100px', 'red')), snapshot(box('120px', 'blue')))).toEqual(['div.card color red → blue', 'div.card width 100px → 120px']);
  });
});

describe('the lines of a structural change, rule by rule', () => {
  const p = (index: number, extra: Partial<Structure['nodes'][number]> = {}) => ({ key: `root/p[${index}]`, label: 'p', styles: {}, ...extra });

  it("a changed accessible name is named, unless it is the element's own text", () => {
    expect(explainChange(snapshot(p(0, { name: 'Close' })), snapshot(p(0, { name: 'Dismiss' })))).toEqual(['p accessible name "Close" → "Dismiss"']);
    expect(explainChange(snapshot(p(0, { text: 'Hi', name: 'Hi' })), snapshot(p(0, { text: 'Bye', name: 'Bye' })))).toEqual(['p text "Hi" → "Bye"']);
    expect(explainChange(snapshot(p(0, { name: 'Close' })), snapshot(p(0)))).toEqual(['p accessible name "Close" → ""']);
  });

  it('added and removed elements are named with their text when they have one', () => {
    expect(explainChange(snapshot(), snapshot(p(0, { text: 'New' }), { key: 'root/hr[0]', label: 'hr', styles: {} }))).toEqual(['added p "New"', 'added hr']);
    expect(explainChange(snapshot(p(0, { text: 'Old' })), snapshot())).toEqual(['removed p "Old"']);
  });

  it('a style that appeared or went says "(none)"; texts are quoted on one line, cut at 60 characters', () => {
    expect(explainChange(snapshot(p(0)), snapshot(p(0, { styles: { opacity: '0.5' } })))).toEqual(['p opacity (none) → 0.5']);
    expect(explainChange(snapshot(p(0, { text: 'a\n  b' })), snapshot(p(0, { text: 'x'.repeat(61) })))).toEqual([`p text "a b" → "${'x'.repeat(60)}…"`]);
  });

  it('with nothing else, every moved or resized box is listed; with something else, the first three', () => {
    const boxes = (left: string) => snapshot(...[0, 1, 2, 3].map((index) => p(index, { styles: { left, top: left } })));
    expect(explainChange(boxes('0px'), boxes('5px'))).toHaveLength(8);
    const withText = (left: string, text: string) => snapshot(...boxes(left).nodes, p(9, { text }));
    expect(explainChange(withText('0px', 'a'), withText('5px', 'b'))).toEqual(['p text "a" → "b"', 'p left 0px → 5px', 'p top 0px → 5px', 'p left 0px → 5px']);
    const sized = (width: string) => snapshot(p(0, { styles: { width, height: width, color: width === '1px' ? '#000000' : '#111111' } }));
    expect(explainChange(sized('1px'), sized('2px'))).toEqual(['p color #000000 → #111111', 'p width 1px → 2px', 'p height 1px → 2px']);
  });

  it('past the limit, the rest is counted', () => {
    const many = (text: string) => snapshot(...Array.from({ length: 5 }, (_, index) => p(index, { text: `${text}${index}` })));
    expect(explainChange(many('a'), many('b'), 3)).toEqual(['p text "a0" → "b0"', 'p text "a1" → "b1"', 'p text "a2" → "b2"', 'and 2 more differences']);
    expect(explainChange(many('a'), many('b'), 5)).toHaveLength(5);
  });
});
