import { it } from 'vitest';
import { freePort, spawnApp } from '../helpers/appProcess.js';
import { freshPgSchema } from '../helpers/testEngine.js';
import { startFakeSlack } from '../helpers/fakeSlack.js';
it('dbg', async () => {
  const slack = await startFakeSlack();
  const s = await freshPgSchema();
  const port = await freePort();
  const app = spawnApp({ port, databasePath: '/tmp/pgrun_x.sqlite', slackApiUrl: slack.apiUrl, env: { DATABASE_URL: s.url, LOG_LEVEL: 'debug' } });
  const t = Date.now();
  try { await app.healthy(60_000); console.log('healthy after', Date.now() - t); } catch (e) { console.log('ERR', (e as Error).message.slice(0, 3000)); }
  console.log(app.output.slice(0, 30).join('\n'));
  await app.kill('SIGKILL');
  await s.drop();
  await slack.stop();
}, 90_000);
