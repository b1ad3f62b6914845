/**
 * The console reads in the viewer's colour scheme: the root's `data-theme` (which theme.css keys
 * every colour by) follows `prefers-color-scheme`, and changes with it while the page is open.
 */
export function followColorScheme(root: HTMLElement = document.documentElement): () => void {
  const dark = window.matchMedia('(prefers-color-scheme: dark)');
  const apply = () => {
    root.dataset.theme = dark.matches ? 'dark' : 'light';
  };
  apply();
  dark.addEventListener('change', apply);
  return () => dark.removeEventListener('change', apply);
}
