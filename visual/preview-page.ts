import type { Page, Request } from '@playwright/test';
import { PAINTED_PROPERTIES, type Structure } from './structure';

/**
 * What the runner does inside Storybook's preview iframe: render a story through Storybook's own
 * channel, wait until it has settled, freeze what moves, and measure what to capture.
 */

/** Freezes everything a screenshot could catch mid-way. */
export const FREEZE_CSS =
  ':root:not([data-visual-animations-at-end]) *, :root:not([data-visual-animations-at-end]) *::before, :root:not([data-visual-animations-at-end]) *::after { animation: none !important; } ' +
  '*, *::before, *::after { transition: none !important; caret-color: transparent !important; scroll-behavior: auto !important; }';
export const RENDER_TIMEOUT_MS = 10_000;
/** How long a story's own requests may take to finish before the capture goes ahead with a note. */
const NETWORK_IDLE_TIMEOUT_MS = 5_000;

export interface StoryInfo {
  /** The story's `visual`, `chromatic`, `percy` and `a11y` parameters as plain data (story-parameters.ts reads them). */
  parameters: Record<string, unknown>;
  /** `parameters.viewport` and the story's viewport global, as the Storybook declared them. */
  viewportParameter?: unknown;
  viewportGlobal?: unknown;
}
export type RenderOutcome = { ok: true; story: StoryInfo } | { ok: false; error: string };

/**
 * Renders one story in the open preview iframe through Storybook's channel (no page reload),
 * waits for its play function, and reads the parameters the runner needs.
 */
export function renderInPage(page: Page, storyId: string, globals: Record<string, string> | null): Promise<RenderOutcome> {
  return page.evaluate(
    async ([id, nextGlobals, timeoutMs]) => {
      interface Channel {
        on(event: string, fn: (payload: unknown) => void): void;
        off(event: string, fn: (payload: unknown) => void): void;
        emit(event: string, payload: unknown): void;
      }
      interface Preview {
        currentRender?: { id?: string; story?: { parameters?: Record<string, unknown>; storyGlobals?: Record<string, unknown> } };
        storyStoreValue?: { userGlobals?: { globals?: Record<string, unknown> } };
      }
      const w = window as unknown as {
        __STORYBOOK_ADDONS_CHANNEL__: Channel;
        __STORYBOOK_PREVIEW__: Preview;
        __visualThaw?: () => void;
        __visualRaf?: typeof requestAnimationFrame;
        __visualFramesRun?: number[];
        __visualFrameClock?: { start?: number; offset: number };
      };
      w.__visualThaw?.();
      // Every frame callback of the story is given one time, the first frame's after its render
      // began, until settling moves it to a fixed moment (settleInPage): an animation driven by the
      // time its frames carry (lottie) is then at the same frame in every run, however long the
      // story took to load.
      w.__visualFrameClock = { offset: 0 };
      // Remembers which frames ran the page's own frame callbacks (each frame has one timestamp),
      // so a requestAnimationFrame loop can be told at capture time.
      if (!w.__visualRaf) {
        const original = window.requestAnimationFrame.bind(window);
        w.__visualRaf = original;
        w.__visualFramesRun = [];
        window.requestAnimationFrame = (callback) =>
          original((time) => {
            const frames = w.__visualFramesRun ?? [];
            if (frames.at(-1) !== time) frames.push(time);
            if (frames.length > 20) frames.shift();
            const clock = (w.__visualFrameClock ??= { offset: 0 });
            clock.start ??= time;
            callback(clock.start + clock.offset);
          });
      }
      const channel = w.__STORYBOOK_ADDONS_CHANNEL__;
      const outcome = await new Promise<{ ok: boolean; error?: string }>((resolve) => {
        const listeners: [string, (payload: unknown) => void][] = [];
        const finish = (result: { ok: boolean; error?: string }) => {
          clearTimeout(timer);
          for (const [event, fn] of listeners) channel.off(event, fn);
          resolve(result);
        };
        const listen = (event: string, fn: (payload: unknown) => void) => {
          listeners.push([event, fn]);
          channel.on(event, fn);
        };
        const timer = setTimeout(() => finish({ ok: false, error: `the story did not finish rendering within ${timeoutMs} ms` }), timeoutMs);
        listen('storyFinished', (payload) => {
          if ((payload as { storyId?: string }).storyId === id) finish({ ok: true });
        });
        // Storybook 7 ends a render with storyRendered; 8 and later send it before afterEach, then storyFinished.
        listen('storyRendered', (payload) => {
          const story = w.__STORYBOOK_PREVIEW__.currentRender?.story;
          if (payload === id && story && !('applyAfterEach' in story)) finish({ ok: true });
        });
        listen('storyErrored', (payload) =>
          finish({
            ok: false,
            error:
              `the story threw while rendering: ${(payload as { title?: string }).title ?? ''} ${(payload as { description?: string }).description ?? ''}`.trim(),
          }),
        );
        listen('storyThrewException', (payload) =>
          finish({ ok: false, error: `the story threw: ${(payload as { message?: string }).message ?? 'an exception'}` }),
        );
        listen('playFunctionThrewException', (payload) =>
          finish({ ok: false, error: `the play function threw: ${(payload as { message?: string }).message ?? 'an exception'}` }),
        );
        listen('storyMissing', () => finish({ ok: false, error: 'the story is not in this Storybook' }));
        if (nextGlobals) channel.emit('updateGlobals', { globals: nextGlobals });
        if (w.__STORYBOOK_PREVIEW__.currentRender?.id === id) channel.emit('forceRemount', { storyId: id });
        else channel.emit('setCurrentStory', { storyId: id, viewMode: 'story' });
      });
      if (!outcome.ok) return { ok: false as const, error: outcome.error ?? 'render failed' };
      const story = w.__STORYBOOK_PREVIEW__.currentRender?.story;
      return {
        ok: true as const,
        story: {
          parameters: Object.fromEntries(
            ['visual', 'chromatic', 'percy', 'a11y']
              .map((name) => {
                try {
                  // Plain data only: a function or a cycle in a parameter must not break the capture.
                  return [name, JSON.parse(JSON.stringify(story?.parameters?.[name] ?? null)) as unknown];
                } catch {
                  return [name, 'not plain data'];
                }
              })
              .filter((entry) => entry[1] !== null),
          ),
          viewportParameter: story?.parameters?.viewport,
          // A story's own globals win over the Storybook's (initialGlobals, the toolbar).
          viewportGlobal: story?.storyGlobals?.viewport ?? w.__STORYBOOK_PREVIEW__.storyStoreValue?.userGlobals?.globals?.viewport,
        },
      };
    },
    [storyId, globals, RENDER_TIMEOUT_MS] as const,
  );
}

