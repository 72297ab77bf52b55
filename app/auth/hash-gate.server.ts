/**
 * A cap on password verifications running at once in this process. Each scrypt
 * (app/auth/password.server.ts, N=2^15) holds 32 MB and ~50 ms of a core: ten connections
 * posting wrong passwords took `GET /` from 90 to 7 requests a second. With at most
 * `maxActive` running and `maxQueued` waiting, the rest of the app keeps its cores; a
 * sign-in beyond that is answered 429 at once rather than queued without end.
 */

export type GateResult<T> = { admitted: true; value: T } | { admitted: false };

export class HashGate {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    readonly maxActive = 2,
    readonly maxQueued = 8,
  ) {}

  /** Tasks running now. */
  get active(): number {
    return this.running;
  }

  /** Tasks waiting for a turn. */
  get queued(): number {
    return this.waiting.length;
  }

  /**
   * Runs the task when a turn is free (first come, first served), or says at once that
   * it was not admitted when the queue is full. A task that throws frees its turn and
   * its error reaches the caller.
   */
  async run<T>(task: () => Promise<T>): Promise<GateResult<T>> {
    if (this.running < this.maxActive) this.running++;
    else if (this.waiting.length < this.maxQueued) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else return { admitted: false };
    try {
      return { admitted: true, value: await task() };
    } finally {
      // The turn passes straight to the next in line, so `running` never dips below the cap while some wait.
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    }
  }
}

/** The one gate of this server process for sign-in's password checks. */
export const passwordHashGate = new HashGate(2, 8);
