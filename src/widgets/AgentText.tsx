import { useState, type ElementType } from 'react';
import { clip, TEXT_PREVIEW_CHARS } from './agent-text';

interface AgentTextProps {
  text: string;
  as?: ElementType;
  className?: string;
  limit?: number;
  /** What the text is, for the toggle's accessible name ("Show all of the rationale"). */
  label: string;
}

/**
 * Text an agent wrote, of any length: rendered as text (never markup), and cut to a preview
 * with "Show more" when long, so a 10,000-character hash or URL never has to lay out at once.
 */
export function AgentText({ text, as: Tag = 'p', className, limit = TEXT_PREVIEW_CHARS, label }: AgentTextProps) {
  const [expanded, setExpanded] = useState(false);
  const long = text.length > limit;
  return (
    <>
      <Tag className={className}>{long && !expanded ? clip(text, limit) : text}</Tag>
      {long && (
        <button type="button" className="link-button agent-text__toggle" aria-expanded={expanded} aria-label={expanded ? `Show less of the ${label}` : `Show all of the ${label}`} onClick={() => setExpanded(!expanded)}>
          {expanded ? 'Show less' : `Show more (${text.length.toLocaleString('en-US')} characters)`}
        </button>
      )}
    </>
  );
}
