import {
  type EventBatch,
  generateEvents,
  SCHEMA_VERSION,
  SYNTHETIC_INSTRUMENT,
  writeEventFile,
} from '../../src/data/index.ts';

/** Writes a seeded synthetic day of `events` rows to `file` (as `execsim data generate` would). */
export async function writeSyntheticDay(file: string, events: number, seed: string): Promise<string> {
  await writeEventFile(
    file,
    {
      schemaVersion: SCHEMA_VERSION,
      instrument: SYNTHETIC_INSTRUMENT,
      provenance: { source: 'synthetic', inputs: [], importer: 'test', findings: {} },
    },
    generateEvents({ events, seed }),
  );
  return file;
}

/** Every batch of a stream, in order. */
export async function collect(it: AsyncIterable<EventBatch>): Promise<EventBatch[]> {
  const out: EventBatch[] = [];
  for await (const b of it) out.push(b);
  return out;
}