export async function openPreview(page: Page, baseUrl: string, firstStoryId: string): Promise<void> {
  // Accessibility is checked by test:stories; here axe would only slow every render down.
  await page.goto(`${baseUrl}iframe.html?id=${encodeURIComponent(firstStoryId)}&viewMode=story&globals=a11y.manual:!true`);
  const freeze = await page.addStyleTag({ content: FREEZE_CSS });
  // The runner's own rules are not the story's: readRules leaves this sheet out.
  await freeze.evaluate((style) => (style as Element).setAttribute('data-visual-runner', ''));
  await page.waitForFunction(
    () => {
      const render = (window as unknown as { __STORYBOOK_PREVIEW__?: { currentRender?: { phase?: string; story?: object } } }).__STORYBOOK_PREVIEW__
        ?.currentRender;
      // Storybook 7's last phase is "completed"; 8 and later go on to afterEach and "finished".
      return render?.phase === 'finished' || (render?.phase === 'completed' && render.story !== undefined && !('applyAfterEach' in render.story));
    },
    undefined,
    { timeout: RENDER_TIMEOUT_MS },
  );
}

/**
 * Two frames of the page, by the real requestAnimationFrame even while a story's loop is frozen or
 * a test's fake clock (Playwright's page.clock, which keeps the real one as a builtin) holds frames.
 */
export function nextFrames(page: Page): Promise<unknown> {
  return page.evaluate(() => {
    const w = window as unknown as {
      __visualRaf?: typeof requestAnimationFrame;
      __pwClock?: { builtins?: { requestAnimationFrame?: typeof requestAnimationFrame } };
    };
    const frame = w.__visualRaf ?? w.__pwClock?.builtins?.requestAnimationFrame ?? window.requestAnimationFrame.bind(window);
    return new Promise((done) => frame(() => frame(done)));
  });
}

