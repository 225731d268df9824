import { PLOT_FONT } from '../plots/theme.js';

/** The report's only style sheet, inlined (the page loads nothing from anywhere). */
export const REPORT_CSS = `
body { font-family: ${PLOT_FONT}; color: #222; margin: 0 auto; padding: 1rem 2rem 3rem; max-width: 1200px; line-height: 1.4; }
h1 { font-size: 1.6rem; margin-bottom: 0.2rem; }
h2 { font-size: 1.25rem; border-bottom: 1px solid #ccc; padding-bottom: 0.2rem; margin-top: 2.2rem; }
nav a { margin-right: 1rem; }
.lede { color: #555; margin-top: 0; }
.plots { display: flex; flex-wrap: wrap; gap: 1.5rem; }
figure { margin: 0; border: 1px solid #e3e3e3; padding: 0.5rem; background: #fff; }
figure svg { max-width: 100%; height: auto; display: block; }
figcaption { font-size: 0.85rem; color: #555; max-width: 760px; margin-top: 0.3rem; }
table { border-collapse: collapse; margin: 0.8rem 0 1.6rem; font-size: 0.9rem; }
caption { text-align: left; font-weight: bold; padding-bottom: 0.3rem; }
th, td { border: 1px solid #ddd; padding: 0.25rem 0.6rem; vertical-align: top; }
th { background: #f3f3f3; text-align: left; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.bad { color: #a00; font-style: italic; }
td.base { color: #555; font-style: italic; }
tbody tr:nth-child(even) { background: #fafafa; }
pre { background: #f6f6f6; border: 1px solid #e3e3e3; padding: 0.6rem; overflow-x: auto; font-size: 0.8rem; max-height: 32rem; }
ul.notes li { margin-bottom: 0.3rem; }
`;
