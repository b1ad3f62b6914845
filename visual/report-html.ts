import { escapeHtml, reportPage } from '../scripts/report-text.mjs';
import type { CauseGroup } from './groups';
import { captureId } from './groups';
import { reviewClient } from './report-client';
import { acceptCommand, isDecidable, needsAttention, percent, type StoryResult } from './results';

/**
 * The visual report: readable as a static page (the CI artifact: every command to accept is
 * written out), and a review page when `npm run visual:review` serves it (report-client.ts adds the
 * filters, views, diff modes, keys and the accept, reject and undo buttons).
 */
export function reportHtml(results: StoryResult[], groups: CauseGroup[], header: (string | undefined)[]): string {
  const groupsOf = new Map<string, string[]>();
  for (const group of groups) for (const id of group.captures) groupsOf.set(id, [...(groupsOf.get(id) ?? []), group.id]);
  const byCapture = new Map(results.map((result) => [captureId(result), result]));
  const notable = results.filter(needsAttention);
  const unchanged = results.filter((result) => !needsAttention(result));
  return reportPage(
    'Visual report',
    STYLE,
    `${header
      .filter((line): line is string => Boolean(line))
      .map((line) => `<p>${escapeHtml(line)}</p>`)
      .join('\n')}
<main>
${groups.length ? `<h2 class="heading-groups">By cause (${groups.length})</h2>\n${groups.map((group) => groupSection(group, byCapture.get(group.captures[0] ?? ''))).join('\n')}` : ''}
<h2 class="heading-captures">Each capture</h2>
${notable.map((result) => card(result, groupsOf.get(captureId(result)) ?? [])).join('\n')}
<h2 class="heading-unchanged">Unchanged (${unchanged.length})</h2>
${unchanged.map((result) => card(result, [])).join('\n')}
</main>
<script>${CLIENT_SCRIPT}</script>
`,
  );
}

/**
 * The client as page script. Its source is this module's compiled function; the TypeScript loader
 * that runs the visual runner (tsx) keeps function names through an `__name` helper, which the page
 * does not have, so the script brings a no-op one.
 */
const CLIENT_SCRIPT = `var __name = (target) => target;\n(${reviewClient.toString()})();`;

/** A group: its cause, the command, the first capture's images as an example, and every capture it holds. */
function groupSection(group: CauseGroup, example: StoryResult | undefined): string {
  const links = group.captures.map((id) => `<li><a href="#${escapeHtml(id)}">${escapeHtml(id)}</a></li>`).join('');
  const count = `${group.captures.length} capture${group.captures.length === 1 ? '' : 's'}`;
  const images = example?.files
    ? `<div class="row">${(['baseline', 'current', 'diff'] as const)
        .map((kind) => {
          const file = example.files?.[kind];
          return file
            ? `<figure><figcaption>${kind} · ${escapeHtml(captureId(example))}</figcaption><img src="${escapeHtml(file)}" alt="" loading="lazy"></figure>`
            : '';
        })
        .join('')}</div>`
    : '';
  return `<section class="item group" id="${escapeHtml(group.id)}" data-target="${escapeHtml(group.id)}" data-captures="${escapeHtml(group.captures.join(' '))}"
  data-search="${escapeHtml(`${group.cause} ${group.captures.join(' ')}`.toLowerCase())}" tabindex="-1" aria-label="${escapeHtml(`${count}: ${group.cause}`)}">
  <h2>${count} · <code>${escapeHtml(group.cause)}</code></h2>
  <p class="command">Accept the group: <code>${escapeHtml(acceptCommand(group.id))}</code></p>
  <p class="decision" aria-live="polite"></p>
  ${images}
  <details><summary>The ${count}</summary><ul>${links}</ul></details>
</section>`;
}

