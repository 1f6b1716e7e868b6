/** npm run manifest: rewrites manifest.http.json from manifest.json (see httpManifest.ts). */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { httpManifest, manifestText } from './httpManifest.js';

const root = fileURLToPath(new URL('../', import.meta.url));
const socket = JSON.parse(readFileSync(`${root}manifest.json`, 'utf8'));
writeFileSync(`${root}manifest.http.json`, manifestText(httpManifest(socket)));
process.stdout.write('manifest.http.json written from manifest.json\n');
