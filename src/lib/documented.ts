/** What a documented builder carries besides being callable. */
export interface Documentation<A extends unknown[]> {
  /** how to solve the problem the built value reports */
  readonly solve: string;
  /** arguments that build a typical example */
  readonly example: A;
}

/**
 * Attaches its documentation to a builder function, so the text lives next to the code it
 * describes; the example arguments are type-checked against the builder's own parameters.
 */
export function documented<A extends unknown[], R>(
  build: (...args: A) => R,
  solve: string,
  ...example: NoInfer<A>
): ((...args: A) => R) & Documentation<A> {
  return Object.assign(build, { solve, example });
}