/** The page's requests still in flight; long-lived streams (SSE, websockets) never count. */
export function trackRequests(page: Page): { idle: () => Promise<string[]> } {
  const inFlight = new Set<Request>();
  /** Requests answered (or failed) so far: the page still has to act on an answer after it lands. */
  let answered = 0;
  let answeredAtLastIdle = 0;
  const settled = (request: Request) => {
    if (inFlight.delete(request)) answered += 1;
  };
  page.on('request', (request) => {
    const type = request.resourceType();
    if (type === 'eventsource' || type === 'websocket' || (request.headers().accept ?? '').includes('text/event-stream')) return;
    inFlight.add(request);
  });
  page.on('requestfinished', settled);
  page.on('requestfailed', settled);
  page.on('framenavigated', () => inFlight.clear());
  return {
    /**
     * Resolves once nothing is in flight and two frames have passed since the last answer landed
     * (at once when nothing was asked or answered since the last call), so the page has acted on
     * the answers (read the body, drawn the result) and sent the requests they cause. Returns the
     * URLs that never finished. An answer landing at the end of a wait used to end it at once: a
     * story was captured still loading beside the E2E suite (its error state drawn a moment later).
     */
    async idle() {
      const deadline = Date.now() + NETWORK_IDLE_TIMEOUT_MS;
      while (Date.now() < deadline && (inFlight.size > 0 || answered !== answeredAtLastIdle)) {
        answeredAtLastIdle = answered;
        await nextFrames(page);
      }
      return [...inFlight].map((request) => request.url());
    },
  };
}

/** How far into a time-driven animation (lottie) the capture shows it: far enough for an entrance to have ended. */
const FRAME_TIME_AT_CAPTURE_MS = 10_000;

/**
 * After the story's requests: images loaded and decoded, fonts loaded, animations stopped, focus
 * removed (a play function's last click is not the state the story is named for). Returns what
 * could not be settled, in words for the report.
 */
