/**
 * The vocabulary of the item event log (item_events). Burndown, digests and metrics read these
 * kinds, so every writer uses the constants below and fills the columns as documented.
 *
 * kind            field          from -> to                      sprint_id  points  reason
 * created         status         null -> inbox                   -          -       source
 * status          status         old -> new status               (if any)   pts     why (reject reason...)
 * field           <column name>  old -> new value                -          -       -
 * rank            rank           old -> new rank                 -          -       top|up|down|to N|wsjf|priority|returned
 * estimate        story_points   old -> new points               (if any)   new     poker|triage|edit
 * merged          merged_into    null -> surviving item id       -          -       -
 * asked           open_question  null -> question                -          -       -
 * answered        question_answer null -> answer                 -          -       -
 * sprint_added    sprint         null -> sprint id               sprint     pts     planned | <override reason>
 * sprint_removed  sprint         sprint id -> null               sprint     pts     returned | <reason>
 * work_state      work_state     todo|in_progress|done -> ...    sprint     pts     standup|sprint|home
 * task            task           old state -> new state          sprint     -       task title
 *
 * Scope rule: sprint_added with reason 'planned' at sprint start is the committed scope; any
 * later sprint_added/sprint_removed in the same sprint is a scope change (shown separately).
 */
export const EVENT = {
  created: 'created',
  status: 'status',
  field: 'field',
  rank: 'rank',
  estimate: 'estimate',
  merged: 'merged',
  asked: 'asked',
  answered: 'answered',
  sprintAdded: 'sprint_added',
  sprintRemoved: 'sprint_removed',
  workState: 'work_state',
  task: 'task',
} as const;

export type EventKind = (typeof EVENT)[keyof typeof EVENT];

/** reason of the sprint_added events written when a sprint starts. */
export const PLANNED_SCOPE_REASON = 'planned';
/** reason of the sprint_removed events written at sprint close for unfinished items. */
export const RETURNED_AT_CLOSE_REASON = 'returned';
/** reason of the status event of an item planned without being Ready; the PO's own reason follows it. */
export const READY_OVERRIDE_REASON = 'ready_override';
/** reason of the re-prioritisation flag set when someone asks for an item while the sprint's scope is locked. */
export const ASKED_DURING_LOCK_REASON = 'asked_during_locked_sprint';
