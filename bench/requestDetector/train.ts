/** npm run train:requests: fits the request detector on the training split and writes src/domain/requestModel.ts. */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { readCorpus } from './corpus.js';
import { fitModel, measure, modelSource } from './fit.js';

const train = readCorpus('train');
const model = fitModel(train);
writeFileSync(fileURLToPath(new URL('../../src/domain/requestModel.ts', import.meta.url)), modelSource(model, train.length));
const fit = measure(train, model);
console.log(`trained on ${train.length} messages; threshold ${model.threshold}`);
console.log(
  `training split: precision ${fit.precision.toFixed(3)}, recall ${fit.recall.toFixed(3)}, F1 ${fit.f1.toFixed(3)} (tp ${fit.tp}, fp ${fit.fp}, fn ${fit.fn})`,
);