export function settleInPage(page: Page): Promise<string[]> {
  return page.evaluate(async (FRAME_TIME_AT_CAPTURE_MS) => {
    const notes: string[] = [];
    const images = [...document.images];
    for (const image of images) if (image.loading === 'lazy') image.loading = 'eager';
    await Promise.all(
      images.map((image) =>
        image.complete
          ? undefined
          : new Promise((done) => {
              image.addEventListener('load', done, { once: true });
              image.addEventListener('error', done, { once: true });
            }),
      ),
    );
    await Promise.all(images.filter((image) => image.naturalWidth > 0).map((image) => image.decode().catch(() => undefined)));
    for (const image of images)
      if (image.getAttribute('src') && image.naturalWidth === 0) notes.push(`image ${image.getAttribute('src')?.slice(0, 120) ?? ''} did not load`);
    await document.fonts.ready;
    for (const face of document.fonts) if (face.status === 'error') notes.push(`font ${face.family.replace(/["']/g, '')} did not load`);
    notes.push(...missingFontFamilies());
    for (const animation of document.getAnimations()) {
      try {
        animation.finish();
      } catch {
        animation.pause();
        animation.currentTime = 0;
      }
    }
    for (const media of document.querySelectorAll('video, audio')) {
      (media as HTMLMediaElement).pause();
      (media as HTMLMediaElement).currentTime = 0;
    }
    // SVG's own animations (SMIL <animate>) run on each outermost <svg>'s clock: stopped at its start.
    for (const svg of document.querySelectorAll('svg')) {
      if (svg.ownerSVGElement) continue;
      svg.pauseAnimations();
      svg.setCurrentTime(0);
    }
    (document.activeElement as HTMLElement | null)?.blur?.();
    // The last frame shown at capture time is the first one the loop check watches: one frame less to wait.
    if (await freezeAnimationLoops(await showFramesAtCaptureTime()))
      notes.push(
        `a script animation (requestAnimationFrame loop) was running; it was shown ${FRAME_TIME_AT_CAPTURE_MS / 1000} s in by the time its frames carry and stopped there (one that reads its own clock, performance.now or Date, may still differ between runs)`,
      );
    return notes;

    /**
     * Moves the one time every frame callback has been given since the story began rendering
     * (renderInPage) to FRAME_TIME_AT_CAPTURE_MS later, and lets two frames run at it: an animation
     * driven by its frames' time is captured that far in, and one that ends sooner has ended. Returns
     * the second frame's time, or undefined when no frame callback ran and none was waited for.
     */
    async function showFramesAtCaptureTime(): Promise<number | undefined> {
      const w = window as unknown as { __visualRaf?: typeof requestAnimationFrame; __visualFrameClock?: { start?: number; offset: number } };
      if (!w.__visualFrameClock || w.__visualFrameClock.start === undefined) return undefined;
      w.__visualFrameClock.offset = FRAME_TIME_AT_CAPTURE_MS;
      const frame = w.__visualRaf ?? window.requestAnimationFrame.bind(window);
      return new Promise<number>((done) => frame(() => frame(done)));
    }

    /** Families the text asks for first that neither loaded nor exist on this machine. */
    function missingFontFamilies(): string[] {
      const generic = new Set([
        'serif',
        'sans-serif',
        'monospace',
        'cursive',
        'fantasy',
        'system-ui',
        'ui-sans-serif',
        'ui-serif',
        'ui-monospace',
        'emoji',
        'math',
        '-apple-system',
        'blinkmacsystemfont',
        'inherit',
        'initial',
      ]);
      const wanted = new Set<string>();
      const root = document.querySelector('#storybook-root') ?? document.querySelector('#root');
      const shown = [
        root,
        ...[...document.body.children].filter((element) => element !== root && !element.matches('script, style, link, #storybook-docs, [class^="sb-"]')),
      ];
      let count = 0;
      for (const container of shown) {
        if (!container) continue;
        const walker = document.createTreeWalker(container, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node && count < 2_000; node = walker.nextNode(), count += 1) {
          if (!node.textContent?.trim() || !node.parentElement?.checkVisibility()) continue;
          const first = getComputedStyle(node.parentElement).fontFamily.split(',')[0]?.trim().replace(/["']/g, '');
          if (first && !generic.has(first.toLowerCase())) wanted.add(first);
        }
      }
      const loaded = new Set([...document.fonts].filter((face) => face.status === 'loaded').map((face) => face.family.replace(/["']/g, '')));
      const failed = new Set([...document.fonts].filter((face) => face.status === 'error').map((face) => face.family.replace(/["']/g, '')));
      const context = document.createElement('canvas').getContext('2d');
      const installed = (family: string) => {
        if (!context) return true;
        return ['monospace', 'serif'].some((fallback) => {
          context.font = `16px ${fallback}`;
          const plain = context.measureText('mmmmmmmmmmlli1WQ').width;
          context.font = `16px "${family}", ${fallback}`;
          return context.measureText('mmmmmmmmmmlli1WQ').width !== plain;
        });
      };
      return [...wanted]
        .filter((family) => !loaded.has(family) && !failed.has(family) && !installed(family))
        .map((family) => `font ${family} is not available; its text fell back to another font`);
    }

    /**
     * A loop runs a frame callback in every frame. A page that ran none lately costs one frame to
     * check (none when `frameNow`, the frame the caller just waited for, is given); one that did is
     * watched LOOP_FRAMES frames more (a render settling asks for a few frames, a loop for all of
     * them), and if its callbacks ran in each it is stopped until the next story renders. True when
     * one was running.
     */
    async function freezeAnimationLoops(frameNow: number | undefined): Promise<boolean> {
      const w = window as unknown as {
        __visualThaw?: () => void;
        __visualRaf?: typeof requestAnimationFrame;
        __visualFramesRun?: number[];
        __pwClock?: { builtins?: { requestAnimationFrame?: typeof requestAnimationFrame } };
      };
      const original = w.__visualRaf ?? w.__pwClock?.builtins?.requestAnimationFrame ?? window.requestAnimationFrame.bind(window);
      const ran = w.__visualFramesRun ?? [];
      const nextFrame = () => new Promise<number>((done) => original(done));
      const LOOP_FRAMES = 5;
      const first = frameNow ?? (await nextFrame());
      if (!ran.some((time) => time >= first - 100)) return false;
      const watched = [first];
      for (let frame = 1; frame < LOOP_FRAMES; frame += 1) {
        watched.push(await nextFrame());
        // Callbacks registered after ours run later in the same frame: judge each frame one later.
        if (!ran.includes(watched.at(-2) ?? first)) return false;
      }
      const recording = window.requestAnimationFrame;
      window.requestAnimationFrame = () => 0;
      w.__visualThaw = () => {
        window.requestAnimationFrame = recording;
        delete w.__visualThaw;
      };
      return true;
    }
  }, FRAME_TIME_AT_CAPTURE_MS);
}

export interface CaptureArea {
  x: number;
  y: number;
  width: number;
  height: number;
  fitsViewport: boolean;
  /** An element fixed to the viewport is part of it (an overlay, a drawer, a sticky bar). */
  showsFixed: boolean;
}

/**
 * What the story shows: #storybook-root and anything it put elsewhere (portals, modals, fixed
 * drawers), as the smallest box of whole pixels that holds every visible element. When the page
 * cannot scroll (a modal's scroll lock: overflow hidden or clip on the root), the viewport clips
 * everything, since nothing past it can ever be seen.
 */
export function measureCaptureArea(page: Page): Promise<CaptureArea | undefined> {
  return page.evaluate(() => {
    const root = document.querySelector('#storybook-root') ?? document.querySelector('#root');
    const outside = [...document.body.children].filter(
      (element) =>
        element !== root &&
        !element.matches('script, style, link, #storybook-docs, .sb-wrapper, .sb-preparing-story, .sb-preparing-docs, .sb-errordisplay, .sb-nopreview'),
    );
    let left = Infinity;
    let top = Infinity;
    let right = -Infinity;
    let bottom = -Infinity;
    type Clip = { left: number; top: number; right: number; bottom: number };
    // The root's overflow applies to the viewport; body's does when the root's is visible.
    const rootStyle = getComputedStyle(document.documentElement);
    const bodyStyle = getComputedStyle(document.body);
    const locked = (axis: 'overflowX' | 'overflowY') => ['hidden', 'clip'].includes(rootStyle[axis] !== 'visible' ? rootStyle[axis] : bodyStyle[axis]);
    const open: Clip = {
      left: locked('overflowX') ? -window.scrollX : -Infinity,
      right: locked('overflowX') ? window.innerWidth - window.scrollX : Infinity,
      top: locked('overflowY') ? -window.scrollY : -Infinity,
      bottom: locked('overflowY') ? window.innerHeight - window.scrollY : Infinity,
    };
    let showsFixed = false;
    /** A clipping ancestor and the part of the page it lets its contents show in. */
    type Clipping = { clipper: Element; rect: Clip };
    const intersect = (clips: Clipping[]): Clip =>
      clips.reduce(
        (rect, { rect: other }) => ({
          left: Math.max(rect.left, other.left),
          top: Math.max(rect.top, other.top),
          right: Math.min(rect.right, other.right),
          bottom: Math.min(rect.bottom, other.bottom),
        }),
        open,
      );
    const visit = (element: Element, clips: Clipping[]) => {
      const style = getComputedStyle(element);
      if (style.display === 'none' || style.visibility === 'hidden' || Number(style.opacity) === 0) return;
      const box = element.getBoundingClientRect();
      // Parked off-screen (a library measuring text, screen-reader-only text): nobody sees it.
      if (box.width > 0 && box.height > 0 && (box.right + window.scrollX <= 0 || box.bottom + window.scrollY <= 0)) return;
      // An ancestor clips what its box contains, but a positioned element escapes the clipping
      // ancestors that lie inside its containing block (a menu positioned from outside a card that
      // hides its overflow), and a fixed one whose containing block is the viewport escapes every clip
      // but a locked viewport's. Chromium's offsetParent is the element that makes the containing
      // block, a positioned ancestor or one with a transform, filter, perspective, paint containment
      // or will-change; for a fixed element it is null when the viewport holds it.
      const offsetParent = (element as HTMLElement).offsetParent;
      const containingBlock = style.position === 'absolute' ? (offsetParent ?? document.body) : style.position === 'fixed' ? offsetParent : undefined;
      const fixedToViewport = style.position === 'fixed' && !containingBlock;
      const applying = fixedToViewport ? [] : containingBlock ? clips.filter(({ clipper }) => clipper.contains(containingBlock)) : clips;
      const within = intersect(applying);
      const shown = {
        left: Math.max(box.left, within.left),
        top: Math.max(box.top, within.top),
        right: Math.min(box.right, within.right),
        bottom: Math.min(box.bottom, within.bottom),
      };
      if (box.width > 0 && box.height > 0 && shown.right > shown.left && shown.bottom > shown.top) {
        left = Math.min(left, shown.left);
        top = Math.min(top, shown.top);
        right = Math.max(right, shown.right);
        bottom = Math.max(bottom, shown.bottom);
        if (fixedToViewport) showsFixed = true;
      }
      // Contents that overflow or are positioned outside their parent count too, unless the parent clips
      // them (overflow hidden, clip, auto or scroll: a carousel's hidden slides, a scroll area's rest).
      const clipsX = style.overflowX !== 'visible';
      const clipsY = style.overflowY !== 'visible';
      const own =
        clipsX || clipsY
          ? [
              {
                clipper: element,
                rect: {
                  left: clipsX ? box.left : -Infinity,
                  top: clipsY ? box.top : -Infinity,
                  right: clipsX ? box.right : Infinity,
                  bottom: clipsY ? box.bottom : Infinity,
                },
              },
            ]
          : [];
      for (const child of element.children) visit(child, [...applying, ...own]);
    };
    if (root) visit(root, []);
    for (const element of outside) visit(element, []);
    if (!Number.isFinite(left)) return undefined;
    const x = Math.max(0, Math.floor(left + window.scrollX + 1e-3));
    const y = Math.max(0, Math.floor(top + window.scrollY + 1e-3));
    const width = Math.ceil(right + window.scrollX - 1e-3) - x;
    const height = Math.ceil(bottom + window.scrollY - 1e-3) - y;
    return { x, y, width, height, fitsViewport: x + width <= window.innerWidth && y + height <= window.innerHeight, showsFixed };
  });
}

/**
 * The structural snapshot of what the story shows (see structure.ts), relative to the capture. It
 * leaves the page as one JSON string: Playwright's own serializer walks every value of a returned
 * object, which cost several times what reading the structure does (docs/performance.md).
 */
export async function readStructure(page: Page, origin: { x: number; y: number }, ignoreSelectors: string[] = []): Promise<Structure> {
  const text = await page.evaluate(
    ([properties, offset, ignored]) => {
      /** An ignored region (`.chromatic-ignore`) keeps its box; what is inside it is not compared. */
      const isIgnored = (element: Element) =>
        ignored.some((selector) => {
          try {
            return element.matches(selector);
          } catch {
            return false;
          }
        });
      const LIMIT = 1_500;
      const nodes: Structure['nodes'] = [];
      const hex = (value: string) =>
        value.replace(/rgba?\((\d+), (\d+), (\d+)(?:, ([\d.]+))?\)/g, (_, r: string, g: string, b: string, a?: string) => {
          const code = `#${[r, g, b].map((part) => Number(part).toString(16).padStart(2, '0')).join('')}`;
          return a === undefined || a === '1' ? code : `${code} at ${a}`;
        });
      const implicitRole: Record<string, string> = {
        BUTTON: 'button',
        A: 'link',
        H1: 'heading',
        H2: 'heading',
        H3: 'heading',
        H4: 'heading',
        UL: 'list',
        OL: 'list',
        LI: 'listitem',
        ARTICLE: 'article',
        NAV: 'navigation',
        MAIN: 'main',
        TABLE: 'table',
        IMG: 'img',
        INPUT: 'textbox',
        TEXTAREA: 'textbox',
        SELECT: 'combobox',
        PROGRESS: 'progressbar',
      };
      /**
       * Generated class names change whenever the CSS does (styled-components `sc-a1B2c` with its
       * `eJwSfb`, emotion `css-1x2y3z`, styled-jsx `jsx-123`), so they never key an element or a rule;
       * a CSS module's class keeps its written part.
       */
      // styled-components writes each rule on its generated class first (`.eJwSfb`, `.elyrwi:hover`,
      // `.eJwSfb .title`) into style tags it marks: whatever leads those selectors is generated,
      // whatever its letters look like.
      const styledComponentsClasses = new Set<string>();
      for (const tag of document.querySelectorAll('style[data-styled]')) {
        try {
          for (const rule of (tag as HTMLStyleElement).sheet?.cssRules ?? [])
            for (const selector of (rule as CSSStyleRule).selectorText?.split(',') ?? []) {
              const leading = /^\s*\.(-?[_a-zA-Z][\w-]*)/.exec(selector)?.[1];
              if (leading) styledComponentsClasses.add(leading);
            }
        } catch {
          // A sheet that cannot be read leaves the letters to tell.
        }
      }
      const generatedClass = (name: string, element: Element) =>
        /^(sc-|css-[a-z0-9]{4,}|jsx-\d+$|emotion-\d)/.test(name) ||
        styledComponentsClasses.has(name) ||
        ([...element.classList].some((other) => other.startsWith('sc-')) && /^[a-zA-Z]{5,8}$/.test(name) && /[A-Z]/.test(name) && /[a-z]/.test(name));
      // css-loader's `Card__title___x7Yz2`, Vite's `_title_1x2y3`; BEM's `card__title` is the author's.
      const writtenClass = (name: string) => name.replace(/___[A-Za-z0-9_-]{5}$/, '').replace(/^_([A-Za-z][\w-]*)_(?=[a-z0-9]*\d)[a-z0-9]{5}$/, '$1');
      const authoredClasses = (element: Element) => [...element.classList].filter((name) => !generatedClass(name, element)).map(writtenClass);
      const testId = (element: Element) => element.getAttribute('data-testid') ?? element.getAttribute('data-test-id');
      const label = (element: Element) => {
        const id = testId(element);
        return `${element.tagName.toLowerCase()}${authoredClasses(element)
          .slice(0, 3)
          .map((name) => `.${name}`)
          .join('')}${id ? `[data-testid=${id}]` : ''}`;
      };
      let labelled: { captured: Map<string, Element[]>; generated: Map<string, number> } | undefined;
      // The static server's port changes every run: a URL of this page is written without its origin.
      const local = (value: string) => value.split(location.origin).join('');
      const ownText = (element: Element) =>
        [...element.childNodes]
          .filter((node) => node.nodeType === Node.TEXT_NODE)
          .map((node) => node.textContent ?? '')
          .join('')
          .replace(/\s+/g, ' ')
          .trim();
      const nameOf = (element: Element) => {
        const labelled = element.getAttribute('aria-labelledby');
        if (labelled)
          return labelled
            .split(/\s+/)
            .map((id) => document.getElementById(id)?.textContent ?? '')
            .join(' ')
            .trim();
        return element.getAttribute('aria-label') ?? element.getAttribute('alt') ?? undefined;
      };
      const nodeOf = new Map<Element, Structure['nodes'][number]>();
      const walk = (element: Element, path: string) => {
        if (nodes.length >= LIMIT || element.matches('script, style, link')) return;
        const style = getComputedStyle(element);
        if (style.display === 'none') return;
        const box = element.getBoundingClientRect();
        const styles: Record<string, string> = {};
        for (const property of properties) {
          if (property === 'left') styles.left = `${Math.round(box.left + window.scrollX - offset.x)}px`;
          else if (property === 'top') styles.top = `${Math.round(box.top + window.scrollY - offset.y)}px`;
          else if (property === 'width') styles.width = `${Math.round(box.width)}px`;
          else if (property === 'height') styles.height = `${Math.round(box.height)}px`;
          else styles[property] = local(hex(style.getPropertyValue(property)));
        }
        const ignoredHere = isIgnored(element);
        const text = ignoredHere ? '' : ownText(element);
        const name = ignoredHere ? undefined : nameOf(element);
        const role = element.getAttribute('role') ?? implicitRole[element.tagName];
        const node: Structure['nodes'][number] = {
          key: path,
          label: label(element),
          ...(role ? { role } : {}),
          ...(name ? { name } : {}),
          ...(text ? { text: text.slice(0, 200) } : {}),
          styles,
        };
        nodes.push(node);
        nodeOf.set(element, node);
        if (ignoredHere) return;
        const seen = new Map<string, number>();
        for (const child of element.children) {
          const segment = label(child);
          const index = seen.get(segment) ?? 0;
          seen.set(segment, index + 1);
          walk(child, `${path}/${segment}[${index}]`);
        }
      };
      const root = document.querySelector('#storybook-root') ?? document.querySelector('#root');
      if (root) walk(root, 'root');
      // Outside the root: portals and drawers, but not what is parked off-screen (measuring spans).
      const onPage = (element: Element) => {
        const box = element.getBoundingClientRect();
        return box.width === 0 || box.height === 0 || (box.right + window.scrollX > 0 && box.bottom + window.scrollY > 0);
      };
      [...document.body.children]
        .filter((element) => element !== root && !element.matches('script, style, link, #storybook-docs, [class^="sb-"]') && onPage(element))
        .forEach((element, index) => walk(element, `outside[${index}]`));
      const rules = readRules(nodeOf, root);
      return JSON.stringify({ nodes, rules, ...(nodes.length >= LIMIT ? { truncated: true } : {}) });

      /**
       * The author rules that match a captured element or an ancestor of the root, with their
       * declarations as written, so a change is named by the rule that made it. A selector with a
       * state (`:hover`) or a pseudo-element (`::before`) counts for the element it is written on.
       */
      function readRules(owners: Map<Element, Structure['nodes'][number]>, storyRoot: Element | null) {
        const ancestors = new Set<Element>();
        for (let element = storyRoot?.parentElement; element; element = element.parentElement) ancestors.add(element);
        const found: NonNullable<Structure['rules']> = [];
        const seenKeys = new Map<string, number>();
        const generatedRules = new Map<string, (typeof found)[number]>();
        const declarationsOf = (style: CSSStyleDeclaration) => {
          const declarations: Record<string, string> = {};
          for (const part of splitDeclarations(style.cssText)) {
            const colon = part.indexOf(':');
            if (colon > 0) declarations[part.slice(0, colon).trim()] = local(part.slice(colon + 1).trim());
          }
          return declarations;
        };
        const visit = (list: CSSRuleList, prefix: string) => {
          for (const rule of list) {
            if (rule instanceof CSSMediaRule) {
              if (window.matchMedia(rule.media.mediaText).matches) visit(rule.cssRules, `${prefix}@media ${rule.media.mediaText} `);
            } else if (rule instanceof CSSSupportsRule || rule instanceof CSSLayerBlockRule) {
              visit(rule.cssRules, prefix);
            } else if (rule instanceof CSSStyleRule) {
              const shownSelector = rule.selectorText.replace(/::?(before|after|placeholder|marker|selection|first-line|first-letter|backdrop)(?![\w-])/g, '');
              const selector = shownSelector.replace(/:(hover|focus-visible|focus-within|focus|active|visited)(?![\w-])/g, '');
              let matched: Element[];
              try {
                matched = [...document.querySelectorAll(selector || '*')];
              } catch {
                continue;
              }
              const mine = matched.filter((element) => owners.has(element));
              if (mine.length === 0 && !matched.some((element) => ancestors.has(element))) continue;
              const base = `${prefix}${stableSelector(rule.selectorText)}`;
              // Rules on generated classes keyed to one element are one rule: CSS-in-JS splits an
              // element's styles over its classes differently as the CSS changes, while what they
              // declare together is what the author wrote. Later rules win, as in the cascade.
              const merged = base.includes('⟨') ? generatedRules.get(base) : undefined;
              if (merged) {
                Object.assign(merged.declarations, declarationsOf(rule.style));
                continue;
              }
              const count = (seenKeys.get(base) ?? 0) + 1;
              seenKeys.set(base, count);
              const key = count === 1 ? base : `${base} (${count})`;
              const shown = (element: Element) => {
                try {
                  return element.matches(shownSelector || '*');
                } catch {
                  return true;
                }
              };
              const unshown = mine.length > 0 && !mine.some(shown) && !matched.some((element) => ancestors.has(element) && shown(element));
              const entry = { key, declarations: declarationsOf(rule.style), ...(unshown ? { unshown: true as const } : {}) };
              found.push(entry);
              if (base.includes('⟨')) generatedRules.set(base, entry);
              for (const element of mine) {
                const owner = owners.get(element);
                if (owner) (owner.rules ??= []).push(key);
              }
            }
          }
        };
        for (const sheet of document.styleSheets) {
          if ((sheet.ownerNode as Element | null)?.hasAttribute?.('data-visual-runner')) continue;
          try {
            visit(sheet.cssRules, '');
          } catch {
            // A cross-origin sheet cannot be read; its rules are not named.
          }
        }
        return found;
      }

      /**
       * A selector as its author would know it: a generated class (`.css-1x2y3z`) is written as the element
       * it styles (`⟨input⟩`), a CSS module's class by its written part, so a rule keeps its key when the
       * CSS behind a generated name changes.
       */
      function stableSelector(selector: string): string {
        return selector.replace(/\.(-?[_a-zA-Z][\w-]*)/g, (whole, name: string) => {
          const styled = [...document.getElementsByClassName(name)];
          const element = styled.find((candidate) => nodeOf.has(candidate)) ?? styled[0];
          if (!element) return whole;
          return generatedClass(name, element) ? `⟨${generatedClassKey(element)}⟩` : `.${writtenClass(name)}`;
        });
      }

      /**
       * A generated class is written as the first element it styles: its label when no other captured
       * element of that label carries a generated class, else also which of them it is in the
       * capture's order (`div #3`), which comes from the DOM that a change of CSS alone leaves as it was.
       */
      function generatedClassKey(element: Element): string {
        const own = label(element);
        const { captured, generated } = capturedByLabel();
        if ((generated.get(own) ?? 0) <= 1) return own;
        const place = captured.get(own)?.indexOf(element) ?? -1;
        return place < 0 ? own : `${own} #${place + 1}`;
      }

      /** The captured elements by label, in the capture's order, and how many of each label carry a generated class. */
      function capturedByLabel(): { captured: Map<string, Element[]>; generated: Map<string, number> } {
        if (labelled) return labelled;
        labelled = { captured: new Map(), generated: new Map() };
        for (const element of nodeOf.keys()) {
          const own = label(element);
          const same = labelled.captured.get(own) ?? [];
          same.push(element);
          labelled.captured.set(own, same);
          if ([...element.classList].some((name) => generatedClass(name, element))) labelled.generated.set(own, (labelled.generated.get(own) ?? 0) + 1);
        }
        return labelled;
      }

      /** `a: b; c: url("x;y")` → ['a: b', 'c: url("x;y")']: semicolons inside quotes or brackets do not split. */
      function splitDeclarations(text: string): string[] {
        const parts: string[] = [];
        let depth = 0;
        let quote = '';
        let start = 0;
        for (let index = 0; index < text.length; index += 1) {
          const char = text[index];
          if (quote) {
            if (char === quote && text[index - 1] !== '\\') quote = '';
          } else if (char === '"' || char === "'") quote = char;
          else if (char === '(') depth += 1;
          else if (char === ')') depth -= 1;
          else if (char === ';' && depth === 0) {
            parts.push(text.slice(start, index));
            start = index + 1;
          }
        }
        parts.push(text.slice(start));
        return parts.map((part) => part.trim()).filter(Boolean);
      }
    },
    [PAINTED_PROPERTIES as readonly string[], origin, ignoreSelectors] as const,
  );
  return JSON.parse(text) as Structure;
}
