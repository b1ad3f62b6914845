import { describe, expect, it } from 'vitest';
import { canonical, causeId, explainCauses } from './causes';
import type { Structure, StructureNode, StyleRule } from './structure';

const node = (key: string, label: string, styles: Record<string, string>, extra: Partial<StructureNode> = {}): StructureNode => ({
  key,
  label,
  styles,
  ...extra,
});
const rule = (key: string, declarations: Record<string, string>): StyleRule => ({ key, declarations });

/** A card holding a badge: the badge's padding comes from `.badge`, its colour from the token `--warn`. */
function card(options: { padding?: string; warn?: string; badgeWidth?: string; buttonLeft?: string; text?: string } = {}): Structure {
  const { padding = '0.25rem 0.5rem', warn = '#8a5a00', badgeWidth = '77px', buttonLeft = '790px', text = 'Waiting for review' } = options;
  return {
    rules: [
      rule(':root', { '--warn': warn, '--unused': '#123456' }),
      rule('.card', { 'overflow-wrap': 'anywhere' }),
      rule('.badge', { padding, color: 'var(--warn)' }),
    ],
    nodes: [
      node('root', 'div', { color: '#111111' }),
      node('root/article.card[0]', 'article.card', { color: '#111111', width: '900px' }, { rules: ['.card'] }),
      node(
        'root/article.card[0]/span.badge[0]',
        'span.badge',
        { color: warn, padding: padding.replace('0.5rem', '8px'), width: badgeWidth },
        { rules: ['.badge'], text },
      ),
      node('root/article.card[0]/button[0]', 'button', { color: '#111111', left: buttonLeft }, { text: 'Approve' }),
    ],
  };
}

