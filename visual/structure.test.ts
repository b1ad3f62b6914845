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
