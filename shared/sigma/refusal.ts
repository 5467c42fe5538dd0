/** Why a Sigma rule cannot run here: thrown while compiling, reported with the file. */
export class SigmaRefusal extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SigmaRefusal';
  }
}

/** Throw a {@link SigmaRefusal}. */
export function refuse(message: string): never {
  throw new SigmaRefusal(message);
}
