/** Untrusted text in and out of Slack's mrkdwn. */

/** Escapes &, < and > so user text can't ping @channel, mention people or forge links. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * Turns a Slack message's markup into plain text before it is stored: <@U1|ann> -> @ann,
 * <#C1|general> -> #general, <https://x|label> -> label (https://x), <!here> -> @here, entities decoded.
 */
export function slackMarkupToPlain(text: string): string {
  const plain = text.replace(/<([^<>]*)>/g, (_whole, inner: string) => {
    const [target = '', label] = inner.split('|', 2);
    if (target.startsWith('@')) return `@${label ?? target.slice(1)}`;
    if (target.startsWith('#')) return `#${label ?? target.slice(1)}`;
    if (target.startsWith('!')) {
      const special = target.slice(1).split('^')[0] ?? '';
      return label ?? `@${special.replace(/^subteam\^?/, '')}`;
    }
    return label && label !== target ? `${label} (${target})` : target;
  });
  return plain.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/** A safe mrkdwn link; a non-http(s) URL is shown as text rather than linked. */
export function mrkdwnLink(url: string | null | undefined, label: string): string {
  if (!url || !/^https?:\/\/[^\s<>|]+$/.test(url)) return escapeMrkdwn(label);
  return `<${url}|${escapeMrkdwn(label).replace(/\|/g, '¦')}>`;
}

export const mentionUser = (userId: string) => (/^[UW][A-Z0-9_]+$/.test(userId) ? `<@${userId}>` : escapeMrkdwn(userId));
export const mentionChannel = (channelId: string) => (/^[CGD][A-Z0-9_]+$/.test(channelId) ? `<#${channelId}>` : escapeMrkdwn(channelId));

/** A time each reader sees in their own timezone (Slack date formatting), with a UTC fallback. */
export const slackTime = (at: number) => `<!date^${Math.floor(at / 1000)}^{time}|${new Date(at).toISOString().slice(11, 16)} UTC>`;
