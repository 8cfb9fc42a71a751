import { stateCentroids } from './state-centroids.generated.js';

/** [latitude, longitude] standing for a state or territory (see ./generate.ts), or undefined for a code the schema does not accept. */
export function stateCentroid(state: string): readonly [number, number] | undefined {
  return Object.hasOwn(stateCentroids, state) ? stateCentroids[state as keyof typeof stateCentroids] : undefined;
}
