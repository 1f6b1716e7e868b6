/**
 * The yardstick: a bare Bolt app (same Bolt and web-api versions, same fake Slack) with one slash
 * command that acks and opens a modal, nothing else. Run as its own process by bench/run.ts.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, HTTPReceiver, LogLevel } from '@slack/bolt';
import { serveTasks } from './ipc.js';

const receiver = new HTTPReceiver({ signingSecret: process.env.SLACK_SIGNING_SECRET! });
const app = new App({
  token: process.env.SLACK_BOT_TOKEN!,
  receiver,
  logLevel: LogLevel.INFO,
  clientOptions: { slackApiUrl: process.env.SLACK_API_URL! },
});

app.command('/suggest', async ({ ack, client, command }) => {
  await ack();
  await client.views.open({
    trigger_id: command.trigger_id,
    view: {
      type: 'modal',
      callback_id: 'reference_suggest',
      title: { type: 'plain_text', text: 'Suggest' },
      submit: { type: 'plain_text', text: 'Send' },
      blocks: [
        {
          type: 'input',
          block_id: 'title',
          label: { type: 'plain_text', text: 'Title' },
          element: { type: 'plain_text_input', action_id: 'value', initial_value: command.text },
        },
      ],
    },
  });
});

const server = (await app.start(0)) as Server;
// The same idle-connection lifetime as the app's (KEEP_ALIVE_MS in src/server.ts, not imported so
// this process loads Bolt alone), so both keep the load generator's connections from the warm-up.
server.keepAliveTimeout = 65_000;
server.headersTimeout = 66_000;
const rssAtIdle = process.memoryUsage().rss;
serveTasks(
  {
    memory: () => ({ idleRss: rssAtIdle, rss: process.memoryUsage().rss, peakRss: process.resourceUsage().maxRSS * 1024 }),
    settle: () => null,
  },
  { port: (server.address() as AddressInfo).port },
);
