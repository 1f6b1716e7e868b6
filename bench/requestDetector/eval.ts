/**
 * npm run eval: the request detector on the held-out test split (never used for training or
 * tuning): precision, recall, F1, the misclassified messages, and classification time per message.
 */
import { detectRequest } from '../../src/domain/requestDetector.js';
import { REQUEST_MODEL } from '../../src/domain/requestModel.js';
import { readCorpus } from './corpus.js';
import { measure } from './fit.js';

const TARGETS = { precision: 0.9, recall: 0.75, msPerMessage: 1 };
const test = readCorpus('test');
const result = measure(test, REQUEST_MODEL);
const requests = test.filter((row) => row.label === 'request').length;

// Microbenchmark of the pure function: warm up, then time many passes over the corpus.
const all = [...readCorpus('train'), ...test];
for (let i = 0; i < 20; i += 1) for (const row of all) detectRequest(row.text);
const passes = 200;
const started = process.hrtime.bigint();
let sink = 0;
for (let i = 0; i < passes; i += 1) for (const row of all) sink += detectRequest(row.text).score;
const msPerMessage = Number(process.hrtime.bigint() - started) / 1e6 / (passes * all.length);
const longText = `${'could you please add an export of the monthly report with all the columns we discussed, '.repeat(40)}`;
const longStarted = process.hrtime.bigint();
for (let i = 0; i < 2_000; i += 1) sink += detectRequest(longText).score;
const msLong = Number(process.hrtime.bigint() - longStarted) / 1e6 / 2_000;

const pass = (ok: boolean) => (ok ? 'meets target' : 'BELOW TARGET');
console.log(`Request detector, held-out test split: ${test.length} messages (${requests} requests), threshold ${REQUEST_MODEL.threshold}`);
console.log(`precision ${result.precision.toFixed(3)} (target >= ${TARGETS.precision}: ${pass(result.precision >= TARGETS.precision)})`);
console.log(`recall    ${result.recall.toFixed(3)} (target >= ${TARGETS.recall}: ${pass(result.recall >= TARGETS.recall)})`);
console.log(`F1        ${result.f1.toFixed(3)}  (tp ${result.tp}, fp ${result.fp}, fn ${result.fn})`);
console.log(
  `time      ${(msPerMessage * 1000).toFixed(1)} µs per message over ${passes} x ${all.length} messages; ${(msLong * 1000).toFixed(1)} µs for a ${longText.length}-char message (scored on its first 2,000) (target < ${TARGETS.msPerMessage} ms: ${pass(msPerMessage < TARGETS.msPerMessage && msLong < TARGETS.msPerMessage)})`,
);
if (process.argv.includes('--errors')) {
  for (const row of test) {
    const verdict = detectRequest(row.text);
    if (verdict.isRequest !== (row.label === 'request'))
      console.log(`  ${row.label === 'request' ? 'missed' : 'false alarm'} ${verdict.score.toFixed(2)}: ${row.text}`);
  }
}
if (sink === -1) console.log('');
