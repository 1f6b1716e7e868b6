import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildBurndownSvg, CHART_HEIGHT, CHART_WIDTH, renderBurndownPng } from '../../src/charts/burndownChart.js';
import { computeBurndown } from '../../src/domain/burndown.js';
import { fixedSprintEvents, FIXED_SPRINT } from '../helpers/sprintFixtures.js';

function pngSize(png: Buffer): { width: number; height: number } {
  // IHDR is the first chunk: 8-byte signature, 4-byte length, "IHDR", then width and height.
  expect(png.subarray(12, 16).toString('ascii')).toBe('IHDR');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

describe('burndown chart', () => {
  const burndown = computeBurndown({
    sprint: FIXED_SPRINT,
    timezone: 'UTC',
    events: fixedSprintEvents(),
    now: Date.parse('2026-11-23T17:00:00Z'),
  });
  const input = { title: 'Platform: Sprint 14 burndown', subtitle: '16 Nov to 27 Nov 2026 · day 6 of 10 · story points', burndown };

  it('renders a PNG of the expected size from a fixed sprint', () => {
    const png = renderBurndownPng(input);
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(pngSize(png)).toEqual({ width: CHART_WIDTH, height: CHART_HEIGHT });
    expect(png.length).toBeGreaterThan(10_000);
    if (process.env.BURNDOWN_SAMPLE) writeFileSync(process.env.BURNDOWN_SAMPLE, png);
  });

  it('draws title, legend, today marker, dates and scope bars', () => {
    const svg = buildBurndownSvg(input);
    for (const label of [
      'Platform: Sprint 14 burndown',
      'Remaining',
      'Ideal',
      'Completed (burnup)',
      'Total scope',
      'Added mid-sprint',
      'today',
      '23 Nov',
      'Story points',
      '+5',
    ]) {
      expect(svg).toContain(`>${label}<`);
    }
    expect(svg).toContain('>Reopened<');
  });

  it('escapes text in the SVG', () => {
    const svg = buildBurndownSvg({ ...input, title: 'R&D <team> "x"' });
    expect(svg).toContain('R&amp;D &lt;team&gt; &quot;x&quot;');
  });

  it('labels the axis with items when nothing is estimated', () => {
    const items = computeBurndown({
      ...{ sprint: FIXED_SPRINT, timezone: 'UTC', now: Date.parse('2026-11-18T17:00:00Z') },
      events: fixedSprintEvents().map((e) => ({ ...e, points: null, kind: e.kind === 'estimate' ? 'field' : e.kind })),
    });
    expect(items.unit).toBe('items');
    expect(buildBurndownSvg({ ...input, burndown: items })).toContain('Items (no estimates: counting items)');
  });
});
