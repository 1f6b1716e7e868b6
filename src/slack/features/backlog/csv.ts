/** The /backlog export file: one row per backlog, inbox and icebox item, as a spreadsheet reads it. */
import type { BacklogExport } from '../../../domain/exports.js';
import { toCsv } from '../../../export/csv.js';
import { TYPE_LABELS, MOSCOW_LABELS } from '../../ui/itemLabels.js';

export const BACKLOG_CSV_HEADER = [
  'id',
  'title',
  'type',
  'status',
  'backlog position',
  'MoSCoW',
  'business value',
  'time criticality',
  'risk reduction',
  'job size',
  'WSJF score',
  'story points',
  'requester',
  'created',
  'decided',
  'source link',
] as const;

/** Epoch ms as ISO 8601 UTC to the second: unambiguous, and sorts as text. */
const isoTime = (at: number | null): string | null => (at === null ? null : new Date(at).toISOString().replace(/\.\d{3}Z$/, 'Z'));

export function buildBacklogCsv({ items }: BacklogExport): string {
  return toCsv(
    BACKLOG_CSV_HEADER,
    items.map(({ ref, item, position, wsjf }) => [
      ref,
      item.title,
      TYPE_LABELS[item.type],
      item.status,
      position,
      item.moscow ? MOSCOW_LABELS[item.moscow] : null,
      item.businessValue,
      item.timeCriticality,
      item.riskReduction,
      item.jobSize,
      wsjf,
      item.storyPoints,
      item.requesterId,
      isoTime(item.createdAt),
      isoTime(item.triagedAt),
      item.permalink,
    ]),
  );
}

/** backlog-platform-2026-11-30.csv: the team's name made safe for a file name. */
export function backlogCsvFilename(teamName: string, today: string): string {
  const slug = teamName
    .normalize('NFKD')
    .replace(/[^\w]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .toLowerCase()
    .slice(0, 40);
  return `backlog-${slug || 'team'}-${today}.csv`;
}
