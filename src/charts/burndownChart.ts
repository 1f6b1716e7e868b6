/**
 * The burndown chart as a PNG, rendered on the server without a browser: an SVG built here and
 * rasterised by resvg (Rust) with the Inter font from an npm package, so every machine draws the
 * same pixels (system fonts are never loaded).
 */
import { createRequire } from 'node:module';
import { Resvg } from '@resvg/resvg-js';
import type { Burndown } from '../domain/burndown.js';
import { isoWeekday } from '../domain/localTime.js';

export const CHART_WIDTH = 1200;
export const CHART_HEIGHT = 600;

const require = createRequire(import.meta.url);
const FONT_FILES = [
  require.resolve('@expo-google-fonts/inter/400Regular/Inter_400Regular.ttf'),
  require.resolve('@expo-google-fonts/inter/700Bold/Inter_700Bold.ttf'),
];
const FONT = 'Inter';

const COLORS = {
  text: '#1f2937',
  muted: '#6b7280',
  grid: '#e5e7eb',
  axis: '#9ca3af',
  weekend: '#f3f4f6',
  ideal: '#9ca3af',
  remaining: '#2563eb',
  completed: '#16a34a',
  scope: '#b45309',
  added: '#f59e0b',
  removed: '#8b5cf6',
  reopened: '#dc2626',
  today: '#dc2626',
};

export interface BurndownChartInput {
  /** e.g. "Platform: Sprint 14 burndown". */
  title: string;
  /** e.g. "16 Nov to 27 Nov 2026 · day 6 of 10 · points". */
  subtitle: string;
  burndown: Burndown;
}

const PLOT = { left: 90, right: CHART_WIDTH - 40, top: 100, bottom: 455 };
const DAY_NAMES = ['', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Escapes text for SVG content and attributes. */
export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

/** A round step giving about `count` ticks up to max (1, 2, 2.5, 5 x 10^k). */
function niceStep(max: number, count = 5): number {
  const raw = max / count;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((candidate) => candidate >= raw) ?? 10 * magnitude;
  return step < 1 && max >= 5 ? 1 : step;
}

const fmt = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(1));
const f1 = (n: number) => n.toFixed(1);

/** A text element; with halo, a white outline is drawn first so labels over lines stay readable. */
function text(x: number, y: number, content: string, attrs = '', halo = false): string {
  const element = (extra: string) => `<text x="${f1(x)}" y="${f1(y)}" font-family="${FONT}" ${attrs}${extra}>${escapeXml(content)}</text>`;
  return halo ? element(' stroke="#ffffff" stroke-width="4" stroke-linejoin="round"') + element('') : element('');
}

