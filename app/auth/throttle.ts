/**
 * Sign-in throttle: after `limit` failed sign-ins for one email address within
 * `windowMs`, further attempts for it are refused until the oldest of those failures
 * is `windowMs` old. Kept in this process's memory: a restart forgets it, and several
 * server processes would each count on their own. It slows password guessing against
 * one account; it does not stop guessing spread over many addresses.
 */
export class SignInThrottle {
  private failures = new Map<string, number[]>();

  constructor(
    readonly limit = 10,
    readonly windowMs = 15 * 60_000,
    /** Bounds memory when many addresses are tried. */
    private readonly maxTracked = 10_000,
  ) {}

  private recent(key: string, now: number): number[] {
    const since = now - this.windowMs;
    const kept = (this.failures.get(key) ?? []).filter((t) => t > since);
    if (kept.length) this.failures.set(key, kept);
    else this.failures.delete(key);
    return kept;
  }

  /** Whether sign-in for this address is refused now (without checking the password). */
  isLocked(key: string, now = Date.now()): boolean {
    return this.recent(key, now).length >= this.limit;
  }

  recordFailure(key: string, now = Date.now()): void {
    const kept = this.recent(key, now);
    if (!kept.length && this.failures.size >= this.maxTracked) {
      for (const k of [...this.failures.keys()]) this.recent(k, now);
      if (this.failures.size >= this.maxTracked) this.failures.delete(this.failures.keys().next().value as string);
    }
    this.failures.set(key, [...kept, now]);
  }

  recordSuccess(key: string): void {
    this.failures.delete(key);
  }
}

/** The one throttle of this server process. */
export const signInThrottle = new SignInThrottle();