describe('naming the cause of a visual change', () => {
  it('names the rule and declaration that changed, and lists moved and resized boxes as its consequences', () => {
    const { causes, consequences } = explainCauses(card(), card({ padding: '0.25rem 0.45rem', badgeWidth: '75px', buttonLeft: '792px' }));
    expect(causes.map((c) => c.text)).toEqual(['rule .badge: padding 0.25rem 0.5rem → 0.25rem 0.45rem']);
    expect(consequences).toContain('span.badge width 77px → 75px');
    expect(consequences).toContain('button left 790px → 792px');
  });

  it('names a token that changed once, not every element painted with it', () => {
    const { causes } = explainCauses(card(), card({ warn: '#ff00ff' }));
    expect(causes.map((c) => c.text)).toEqual(['token --warn #8a5a00 → #ff00ff (rule :root)']);
  });

  it('does not blame a token that no rule of the capture reads', () => {
    const before = card();
    const after = card();
    after.rules = after.rules?.map((r) => (r.key === ':root' ? rule(':root', { ...r.declarations, '--unused': '#654321' }) : r));
    expect(explainCauses(before, after).causes).toEqual([]);
  });

  it('follows a token defined from another token to the elements that read it', () => {
    const chained = (accent: string): Structure => ({
      rules: [rule(':root', { '--accent': accent, '--link': 'var(--accent)' }), rule('a', { color: 'var(--link)' })],
      nodes: [node('root', 'div', { color: '#000000' }), node('root/a[0]', 'a', { color: accent }, { rules: ['a'] })],
    });
    expect(explainCauses(chained('#0000ff'), chained('#ff0000')).causes.map((c) => c.text)).toEqual(['token --accent #0000ff → #ff0000 (rule :root)']);
  });

  it('names a change the capture shows before one to a state nobody is in (:hover)', () => {
    const tab = (accent: string): Structure => ({
      rules: [
        { key: '.tab:hover', declarations: { color: accent }, unshown: true },
        rule('.tab', { color: accent, 'box-shadow': `${accent} 0px -3px 0px 0px inset` }),
      ],
      nodes: [node('root', 'div', { color: '#000000' }), node('root/button.tab[0]', 'button.tab', { color: accent }, { rules: ['.tab:hover', '.tab'] })],
    });
    const { causes } = explainCauses(tab('rgb(2, 156, 253)'), tab('rgb(255, 0, 255)'));
    expect(causes.map((c) => c.text)).toEqual([
      'rule .tab: color rgb(2, 156, 253) → rgb(255, 0, 255)',
      'rule .tab: box-shadow rgb(2, 156, 253) 0px -3px 0px 0px inset → rgb(255, 0, 255) 0px -3px 0px 0px inset',
      'rule .tab:hover: color rgb(2, 156, 253) → rgb(255, 0, 255)',
    ]);
  });

  it('names first the change that covers most of the capture (a background), then by how many elements show it, then one nobody shows (a focus ring)', () => {
    const card = (ring: string, fg: string, outline: string, background: string): Structure => ({
      rules: [
        rule('⟨div #2⟩', {
          '--card-focus-ring-color': ring,
          '--card-fg-color': fg,
          '--card-outline-color': outline,
          '--card-bg-color': background,
          'background-color': 'var(--card-bg-color)',
          color: 'var(--card-fg-color)',
        }),
        rule('⟨div #2⟩[data-as="button"]', { 'box-shadow': '0 0 0 1px var(--card-focus-ring-color)' }),
        rule('⟨div #3⟩', { 'box-shadow': '0 0 0 1px var(--card-outline-color)' }),
      ],
      nodes: [
        node('root', 'div', { color: '#000000', width: '900px', height: '300px' }),
        node('root/div[0]', 'div', { 'background-color': background, color: fg, width: '900px', height: '300px' }, { rules: ['⟨div #2⟩'] }),
        // Two outlined boxes, whose text colour is their parent's, passed down.
        ...[0, 1].map((index) =>
          node(
            `root/div[0]/div[${index}]`,
            'div',
            { 'box-shadow': `${outline} 0px 0px 0px 1px`, color: fg, width: '200px', height: '40px' },
            { rules: ['⟨div #3⟩'] },
          ),
        ),
      ],
    });
    const { causes } = explainCauses(
      card('#596ffc', '#e4e5e9', 'rgba(117, 123, 150, 0.4)', '#13141b'),
      card('#ff6bff', '#ffe4ff', 'rgba(255, 120, 255, 0.4)', 'rgb(255, 14, 255)'),
    );
    expect(causes.map((c) => c.text)).toEqual([
      'token --card-bg-color #13141b → rgb(255, 14, 255) (rule ⟨div #2⟩)',
      'token --card-outline-color rgba(117, 123, 150, 0.4) → rgba(255, 120, 255, 0.4) (rule ⟨div #2⟩)',
      'token --card-fg-color #e4e5e9 → #ffe4ff (rule ⟨div #2⟩)',
      'token --card-focus-ring-color #596ffc → #ff6bff (rule ⟨div #2⟩)',
    ]);
  });

  it('names changed text on its element', () => {
    expect(explainCauses(card(), card({ text: 'Pending' })).causes.map((c) => c.text)).toEqual(['span.badge text "Waiting for review" → "Pending"']);
  });

  it('names an added or removed element once, not each of its children', () => {
    const base = card();
    const withBanner: Structure = {
      ...base,
      nodes: [
        ...base.nodes,
        node('root/div.banner[0]', 'div.banner', { color: '#111111' }, { text: 'Read only' }),
        node('root/div.banner[0]/span[0]', 'span', { color: '#111111' }, { text: 'why' }),
      ],
    };
    expect(explainCauses(base, withBanner).causes.map((c) => c.text)).toEqual(['added div.banner "Read only"']);
    expect(explainCauses(withBanner, base).causes.map((c) => c.text)).toEqual(['removed div.banner "Read only"']);
  });

  it('names a style no rule explains (an inline style) on the element where it changed, not on the children that inherit it', () => {
    const tinted = (color: string): Structure => ({
      nodes: [node('root', 'div', { color: '#000000' }), node('root/p[0]', 'p.note', { color }), node('root/p[0]/em[0]', 'em', { color }, { text: 'careful' })],
    });
    expect(explainCauses(tinted('#000000'), tinted('#aa0000')).causes.map((c) => c.text)).toEqual(['p.note color #000000 → #aa0000']);
  });

  it('falls back to geometry only when nothing else changed, and says so', () => {
    const { causes } = explainCauses(card(), card({ buttonLeft: '800px' }));
    expect(causes.map((c) => c.text)).toEqual(['moved or resized: button left 790px → 800px']);
  });

  it('gives the same change the same id in every capture, and different changes different ids', () => {
    const a = explainCauses(card(), card({ warn: '#ff00ff' })).causes[0];
    const b = explainCauses(card({ text: 'x' }), card({ text: 'x', warn: '#ff00ff' })).causes[0];
    expect(a?.id).toBe(b?.id);
    expect(a?.id).toBe(causeId('token --warn #8a5a00 → #ff00ff (rule :root)'));
    expect(causeId('rule .a: color red → blue')).not.toBe(causeId('rule .a: color red → green'));
  });
});

