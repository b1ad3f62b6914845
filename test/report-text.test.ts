// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { escapeHtml, markdownCell } from '../scripts/report-text.mjs';

describe('report text', () => {
  it('a markdown cell has no column break, new line, markup, code span or @mention', () => {
    expect(markdownCell('a | b\nc <img src=x> @octocat `code`\r\nd\\e')).toBe("a \\| b c &lt;img src=x&gt; @\u200boctocat 'code' d\\\\e");
  });

  it('HTML gets no tag or attribute break from text', () => {
    expect(escapeHtml('<a href="x">it\'s & more</a>')).toBe('&#60;a href=&#34;x&#34;&#62;it&#39;s &#38; more&#60;/a&#62;');
  });
});
