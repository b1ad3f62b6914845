import { useState, type ElementType } from 'react';
import { HIDDEN_MARK, revealHidden, shownText, TEXT_PREVIEW_CHARS } from './agent-text';

interface AgentTextProps {
  text: string;
  as?: ElementType;
  className?: string;
  limit?: number;
  /** What the text is, for the toggle's accessible name ("Show all of the rationale"). */
  label: string;
}

const MARKS = new RegExp(`(${HIDDEN_MARK.source})`, 'g');

/** `text` with each revealed hidden character highlighted, so the reviewer sees where it sits. */
export function Revealed({ text }: { text: string }) {
  const parts = text.split(MARKS);
  if (parts.length === 1) return text;
  return parts.map((part, index) =>
    index % 2 === 1 ? (
      // The parts of one string in a fixed order: their index is their identity.
      <mark key={index} className="hidden-char" title="An invisible or direction-changing character">
        {part}
      </mark>
    ) : (
      part
    ),
  );
}

/**
 * Text an agent wrote, of any length: rendered as text (never markup), with invisible and
 * direction-changing characters shown as their code points, and cut to a preview with
 * "Show more" when long, so a 10,000-character hash or URL never has to lay out at once.
 */
export function AgentText({ text, as: Tag = 'p', className, limit = TEXT_PREVIEW_CHARS, label }: AgentTextProps) {
  const [expanded, setExpanded] = useState(false);
  const revealed = revealHidden(text);
  const long = revealed.length > limit;
  return (
    <>
      <Tag className={className}>
        <Revealed text={long && !expanded ? shownText(text, limit) : revealed} />
      </Tag>
      {long && (
        <button
          type="button"
          className="link-button agent-text__toggle"
          aria-expanded={expanded}
          aria-label={expanded ? `Show less of the ${label}` : `Show all of the ${label}`}
          onClick={() => setExpanded(!expanded)}
        >
          {expanded ? 'Show less' : `Show more (${text.length.toLocaleString('en-US')} characters)`}
        </button>
      )}
    </>
  );
}