/** The chart as an SVG document (pure; exported for tests). */
export function buildBurndownSvg({ title, subtitle, burndown }: BurndownChartInput): string {
  const { points, todayIndex, unit } = burndown;
  const n = Math.max(1, points.length - 1);
  const known = points.slice(0, todayIndex + 1);
  const maxValue = Math.max(
    1,
    burndown.committed,
    ...known.map((p) => Math.max(p.scope ?? 0, p.remaining ?? 0)),
    ...points.map((p) => Math.max(p.ideal, p.addedToday, p.removedToday)),
  );
  const step = niceStep(maxValue);
  const yMax = Math.ceil(maxValue / step) * step;
  const x = (index: number) => PLOT.left + ((PLOT.right - PLOT.left) * index) / n;
  const y = (v: number) => PLOT.bottom - ((PLOT.bottom - PLOT.top) * v) / yMax;
  const dayWidth = (PLOT.right - PLOT.left) / n;
  const out: string[] = [];

  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${CHART_WIDTH}" height="${CHART_HEIGHT}" viewBox="0 0 ${CHART_WIDTH} ${CHART_HEIGHT}">`);
  out.push(`<rect width="${CHART_WIDTH}" height="${CHART_HEIGHT}" fill="#ffffff"/>`);
  out.push(text(40, 44, title, `font-size="26" font-weight="700" fill="${COLORS.text}"`));
  out.push(text(40, 72, subtitle, `font-size="15" fill="${COLORS.muted}"`));

  // Non-working days: the shaded band covers the day that ends at point d.
  for (let d = 1; d < points.length; d += 1) {
    if (!points[d]!.working) {
      out.push(`<rect x="${f1(x(d - 1))}" y="${PLOT.top}" width="${f1(dayWidth)}" height="${PLOT.bottom - PLOT.top}" fill="${COLORS.weekend}"/>`);
    }
  }

  for (let v = 0; v <= yMax + 1e-9; v += step) {
    out.push(`<line x1="${PLOT.left}" y1="${f1(y(v))}" x2="${PLOT.right}" y2="${f1(y(v))}" stroke="${COLORS.grid}" stroke-width="1"/>`);
    out.push(text(PLOT.left - 10, y(v) + 5, fmt(Math.round(v * 100) / 100), `font-size="13" fill="${COLORS.muted}" text-anchor="end"`));
  }
  out.push(`<line x1="${PLOT.left}" y1="${PLOT.top}" x2="${PLOT.left}" y2="${PLOT.bottom}" stroke="${COLORS.axis}" stroke-width="1.5"/>`);
  out.push(`<line x1="${PLOT.left}" y1="${PLOT.bottom}" x2="${PLOT.right}" y2="${PLOT.bottom}" stroke="${COLORS.axis}" stroke-width="1.5"/>`);
  const yLabel = unit === 'points' ? 'Story points' : 'Items (no estimates: counting items)';
  out.push(
    text(
      24,
      (PLOT.top + PLOT.bottom) / 2,
      yLabel,
      `font-size="13" fill="${COLORS.muted}" text-anchor="middle" transform="rotate(-90 24 ${(PLOT.top + PLOT.bottom) / 2})"`,
    ),
  );

  const labelEvery = n > 24 ? 3 : n > 14 ? 2 : 1;
  points.forEach((point, d) => {
    const tickX = x(d);
    out.push(`<line x1="${f1(tickX)}" y1="${PLOT.bottom}" x2="${f1(tickX)}" y2="${PLOT.bottom + 5}" stroke="${COLORS.axis}"/>`);
    if (d === 0) {
      out.push(text(tickX, PLOT.bottom + 22, 'start', `font-size="12" fill="${COLORS.muted}" text-anchor="middle"`));
      return;
    }
    if (d % labelEvery !== 0 && d !== n) return;
    const [, month = 1, day = 1] = point.date.split('-').map(Number);
    const weight = d === todayIndex ? 'font-weight="700"' : '';
    out.push(text(tickX, PLOT.bottom + 22, DAY_NAMES[isoWeekday(point.date)] ?? '', `font-size="12" fill="${COLORS.text}" text-anchor="middle" ${weight}`));
    out.push(text(tickX, PLOT.bottom + 38, `${day} ${MONTHS[month - 1]}`, `font-size="12" fill="${COLORS.muted}" text-anchor="middle" ${weight}`));
  });
  out.push(
    text((PLOT.left + PLOT.right) / 2, PLOT.bottom + 60, 'End of each sprint day (team time)', `font-size="13" fill="${COLORS.muted}" text-anchor="middle"`),
  );

  // Scope changes, as bars from zero on the day they happened.
  const barLabels: string[] = [];
  const barWidth = Math.max(3, Math.min(14, dayWidth / 4));
  points.forEach((point, d) => {
    if (point.addedToday > 0) {
      const bx = x(d) - barWidth - 1;
      out.push(
        `<rect x="${f1(bx)}" y="${f1(y(point.addedToday))}" width="${f1(barWidth)}" height="${f1(PLOT.bottom - y(point.addedToday))}" fill="${COLORS.added}" fill-opacity="0.85"/>`,
      );
      barLabels.push(
        text(
          bx + barWidth / 2,
          y(point.addedToday) - 5,
          `+${fmt(point.addedToday)}`,
          `font-size="12" font-weight="700" fill="${COLORS.scope}" text-anchor="middle"`,
          true,
        ),
      );
    }
    if (point.removedToday > 0) {
      const bx = x(d) + 1;
      out.push(
        `<rect x="${f1(bx)}" y="${f1(y(point.removedToday))}" width="${f1(barWidth)}" height="${f1(PLOT.bottom - y(point.removedToday))}" fill="${COLORS.removed}" fill-opacity="0.85"/>`,
      );
      barLabels.push(
        text(
          bx + barWidth / 2,
          y(point.removedToday) - 5,
          `−${fmt(point.removedToday)}`,
          `font-size="12" font-weight="700" fill="${COLORS.removed}" text-anchor="middle"`,
          true,
        ),
      );
    }
  });

  const line = (values: (number | null)[], color: string, extra: string) => {
    const coords = values.flatMap((v, d) => (v === null ? [] : [`${f1(x(d))},${f1(y(v))}`]));
    if (coords.length > 1) out.push(`<polyline points="${coords.join(' ')}" fill="none" stroke="${color}" ${extra}/>`);
  };
  const stepLine = (values: (number | null)[], color: string, extra: string) => {
    const coords: string[] = [];
    values.forEach((v, d) => {
      if (v === null) return;
      if (coords.length > 0) coords.push(`${f1(x(d))},${f1(y(values[d - 1] ?? v))}`);
      coords.push(`${f1(x(d))},${f1(y(v))}`);
    });
    if (coords.length > 1) out.push(`<polyline points="${coords.join(' ')}" fill="none" stroke="${color}" ${extra}/>`);
  };
  // Drawn in this order: the ideal under scope, scope under work done, what remains on top.
  const series: [draw: typeof line, values: (number | null)[], color: string, extra: string][] = [
    [line, points.map((p) => p.ideal), COLORS.ideal, 'stroke-width="2" stroke-dasharray="8 6"'],
    [stepLine, points.map((p) => p.scope), COLORS.scope, 'stroke-width="2"'],
    [line, points.map((p) => p.completed), COLORS.completed, 'stroke-width="2.5"'],
    [line, points.map((p) => p.remaining), COLORS.remaining, 'stroke-width="3.5" stroke-linejoin="round"'],
  ];
  for (const [draw, values, color, extra] of series) draw(values, color, extra);
  points.forEach((point, d) => {
    if (point.remaining === null) return;
    out.push(`<circle cx="${f1(x(d))}" cy="${f1(y(point.remaining))}" r="4" fill="${COLORS.remaining}"/>`);
    if (point.reopenedToday > 0) {
      const cx = x(d);
      const cy = y(point.remaining) - 12;
      out.push(`<path d="M ${f1(cx)} ${f1(cy - 7)} L ${f1(cx + 7)} ${f1(cy + 5)} L ${f1(cx - 7)} ${f1(cy + 5)} Z" fill="${COLORS.reopened}"/>`);
    }
  });

  // Bar labels go over the lines so a line never hides them.
  out.push(...barLabels);
  if (todayIndex > 0 && todayIndex < points.length - 1) {
    const tx = x(todayIndex);
    out.push(
      `<line x1="${f1(tx)}" y1="${PLOT.top - 8}" x2="${f1(tx)}" y2="${PLOT.bottom}" stroke="${COLORS.today}" stroke-width="1.5" stroke-dasharray="4 4"/>`,
    );
    out.push(text(tx, PLOT.top - 12, 'today', `font-size="13" font-weight="700" fill="${COLORS.today}" text-anchor="middle"`));
  }
  if (burndown.current.scope === 0 && burndown.committed === 0) {
    out.push(
      text(
        (PLOT.left + PLOT.right) / 2,
        (PLOT.top + PLOT.bottom) / 2,
        'Nothing in this sprint yet',
        `font-size="20" fill="${COLORS.muted}" text-anchor="middle"`,
      ),
    );
  }

  const legend: [string, string, 'line' | 'dash' | 'bar' | 'marker'][] = [
    ['Remaining', COLORS.remaining, 'line'],
    ['Ideal', COLORS.ideal, 'dash'],
    ['Completed (burnup)', COLORS.completed, 'line'],
    ['Total scope', COLORS.scope, 'line'],
    ['Added mid-sprint', COLORS.added, 'bar'],
    ['Removed mid-sprint', COLORS.removed, 'bar'],
  ];
  if (burndown.reopened.length > 0) legend.push(['Reopened', COLORS.reopened, 'marker']);
  let lx = PLOT.left;
  const ly = CHART_HEIGHT - 40;
  for (const [label, color, kind] of legend) {
    if (kind === 'bar') out.push(`<rect x="${lx}" y="${ly - 12}" width="14" height="14" fill="${color}"/>`);
    else if (kind === 'marker') out.push(`<path d="M ${lx + 7} ${ly - 12} L ${lx + 14} ${ly + 2} L ${lx} ${ly + 2} Z" fill="${color}"/>`);
    else
      out.push(
        `<line x1="${lx}" y1="${ly - 5}" x2="${lx + 24}" y2="${ly - 5}" stroke="${color}" stroke-width="3" ${kind === 'dash' ? 'stroke-dasharray="6 4"' : ''}/>`,
      );
    const swatch = kind === 'line' || kind === 'dash' ? 32 : 22;
    out.push(text(lx + swatch, ly, label, `font-size="14" fill="${COLORS.text}"`));
    lx += swatch + label.length * 8 + 26;
  }
  out.push('</svg>');
  return out.join('\n');
}

/** Renders the burndown chart to a CHART_WIDTH x CHART_HEIGHT PNG. */
export function renderBurndownPng(input: BurndownChartInput): Buffer {
  const resvg = new Resvg(buildBurndownSvg(input), {
    fitTo: { mode: 'original' },
    font: { loadSystemFonts: false, fontFiles: FONT_FILES, defaultFontFamily: FONT },
    background: '#ffffff',
  });
  return resvg.render().asPng();
}
