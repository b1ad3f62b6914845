import { hasHiddenCharacters } from './agent-text';

/**
 * Said on a card whose text holds invisible or direction-changing characters: such text can read
 * as something other than what was sent (`invoice_‹U+202E›fdp.exe` displays as "invoice_exe.pdf"),
 * so each one is shown as its code point and the reader is told to read what was sent.
 */
export function HiddenCharactersWarning({ texts, what }: { texts: readonly string[]; what: string }) {
  if (!texts.some(hasHiddenCharacters)) return null;
  return (
    <p role="note" className="notice hidden-char-warning">
      This {what} contains invisible or direction-changing characters, shown as ‹U+…›. Text with them can read as something other than what was sent: check the
      marked places before you act on it.
    </p>
  );
}
