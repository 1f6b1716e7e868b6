/**
 * What a team's backlog export holds, and who may take it: the Product Owner and the Scrum Master
 * (the backlog is shown to everyone in Slack, but a file leaves Slack with every requester in it).
 */
import type { Repositories } from '../db/repositories/index.js';
import type { Item } from '../db/repositories/items.js';
import type { Team } from '../db/repositories/teams.js';
import { serviceKit } from './serviceKit.js';
import { formatItemRef } from './itemRef.js';
import { wsjfScore } from './prioritisation.js';
import { requireRole } from './roles.js';

export const EXPORTED_STATUSES = ['backlog', 'inbox', 'icebox'] as const;

export interface ExportedItem {
  ref: string;
  item: Item;
  /** 1-based place in the product backlog (backlog items only). */
  position: number | null;
  wsjf: number | null;
}

export interface BacklogExport {
  team: Team;
  /** The product backlog in its order, then the inbox oldest first, then the icebox. */
  items: ExportedItem[];
}

export function createExportService({ repos }: { repos: Repositories }) {
  const { requireTeam } = serviceKit(repos);
  return {
    /** The team's backlog, inbox and icebox, for its PO or SM; 'export.not_allowed' for anyone else. */
    async backlog(teamId: number, userId: string): Promise<BacklogExport> {
      const team = await requireTeam(teamId);
      requireRole({ team, members: await repos.teams.members(teamId), actor: { userId, isWorkspaceAdmin: false } }, ['po', 'sm'], 'export.not_allowed', {
        action: 'backlog.export',
      });
      const items: ExportedItem[] = [];
      for (const status of EXPORTED_STATUSES) {
        const listed = await repos.items.listByStatus(teamId, status);
        items.push(
          ...listed.map((item, index) => ({
            ref: formatItemRef(team.itemPrefix, item.number),
            item,
            position: status === 'backlog' ? index + 1 : null,
            wsjf: wsjfScore(item),
          })),
        );
      }
      return { team, items };
    },
  };
}

export type ExportService = ReturnType<typeof createExportService>;