describe('the details of a named cause', () => {
  it('a cause id is "c-" and eight hex digits of its text\'s hash', () => {
    expect(causeId('rule .a: color red → blue')).toMatch(/^c-[0-9a-f]{8}$/);
  });

  it('colours are compared as the structure writes them, each one in a value, with any transparency kept', () => {
    expect(canonical('RGB(255, 0, 255)')).toBe('#ff00ff');
    expect(canonical('rgba(1,2,3,1)')).toBe('#010203');
    expect(canonical('rgba(0, 0, 0, 0.5)')).toBe('#000000 at 0.5');
    expect(canonical('0 0 4px rgb(10, 20, 30), inset 0 1px rgba(255, 255, 255, 0.25)')).toBe('0 0 4px #0a141e, inset 0 1px #ffffff at 0.25');
    expect(canonical('Solid')).toBe('solid');
  });

  it('a long or multi-line text is named on one line, cut at 60 characters', () => {
    const long = `first line\n   ${'x'.repeat(80)}`;
    const text = (value: string): Structure => ({ nodes: [node('root', 'div', {}), node('root/p[0]', 'p', {}, { text: value })] });
    expect(explainCauses(text('short'), text(long)).causes.map((c) => c.text)).toEqual([`p text "short" → "${`first line ${'x'.repeat(80)}`.slice(0, 60)}…"`]);
    expect(explainCauses(text(`${'y'.repeat(60)}`), text('z')).causes.map((c) => c.text)).toEqual([`p text "${'y'.repeat(60)}" → "z"`]);
  });

  it('an element added is named by its text, else its accessible name, else the first text inside it', () => {
    const base: Structure = { nodes: [node('root', 'div', {})] };
    const named: Structure = { nodes: [...base.nodes, node('root/button[0]', 'button', {}, { name: 'Close' })] };
    const wrapping: Structure = {
      nodes: [
        ...base.nodes,
        node('root/div[0]', 'div.toast', {}),
        node('root/div[0]/span[0]', 'span', {}),
        node('root/div[0]/span[1]', 'span', {}, { text: 'Saved' }),
      ],
    };
    const bare: Structure = { nodes: [...base.nodes, node('root/hr[0]', 'hr', {})] };
    expect(explainCauses(base, named).causes.map((c) => c.text)).toEqual(['added button "Close"']);
    expect(explainCauses(base, wrapping).causes.map((c) => c.text)).toEqual(['added div.toast "Saved"']);
    expect(explainCauses(base, bare).causes.map((c) => c.text)).toEqual(['added hr']);
  });

  it('a style that appeared or went says "(none)" for the side without it', () => {
    const styled = (styles: Record<string, string>): Structure => ({ nodes: [node('root', 'div', {}), node('root/p[0]', 'p', styles)] });
    expect(explainCauses(styled({}), styled({ 'box-shadow': 'none' })).causes.map((c) => c.text)).toEqual(['p box-shadow (none) → none']);
    expect(explainCauses(styled({ opacity: '0.5' }), styled({})).causes.map((c) => c.text)).toEqual(['p opacity 0.5 → (none)']);
  });

  it("a child's colour that changed with its parent's is the parent's change; one that changed alone is its own", () => {
    const family = (parent: string, child: string): Structure => ({
      nodes: [node('root', 'div', {}), node('root/p[0]', 'p', { color: parent }), node('root/p[0]/em[0]', 'em', { color: child })],
    });
    expect(explainCauses(family('#000000', '#000000'), family('#aa0000', '#aa0000')).causes.map((c) => c.text)).toEqual(['p color #000000 → #aa0000']);
    expect(explainCauses(family('#000000', '#000000'), family('#000000', '#aa0000')).causes.map((c) => c.text)).toEqual(['em color #000000 → #aa0000']);
    expect(explainCauses(family('#000000', '#111111'), family('#aa0000', '#aa0000')).causes.map((c) => c.text)).toEqual([
      'p color #000000 → #aa0000',
      'em color #111111 → #aa0000',
    ]);
  });

  it('a rule declaration that appeared or went says "(not set)", and names where it is declared now', () => {
    const ruled = (declarations: Record<string, string>): Structure => ({
      rules: [rule('.note', declarations)],
      nodes: [node('root', 'div', {}), node('root/p[0]', 'p.note', { color: declarations.color ?? '#000000' }, { rules: ['.note'] })],
    });
    const locate = (key: string, property: string, value?: string) => `src/note.css:${key.length + property.length + (value ?? '').length}`;
    expect(explainCauses(ruled({}), ruled({ color: '#aa0000' }), locate).causes.map((c) => c.text)).toEqual([
      'rule .note in src/note.css:17: color (not set) → #aa0000',
    ]);
    expect(explainCauses(ruled({ color: '#aa0000' }), ruled({}), locate).causes.map((c) => c.text)).toEqual(['rule .note: color #aa0000 → (not set)']);
  });

  it('a change shown on a larger background is named before one shown as a text colour on a few elements', () => {
    const page = (background: string, ink: string): Structure => ({
      rules: [rule('.panel', { 'background-color': background }), rule('.ink', { color: ink })],
      nodes: [
        node('root', 'div', {}),
        node('root/section[0]', 'section.panel', { 'background-color': background, width: '100px', height: '50px' }, { rules: ['.panel'] }),
        ...[0, 1, 2].map((index) => node(`root/section[0]/p[${index}]`, 'p.ink', { color: ink }, { rules: ['.ink'] })),
      ],
    });
    expect(explainCauses(page('#eeeeee', '#111111'), page('rgb(255, 0, 255)', '#00ff00')).causes.map((c) => c.text)).toEqual([
      'rule .panel: background-color #eeeeee → rgb(255, 0, 255)',
      'rule .ink: color #111111 → #00ff00',
    ]);
    const tiny = (background: string, ink: string): Structure => ({
      ...page(background, ink),
      nodes: page(background, ink).nodes.map((one) =>
        one.label === 'section.panel' ? { ...one, styles: { ...one.styles, width: '1px', height: '1px' } } : one,
      ),
    });
    expect(explainCauses(tiny('#eeeeee', '#111111'), tiny('rgb(255, 0, 255)', '#00ff00')).causes.map((c) => c.text)).toEqual([
      'rule .ink: color #111111 → #00ff00',
      'rule .panel: background-color #eeeeee → rgb(255, 0, 255)',
    ]);
  });

  it('a short value (0, 1px, auto) or one still reading a token says nothing of how much shows it', () => {
    const spaced = (gap: string, ink: string): Structure => ({
      rules: [rule('.a', { gap }), rule('.b', { color: ink })],
      nodes: [
        node('root', 'div', {}),
        ...[0, 1, 2].map((index) => node(`root/p[${index}]`, 'p', { gap, color: '#000000' }, { rules: ['.a'] })),
        node('root/em[0]', 'em', { color: ink }, { rules: ['.b'] }),
      ],
    });
    expect(explainCauses(spaced('2px', '#111111'), spaced('4px', '#aa0000')).causes.map((c) => c.text)).toEqual([
      'rule .b: color #111111 → #aa0000',
      'rule .a: gap 2px → 4px',
    ]);
  });
});
