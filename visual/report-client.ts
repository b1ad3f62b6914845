/**
 * The report's behaviour in the browser, written into the page as the source of this function (so
 * it must not use anything outside itself). Everywhere: filters, search, the group and story views,
 * diff modes, and keys to move (j/k) and for help (?). When `npm run visual:review` serves the page,
 * its API answers and every group and capture also gets Accept (a), Reject (r) and Undo (u).
 */
export function reviewClient(): void {
  interface Decision {
    capture: string;
    decision: 'accepted' | 'rejected';
    reviewer: string;
    reason?: string;
  }
  const STATUSES = ['changed', 'new', 'removed', 'error', 'unchanged'] as const;
  const DIFF_MODES = { side: 'Side by side', slider: 'Slider', overlay: 'Overlay', diff: 'Diff only', zoom: 'Zoom' } as const;
  const body = document.body;
  const items = () => [...document.querySelectorAll<HTMLElement>('.item')];
  const shown = new Set<string>(['changed', 'new', 'removed', 'error']);
  let current: HTMLElement | undefined;
  let canDecide = false;

  const element = <K extends keyof HTMLElementTagNameMap>(tag: K, props: Record<string, string> = {}, ...children: (Node | string)[]) => {
    const made: HTMLElementTagNameMap[K] = document.createElement(tag);
    for (const [key, value] of Object.entries(props)) made.setAttribute(key === 'className' ? 'class' : key, value);
    made.append(...children);
    return made;
  };
  const status = element('p', { className: 'status' });
  status.setAttribute('role', 'status');

  // The toolbar: what to show, how to compare, and the reason a decision records.
  const toolbar = element('div', { className: 'toolbar' });
  toolbar.setAttribute('role', 'toolbar');
  toolbar.setAttribute('aria-label', 'Review');
  for (const name of STATUSES) {
    const button = element('button', { type: 'button' }, name === 'error' ? 'errors' : name);
    button.setAttribute('aria-pressed', String(shown.has(name)));
    button.addEventListener('click', () => {
      if (shown.has(name)) shown.delete(name);
      else shown.add(name);
      button.setAttribute('aria-pressed', String(shown.has(name)));
      apply();
    });
    toolbar.append(button);
  }
  const search = element('input', { type: 'search', placeholder: 'Search stories, modes, causes' });
  search.setAttribute('aria-label', 'Search');
  search.addEventListener('input', () => apply());
  const view = element('select');
  view.setAttribute('aria-label', 'View');
  view.append(element('option', { value: 'groups' }, 'By cause'), element('option', { value: 'stories' }, 'By story'));
  view.addEventListener('change', () => {
    body.dataset.view = view.value;
    apply();
  });
  const diff = element('select');
  diff.setAttribute('aria-label', 'Compare');
  for (const [value, label] of Object.entries(DIFF_MODES)) diff.append(element('option', { value }, label));
  diff.addEventListener('change', () => (body.dataset.diff = diff.value));
  const reason = element('input', { type: 'text', placeholder: 'Reason (optional)' });
  reason.setAttribute('aria-label', 'Reason for the next decision');
  const help = element('button', { type: 'button' }, 'Keys (?)');
  const dialog = element(
    'dialog',
    { id: 'review-keys' },
    element('h2', {}, 'Keys'),
    element(
      'ul',
      {},
      ...[
        ['j / k', 'next / previous group or capture'],
        ['a', 'accept it (writes its baselines)'],
        ['r', 'reject it (the run stays failed)'],
        ['u', 'undo its decision'],
        ['/', 'search'],
        ['?', 'this help; Escape closes it'],
      ].map(([key, what]) => element('li', {}, element('kbd', {}, key ?? ''), ` ${what ?? ''}`)),
    ),
  );
  help.addEventListener('click', () => dialog.showModal());
  toolbar.append(search, view, diff, reason, help);
  body.dataset.view = document.querySelector('.group') ? 'groups' : 'stories';
  view.value = body.dataset.view;
  body.dataset.diff = 'side';
  document.querySelector('main')?.before(toolbar, status);
  body.append(dialog);

  function apply(): void {
    const query = search.value.trim().toLowerCase();
    for (const item of items()) {
      const captureShown = !item.classList.contains('capture') || shown.has(item.dataset.status ?? '');
      item.hidden = !captureShown || (query !== '' && !(item.dataset.search ?? '').includes(query));
    }
    if (current && !visible().includes(current)) select(visible()[0]);
  }

  function visible(): HTMLElement[] {
    return items().filter((item) => !item.hidden && item.offsetParent !== null);
  }

  function select(item: HTMLElement | undefined): void {
    current?.classList.remove('current-item');
    current = item;
    if (!item) return;
    item.classList.add('current-item');
    item.focus({ preventScroll: true });
    item.scrollIntoView({ block: 'nearest' });
  }

  function move(step: number): void {
    const list = visible();
    const at = current ? list.indexOf(current) : -1;
    select(list[Math.min(list.length - 1, Math.max(0, at + step))]);
  }

  function show(decisions: Decision[]): void {
    const byCapture = new Map(decisions.map((entry) => [entry.capture, entry]));
    for (const item of items()) {
      const line = item.querySelector('.decision');
      if (!line) continue;
      const captures = item.classList.contains('group') ? (item.dataset.captures ?? '').split(' ') : [item.dataset.target ?? ''];
      const made = captures.map((capture) => byCapture.get(capture));
      const first = made[0];
      const same = first && made.every((entry) => entry?.decision === first.decision);
      if (same) item.dataset.decision = first.decision;
      else delete item.dataset.decision;
      const count = made.filter(Boolean).length;
      line.textContent = same
        ? `${first.decision === 'accepted' ? 'Accepted' : 'Rejected'} by ${first.reviewer}${first.reason ? `: ${first.reason}` : ''}`
        : count > 0
          ? `${count} of ${captures.length} decided`
          : '';
    }
  }

  async function call(path: string, payload?: unknown): Promise<Decision[]> {
    const answer = await fetch(path, payload ? { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(payload) } : {});
    const data = (await answer.json()) as { decisions?: Decision[]; error?: string; message?: string };
    if (!answer.ok || !data.decisions) throw new Error(data.error ?? `HTTP ${answer.status}`);
    if (data.message) status.textContent = data.message;
    return data.decisions;
  }

  async function decide(action: 'accept' | 'reject' | 'undo', item: HTMLElement | undefined): Promise<void> {
    const target = item?.dataset.target;
    if (!canDecide || !target || !item.querySelector('.decision')) return;
    try {
      const payload = { targets: [target], ...(action !== 'undo' && reason.value.trim() ? { reason: reason.value.trim() } : {}) };
      show(await call(`/api/${action}`, payload));
      if (action !== 'undo') reason.value = '';
    } catch (error) {
      status.textContent = `Could not ${action} ${target}: ${(error as Error).message}`;
    }
  }

  document.addEventListener('keydown', (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey || dialog.open) return;
    const typing = event.target instanceof HTMLInputElement || event.target instanceof HTMLSelectElement;
    if (typing) {
      if (event.key === 'Escape') (event.target as HTMLElement).blur();
      return;
    }
    const actions: Record<string, () => void> = {
      j: () => move(1),
      k: () => move(-1),
      a: () => void decide('accept', current),
      r: () => void decide('reject', current),
      u: () => void decide('undo', current),
      '/': () => search.focus(),
      '?': () => dialog.showModal(),
    };
    const action = actions[event.key];
    if (!action) return;
    event.preventDefault();
    action();
  });

  apply();
  // Served by `npm run visual:review`: decisions can be made here. Opened as a file: commands only.
  call('/api/decisions').then(
    (decisions) => {
      canDecide = true;
      body.dataset.review = 'on';
      for (const item of items()) {
        const line = item.querySelector('.decision');
        if (!line) continue;
        const buttons = element('div', { className: 'actions' });
        for (const [action, label] of [
          ['accept', 'Accept'],
          ['reject', 'Reject'],
          ['undo', 'Undo'],
        ] as const) {
          const button = element('button', { type: 'button' }, label);
          button.setAttribute('aria-label', `${label} ${item.getAttribute('aria-label') ?? item.dataset.target ?? ''}`);
          button.addEventListener('click', () => void decide(action, item));
          buttons.append(button);
        }
        line.before(buttons);
      }
      show(decisions);
      status.textContent = 'Review: a accepts, r rejects, u undoes the selected group or capture; ? lists the keys.';
    },
    () => {
      status.textContent = 'Read only: run npm run visual:review to accept or reject from this page, or use the commands shown.';
    },
  );
}
