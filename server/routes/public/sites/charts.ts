import { html, type SafeMarkup } from "@server/text/markup.js";

// Small charts drawn on the server as inline SVG: no script, readable without CSS, with the
// figures also in the table beside them.

export type BarPair = { label: string; plan: number; actual: number };

/** Two bars per group (planned, realised), scaled to the largest value. */
export function planActualChart(
  groups: BarPair[],
  labels: { title: string; plan: string; actual: string },
  format: (value: number) => string,
): SafeMarkup {
  if (groups.length === 0) return html``;
  const max = Math.max(1, ...groups.flatMap((group) => [group.plan, group.actual]));
  const rowHeight = 44;
  const width = 640;
  const labelWidth = 120;
  const barSpace = width - labelWidth - 10;
  const height = groups.length * rowHeight + 30;
  const bar = (value: number) => Math.max(1, Math.round((value / max) * barSpace));
  return html`<figure>
<svg viewBox="0 0 ${width} ${height}" width="100%" role="img" aria-labelledby="chart-title" xmlns="http://www.w3.org/2000/svg" font-family="system-ui,sans-serif" font-size="12">
<title id="chart-title">${labels.title}</title>
${groups.map((group, i) => {
  const y = i * rowHeight + 4;
  return html`<g>
<text x="0" y="${y + 18}">${group.label}</text>
<rect x="${labelWidth}" y="${y}" width="${bar(group.plan)}" height="16" fill="#9ec5fe"><title>${labels.plan}: ${format(group.plan)}</title></rect>
<rect x="${labelWidth}" y="${y + 18}" width="${bar(group.actual)}" height="16" fill="#0b5cad"><title>${labels.actual}: ${format(group.actual)}</title></rect>
</g>`;
})}
<g transform="translate(${labelWidth},${height - 14})"><rect width="10" height="10" fill="#9ec5fe"/><text x="14" y="9">${labels.plan}</text><rect x="120" width="10" height="10" fill="#0b5cad"/><text x="134" y="9">${labels.actual}</text></g>
</svg>
<figcaption>${labels.title}</figcaption>
</figure>`;
}
