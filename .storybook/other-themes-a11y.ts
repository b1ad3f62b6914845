import axe from 'axe-core';
import type { StoryContext } from '@storybook/react-vite';

/**
 * The stories' Vitest run renders each story once, in the first theme: its play function runs and the
 * a11y addon checks it. This hook (Storybook runs the preview's afterEach before the addons') switches
 * the played story to each other theme and checks it with axe, so a colour that fails contrast in only
 * one theme still fails its story. When it fails, it checks the rendered theme too, so the one error
 * names every theme's violations (the addon's own check does not run after a failed hook).
 *
 * Switching in place is the same page the other theme would render: the theme is CSS alone (the
 * `data-theme` attribute selects the custom properties in src/app/theme.css; no component reads it),
 * so rendering and playing the story a second time per theme checked the same behaviour twice
 * (docs/performance.md).
 */

// As in the a11y addon's runner (@storybook/addon-a11y 10): its elements are left out, and "region"
// is off because a story is a component without the page's landmarks.
const STORYBOOK_ELEMENTS = ['.sb-wrapper', '#storybook-docs', '#storybook-highlights-root'];
const OFF_IN_STORIES = [{ id: 'region', enabled: false }];

interface A11yParameter {
  disable?: boolean;
  test?: 'off' | 'todo' | 'error';
  context?: axe.ElementContext;
  config?: axe.Spec;
  options?: axe.RunOptions;
}

export function a11yInOtherThemes(themes: readonly string[]) {
  return async ({ parameters, viewMode, globals }: Pick<StoryContext, 'parameters' | 'viewMode' | 'globals'>) => {
    const a11y = (parameters.a11y ?? {}) as A11yParameter;
    if (viewMode !== 'story' || a11y.disable || a11y.test === 'off') return;
    const rendered = document.documentElement.dataset.theme ?? '';
    const themed = [document.documentElement, ...document.querySelectorAll<HTMLElement>('[data-theme]')];
    const failures: string[] = [];
    try {
      for (const theme of themes.filter((name) => name !== globals.theme)) {
        for (const element of themed) element.dataset.theme = theme;
        const result = await runAxe(a11y);
        if (result.violations.length) failures.push(describe(theme, result.violations));
      }
    } finally {
      for (const element of themed) element.dataset.theme = rendered;
    }
    if (!failures.length) return;
    const inRendered = await runAxe(a11y);
    if (inRendered.violations.length) failures.unshift(describe(rendered, inRendered.violations));
    // "todo" stories report without failing, as the addon does for the first theme.
    if (a11y.test === 'todo') console.warn(failures.join('\n'));
    else throw new Error(failures.join('\n'));
  };
}

/** axe as the addon runs it: the story's context, config and options, Storybook's own elements left out. */
async function runAxe(a11y: A11yParameter) {
  const rules = [...OFF_IN_STORIES, ...(a11y.config?.rules ?? [])];
  axe.reset();
  axe.configure({ ...a11y.config, rules });
  let options = a11y.options ?? {};
  // A story that names the rules to run (runOnly) still has the ones switched off left off.
  if (options.runOnly)
    options = {
      ...options,
      rules: { ...Object.fromEntries(rules.filter((rule) => rule.enabled === false).map((rule) => [rule.id, { enabled: false }])), ...options.rules },
    };
  return axe.run(storyContext(a11y.context), options);
}

function storyContext(given: axe.ElementContext | undefined): axe.ElementContext {
  if (given && typeof given === 'object' && ('include' in given || 'exclude' in given)) {
    const { include, exclude } = given as { include?: axe.SelectorList; exclude?: axe.SelectorList };
    return { include: include ?? document.body, exclude: [...STORYBOOK_ELEMENTS, ...[exclude ?? []].flat()] } as axe.ElementContext;
  }
  return { include: given ?? document.body, exclude: STORYBOOK_ELEMENTS } as axe.ElementContext;
}

function describe(theme: string, violations: axe.Result[]) {
  const lines = violations.flatMap((violation) => [
    `  ${violation.id} (${violation.impact ?? 'no impact given'}): ${violation.help}`,
    ...violation.nodes.map((node) => `    ${node.target.join(' ')}: ${node.failureSummary?.replace(/\s+/g, ' ') ?? ''}`),
  ]);
  return `In the ${theme} theme, axe found ${violations.length} accessibility violation(s):\n${lines.join('\n')}`;
}