function card(result: StoryResult, groups: string[]): string {
  const id = captureId(result);
  const { baseline, current, diff } = result.files ?? {};
  const label = `${result.title} / ${result.name} (${result.mode})`;
  const figure = (kind: string, file?: string) =>
    file
      ? `<figure class="${kind.toLowerCase()}"><figcaption>${kind}</figcaption><img src="${escapeHtml(file)}" alt="${kind} of ${escapeHtml(id)}" loading="lazy"></figure>`
      : '';
  // Drag to uncover the baseline under the current capture; overlay shows their difference in place.
  const compare =
    baseline && current
      ? `<div class="slider">
    <img src="${escapeHtml(current)}" alt="" loading="lazy">
    <div class="over"><img src="${escapeHtml(baseline)}" alt="" loading="lazy"></div>
    <input type="range" min="0" max="100" value="50" aria-label="Baseline / current slider for ${escapeHtml(id)}"
      oninput="this.previousElementSibling.style.width=this.value+'%'">
  </div>
  <div class="overlay"><img src="${escapeHtml(baseline)}" alt="" loading="lazy"><img class="top" src="${escapeHtml(current)}" alt="Current over baseline of ${escapeHtml(id)}" loading="lazy"></div>`
      : '';
  const list = (title: string, items?: string[]) =>
    items && items.length > 0 ? `<h3>${title}</h3>\n  <ul>${items.map((item) => `<li><code>${escapeHtml(item)}</code></li>`).join('')}</ul>` : '';
  const decidable = isDecidable(result);
  const search = [id, result.title, result.name, result.mode, result.status, ...(result.why ?? [])].join(' ').toLowerCase();
  return `<section class="item capture ${result.status}" id="${escapeHtml(id)}" data-target="${escapeHtml(id)}" data-status="${result.status}"
  data-groups="${escapeHtml(groups.join(' '))}" data-search="${escapeHtml(search)}" tabindex="-1" aria-label="${escapeHtml(`${label}, ${result.status}`)}">
  <h2>${escapeHtml(result.title)} / ${escapeHtml(result.name)} <small>${escapeHtml(result.mode)} · ${result.status}${result.status === 'unchanged' && !result.reason ? '' : ` · ${percent(result.diffRatio)}`}</small></h2>
  ${result.rejected ? `<p class="rejected"><strong>${escapeHtml(result.rejected)}</strong></p>` : ''}
  ${result.reason ? `<p>${escapeHtml(result.reason)}</p>` : ''}
  ${decidable ? `<p class="command">Accept: <code>${escapeHtml(acceptCommand(id))}</code></p>\n  <p class="decision" aria-live="polite"></p>` : ''}
  ${list('Why it changed', result.why)}
  ${list('Could not be settled at capture', result.notes)}
  ${list(result.a11y?.unrecorded ? 'Accessibility violations, recorded as the first baseline on accept' : 'Known accessibility violations (debt in the baseline)', result.a11y?.known)}
  ${list('Accessibility violations resolved (accepting drops them from the baseline)', result.a11y?.resolved)}
  ${baseline || current || diff ? `<div class="row">${figure('Baseline', baseline)}${figure('Current', current)}${figure('Diff', diff)}</div>` : ''}
  ${compare}
</section>`;
}

const STYLE = `
  body { font: 14px system-ui; margin: 2rem }
  section { border: 1px solid #ccc; border-radius: 8px; padding: 1rem; margin: 1rem 0 }
  section.unchanged { padding: .25rem 1rem; margin: .25rem 0 }
  section.unchanged h2 { font-size: 1rem; margin: .25rem 0 }
  .changed, .error { border-color: #b3261e }
  .new { border-color: #1f5fd1 }
  .group { border-color: #7a4fd1 }
  .item { scroll-margin-top: 4rem }
  .current-item { outline: 3px solid #1f5fd1; outline-offset: 2px }
  [data-decision="accepted"] { background: #eef8ee }
  [data-decision="rejected"] { background: #fbeeee }
  .row { display: flex; gap: 1rem; flex-wrap: wrap }
  figure { margin: 0 }
  img { max-width: 420px; border: 1px solid #ddd }
  .slider { position: relative; display: inline-block; margin-top: 1rem; width: 640px }
  .slider img { width: 640px; max-width: none; display: block }
  .slider .over { position: absolute; top: 0; left: 0; width: 50%; overflow: hidden }
  .slider input { display: block; width: 100% }
  .overlay { position: relative; display: none }
  .overlay img { max-width: none }
  .overlay .top { position: absolute; top: 0; left: 0; mix-blend-mode: difference }
  h3 { font-size: 1rem; margin: .75rem 0 .25rem }
  .toolbar { position: sticky; top: 0; background: #fff; padding: .5rem 0; border-bottom: 1px solid #ccc; display: flex; flex-wrap: wrap; gap: .75rem; align-items: center; z-index: 1 }
  .toolbar [aria-pressed="true"] { background: #1f5fd1; color: #fff }
  body[data-diff="side"] .slider, body[data-diff="side"] .overlay { display: none }
  body[data-diff="slider"] .row, body[data-diff="slider"] .overlay { display: none }
  body[data-diff="overlay"] .row, body[data-diff="overlay"] .slider { display: none }
  body[data-diff="overlay"] .overlay { display: inline-block }
  body[data-diff="diff"] .slider, body[data-diff="diff"] .overlay, body[data-diff="diff"] figure:not(.diff) { display: none }
  body[data-diff="zoom"] .slider, body[data-diff="zoom"] .overlay { display: none }
  body[data-diff="zoom"] .row img { max-width: none; width: auto; zoom: 2; image-rendering: pixelated }
  body[data-view="groups"] .capture[data-groups]:not([data-groups=""]), body[data-view="groups"] .heading-captures { display: none }
  body[data-view="stories"] .group, body[data-view="stories"] .heading-groups { display: none }
  .item[hidden] { display: none !important }
  dialog kbd { border: 1px solid #999; border-radius: 3px; padding: 0 .3rem }
`;
