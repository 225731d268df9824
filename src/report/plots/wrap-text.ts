/**
 * Breaking plot titles into lines that fit, by the same width estimate vega
 * uses when it lays out text without a canvas (render-svg.ts turns the canvas
 * off so SVGs do not depend on installed fonts): 0.8 × font size per
 * character (vega-scenegraph's estimateWidth). A line that fits by this
 * estimate is never cut with "…" by a title `limit` of the same width.
 */

/** vega's estimate of a text's width, px (rounded down, as vega does). */
export function estimateTextWidth_px(text: string, fontSize_px: number): number {
  return Math.floor(0.8 * text.length * fontSize_px);
}

/**
 * Lines of at most `width_px` (estimated) each, broken at spaces; a word
 * longer than a whole line (a long file name) is split inside itself.
 */
export function wrapToWidth(text: string, width_px: number, fontSize_px: number): string[] {
  const maxChars = Math.max(1, Math.floor(width_px / (0.8 * fontSize_px)));
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ').filter((w) => w !== '')) {
    const joined = line === '' ? word : `${line} ${word}`;
    if (joined.length <= maxChars) {
      line = joined;
      continue;
    }
    if (line !== '') lines.push(line);
    let rest = word;
    while (rest.length > maxChars) {
      lines.push(rest.slice(0, maxChars));
      rest = rest.slice(maxChars);
    }
    line = rest;
  }
  if (line !== '' || lines.length === 0) lines.push(line);
  return lines;
}
