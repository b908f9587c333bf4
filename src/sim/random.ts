import seedrandom from 'seedrandom';

/**
 * A uniform [0, 1) stream for one component of a run, seeded from (run seed, component name) so that
 * adding a component does not shift the draws of the others.
 */
export function randomStream(runSeed: string | number, component: string): () => number {
  const rng = seedrandom.alea(`execsim:${String(runSeed)}:${component}`);
  return () => rng();
}
