/** The labelled corpus of the request detector: test/fixtures/shadow-watch/requests.{train,test}.jsonl. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

const rowSchema = z.object({ id: z.string(), text: z.string(), label: z.enum(['request', 'other']) });
export type CorpusRow = z.infer<typeof rowSchema>;

const DIR = fileURLToPath(new URL('../../test/fixtures/shadow-watch/', import.meta.url));

/** One split of the corpus. The test split is held out: only eval.ts reads it. */
export function readCorpus(split: 'train' | 'test'): CorpusRow[] {
  return readFileSync(`${DIR}requests.${split}.jsonl`, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => rowSchema.parse(JSON.parse(line)));
}
