import type { PlotSpec } from './theme.js';

/**
 * Render a vega-lite spec to an SVG string (vega-render.ts). vega and vega-lite are loaded here, on the first
 * plot, not when the library is imported: they take a large share of a start-up, and vega's module has a
 * top-level await, which stops `import 'maxnvm'` from a CommonJS or TypeScript script that loads it synchronously.
 */
export async function renderSvg(spec: PlotSpec): Promise<string> {
  const { renderWithVega } = await import('./vega-render.js');
  return renderWithVega(spec);
}

/**
 * Give every id of an SVG a prefix, and rewrite the references to them
 * (`url(#id)`, `href="#id"`), so several SVGs can share one HTML document.
 */
export function prefixSvgIds(svg: string, prefix: string): string {
  return svg
    .replace(/\bid="([^"]+)"/g, (_m, id: string) => `id="${prefix}${id}"`)
    .replace(/url\(#([^)]+)\)/g, (_m, id: string) => `url(#${prefix}${id})`)
    .replace(/href="#([^"]+)"/g, (_m, id: string) => `href="#${prefix}${id}"`);
}
