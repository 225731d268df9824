/**
 * A minimal XML reader for the tests: enough to prove an SVG is well formed
 * (every tag closed in order, attributes quoted) and to query its marks.
 * Not a general parser: no DTDs, CDATA or processing instructions, which
 * vega's SVG writer never emits.
 */
export interface XmlNode {
  name: string;
  attrs: Record<string, string>;
  children: XmlNode[];
  text: string;
}

const TAG = /<(\/?)([A-Za-z][\w:.-]*)((?:\s+[\w:.-]+="[^"]*")*)\s*(\/?)>/y;
const ATTR = /([\w:.-]+)="([^"]*)"/g;

function unescape(s: string): string {
  return s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
}

/** Parse; throws on any malformation (unclosed, mismatched or stray tags, a bare "<" or "&"). */
export function parseXml(xml: string): XmlNode {
  const root: XmlNode = { name: '#root', attrs: {}, children: [], text: '' };
  const stack: XmlNode[] = [root];
  let i = 0;
  while (i < xml.length) {
    const lt = xml.indexOf('<', i);
    const text = lt < 0 ? xml.slice(i) : xml.slice(i, lt);
    if (/&(?!(lt|gt|quot|amp|#\d+|#x[0-9a-fA-F]+);)/.test(text)) throw new Error(`bare & at ${i}`);
    (stack[stack.length - 1] as XmlNode).text += unescape(text);
    if (lt < 0) break;
    TAG.lastIndex = lt;
    const m = TAG.exec(xml);
    if (m === null) throw new Error(`malformed tag at ${lt}: ${xml.slice(lt, lt + 60)}`);
    const [whole, close, name, attrText, selfClose] = m as unknown as [string, string, string, string, string];
    if (close === '/') {
      const top = stack.pop();
      if (top === undefined || top.name !== name) throw new Error(`</${name}> at ${lt} closes <${top?.name ?? 'nothing'}>`);
    } else {
      const attrs: Record<string, string> = {};
      for (const a of attrText.matchAll(ATTR)) attrs[a[1] as string] = unescape(a[2] as string);
      const node: XmlNode = { name, attrs, children: [], text: '' };
      (stack[stack.length - 1] as XmlNode).children.push(node);
      if (selfClose !== '/') stack.push(node);
    }
    i = lt + whole.length;
  }
  if (stack.length !== 1) throw new Error(`unclosed <${(stack[stack.length - 1] as XmlNode).name}>`);
  return root;
}

/** Every node below `n` (depth first) that matches. */
export function findAll(n: XmlNode, match: (x: XmlNode) => boolean): XmlNode[] {
  const out: XmlNode[] = [];
  const walk = (x: XmlNode): void => {
    for (const c of x.children) {
      if (match(c)) out.push(c);
      walk(c);
    }
  };
  walk(n);
  return out;
}

export const hasClass = (x: XmlNode, ...classes: string[]): boolean => {
  const cls = (x.attrs.class ?? '').split(/\s+/);
  return classes.every((c) => cls.includes(c));
};

/** All text under a node. */
export function textOf(n: XmlNode): string {
  return n.text + n.children.map(textOf).join('');
}

/** Items drawn by the marks of one type (e.g. "line", "symbol", "rect", "text") with role-mark. */
export function markItems(svg: XmlNode, markType: string): XmlNode[] {
  return findAll(svg, (x) => x.name === 'g' && hasClass(x, `mark-${markType}`, 'role-mark')).flatMap((g) => g.children);
}

/** The axis titles, in document order. */
export function axisTitles(svg: XmlNode): string[] {
  return findAll(svg, (x) => x.name === 'g' && hasClass(x, 'role-axis-title')).map(textOf);
}

/** A legend entry: its label and how its symbol is drawn. */
export interface LegendEntry {
  label: string;
  attrs: Record<string, string>;
}

/** The entries of every legend, in document order (each entry has one symbol and one label). */
export function legendEntries(svg: XmlNode): LegendEntry[] {
  const symbols = findAll(svg, (x) => x.name === 'g' && hasClass(x, 'role-legend-symbol')).flatMap((g) => g.children);
  const labels = findAll(svg, (x) => x.name === 'g' && hasClass(x, 'role-legend-label')).flatMap((g) => g.children);
  if (symbols.length !== labels.length) throw new Error(`${symbols.length} legend symbols but ${labels.length} labels`);
  return labels.map((l, i) => ({ label: textOf(l), attrs: (symbols[i] as XmlNode).attrs }));
}

/** The series a line or point of a line plot belongs to, from its aria-label ("...; series: NAME"). */
export function seriesOfItem(item: XmlNode): string {
  const m = /; series: ([^;]*)/.exec(item.attrs['aria-label'] ?? '');
  if (m === null) throw new Error(`no series in ${item.attrs['aria-label'] ?? '(no aria-label)'}`);
  return m[1] as string;
}
