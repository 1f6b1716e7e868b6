import { describe, expect, it } from 'vitest';
import { escapeMrkdwn, mentionUser, mrkdwnLink, slackMarkupToPlain } from '../../../src/slack/ui/mrkdwn.js';

describe('escapeMrkdwn', () => {
  it('escapes &, < and > so text cannot ping, mention or link', () => {
    expect(escapeMrkdwn('<!channel> & <@U1> <https://x|y>')).toBe('&lt;!channel&gt; &amp; &lt;@U1&gt; &lt;https://x|y&gt;');
  });
  it('escapes an already-escaped entity again (what you see is what was typed)', () => {
    expect(escapeMrkdwn('&amp;')).toBe('&amp;amp;');
  });
});

describe('slackMarkupToPlain', () => {
  it.each([
    ['hi <@U123|ann>', 'hi @ann'],
    ['hi <@U123>', 'hi @U123'],
    ['in <#C1|general>', 'in #general'],
    ['<!here> look', '@here look'],
    ['<!subteam^S1|@devs> ping', '@devs ping'],
    ['see <https://a.b/c|the doc>', 'see the doc (https://a.b/c)'],
    ['see <https://a.b/c>', 'see https://a.b/c'],
    ['a &lt;b&gt; &amp; c', 'a <b> & c'],
  ])('%s -> %s', (input, output) => {
    expect(slackMarkupToPlain(input)).toBe(output);
  });
});

describe('mrkdwnLink', () => {
  it('links http(s) URLs with an escaped label', () => {
    expect(mrkdwnLink('https://x.slack.com/p1', 'a <b> | c')).toBe('<https://x.slack.com/p1|a &lt;b&gt; ¦ c>');
  });
  it('refuses other schemes and URLs that could break out of the link', () => {
    expect(mrkdwnLink('javascript:alert(1)', 'x')).toBe('x');
    expect(mrkdwnLink('https://x|<!channel>', 'x')).toBe('x');
    expect(mrkdwnLink(null, '<b>')).toBe('&lt;b&gt;');
  });
});

describe('mentionUser', () => {
  it('mentions real-looking ids and escapes anything else', () => {
    expect(mentionUser('U123ABC')).toBe('<@U123ABC>');
    expect(mentionUser('<!channel>')).toBe('&lt;!channel&gt;');
  });
});
