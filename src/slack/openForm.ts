/**
 * Opening a modal for a person, and telling them when Slack won't: an expired trigger_id (3 s),
 * an error or a timeout would otherwise leave them clicking a button or a command that does
 * nothing. The one place every command, shortcut and button opens its form through.
 */
import type { RespondFn } from '@slack/bolt';
import type { ModalView } from '@slack/types';
import type { WebClient } from '@slack/web-api';

interface Logger {
  warn(...args: unknown[]): void;
}

export interface FormRequest {
  client: WebClient;
  logger: Logger;
  triggerId: string;
  view: ModalView;
  /** Who asked: told by DM when there is no response_url (App Home, modals, global shortcuts). */
  userId: string;
  /** The request's response_url reply, when it has one: the notice is then an ephemeral message where they are. */
  respond?: RespondFn | undefined;
  /** How to try again, e.g. "run `/plan` again" or "press *Triage* again". */
  retry: string;
  /** views.push: on top of the modal the person is in (a button inside a modal). */
  push?: boolean;
  /** What failed, for the log. */
  what: string;
  /** When the view only says something (a refusal in a small modal): that is what the person is told instead. */
  saying?: string;
}

/** The words a person reads when their form could not be opened. */
export const formFailedText = (retry: string): string => `Sorry, Slack didn't let me open the form just now. Please ${retry}.`;

/** Opens (or pushes) the view; when Slack refuses, tells the person how to try again. True when it opened. */
export async function openForm(request: FormRequest): Promise<boolean> {
  return (await showForm(request)) !== null;
}

export interface SlowFormRequest extends Omit<FormRequest, 'view' | 'saying'> {
  /** Shown at once, while the trigger_id is good: says what is being done. */
  placeholder: ModalView;
  /** The slow part (e.g. reading a message back from Slack): the view that replaces the placeholder. */
  build: () => Promise<ModalView>;
}

/**
 * A form that needs slow work before it can be shown: the placeholder opens first, because the
 * trigger_id is good for 3 s only, and the form replaces it when ready. True when the form shows.
 */
export async function openSlowForm({ placeholder, build, ...request }: SlowFormRequest): Promise<boolean> {
  const viewId = await showForm({ ...request, view: placeholder });
  if (viewId === null) return false;
  try {
    // A failed build must not leave the placeholder as the last word: it falls through to telling the person.
    await request.client.views.update({ view_id: viewId, view: await build() });
    return true;
  } catch (error) {
    request.logger.warn(`views.update failed for ${request.what}`, error);
  }
  await tellNotOpened(request);
  return false;
}

/** Opens (or pushes) the view and answers its id; null when Slack refused (and the person was told). */
async function showForm(request: FormRequest): Promise<string | null> {
  const { client, logger, triggerId, view, push = false, what } = request;
  try {
    const opened = push ? await client.views.push({ trigger_id: triggerId, view }) : await client.views.open({ trigger_id: triggerId, view });
    return opened.view?.id ?? '';
  } catch (error) {
    logger.warn(`views.${push ? 'push' : 'open'} failed for ${what}`, error);
  }
  await tellNotOpened(request);
  return null;
}

async function tellNotOpened({ client, logger, userId, respond, retry, what, saying }: Omit<FormRequest, 'view' | 'triggerId'>): Promise<void> {
  const text = saying ?? formFailedText(retry);
  try {
    if (respond) await respond({ response_type: 'ephemeral', text });
    // A direct DM rather than the outbox: a retried notice arriving minutes later would only confuse.
    else await client.chat.postMessage({ channel: userId, text });
  } catch (error) {
    logger.warn(`could not tell ${userId} that ${what} did not open`, error);
  }
}

/** Bolt's respond() of a request, but only when the request really has a response_url. */
export function respondOf(args: { body: unknown; respond?: RespondFn }): RespondFn | undefined {
  const body = args.body as { response_url?: unknown } | null;
  return body && typeof body.response_url === 'string' && body.response_url ? args.respond : undefined;
}

/** How the person retries, and the rest of a form request that is not read off the Slack request. */
export type FormHow = Pick<FormRequest, 'retry' | 'what' | 'push' | 'saying'>;

interface Opener {
  client: WebClient;
  logger: Logger;
}

/** Opens a form from a slash command: a failure notice goes to the command's response_url. */
export function openCommandForm(
  { client, logger, command, respond }: Opener & { command: { trigger_id: string; user_id: string }; respond: RespondFn },
  view: ModalView,
  how: FormHow,
): Promise<boolean> {
  return openForm({ client, logger, triggerId: command.trigger_id, view, userId: command.user_id, respond, ...how });
}

/** Opens a form from a button or a shortcut: a failure notice goes to its response_url when it has one, else by DM. */
export function openInteractionForm(
  { client, logger, body, respond }: Opener & { body: { trigger_id: string; user: { id: string } }; respond?: RespondFn },
  view: ModalView,
  how: FormHow,
): Promise<boolean> {
  return openForm({ client, logger, triggerId: body.trigger_id, view, userId: body.user.id, respond: respondOf({ body, respond }), ...how });
}
