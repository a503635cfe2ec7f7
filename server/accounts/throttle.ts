/**
 * Login throttling against password guessing. Failures are counted per username and per client
 * address over a window; past a few, each further attempt must wait, twice as long each time (up
 * to a cap). A success clears the username's count. Kept in memory and bounded in size: a
 * restart forgets it, which costs a guesser minutes, not the password.
 */
export interface ThrottlePolicy {
	/** Failures allowed in the window before waiting is imposed. */
	free: number;
	windowMs: number;
	/** The first wait, doubled for each further failure. */
	baseDelayMs: number;
	maxDelayMs: number;
	/** Entries kept at most (the oldest are forgotten first). */
	maxEntries: number;
}

interface Entry {
	failures: number;
	first: number;
	last: number;
}

export class Throttle {
	private readonly entries = new Map<string, Entry>();

	constructor(private readonly policy: ThrottlePolicy) {}

	/** Milliseconds until `key` may try again (0: now). */
	wait(key: string, now = Date.now()): number {
		const entry = this.current(key, now);
		if (!entry || entry.failures < this.policy.free) return 0;
		const delay = Math.min(this.policy.maxDelayMs, this.policy.baseDelayMs * 2 ** (entry.failures - this.policy.free));
		return Math.max(0, entry.last + delay - now);
	}

	fail(key: string, now = Date.now()): void {
		const entry = this.current(key, now) ?? { failures: 0, first: now, last: now };
		entry.failures++;
		entry.last = now;
		this.entries.delete(key);
		this.entries.set(key, entry);
		while (this.entries.size > this.policy.maxEntries) this.entries.delete(this.entries.keys().next().value!);
	}

	/** Takes back one failure (an attempt counted up front that then succeeded). */
	undo(key: string): void {
		const entry = this.entries.get(key);
		if (entry && --entry.failures <= 0) this.entries.delete(key);
	}

	clear(key: string): void {
		this.entries.delete(key);
	}

	private current(key: string, now: number): Entry | null {
		const entry = this.entries.get(key);
		if (!entry) return null;
		if (now - entry.last > this.policy.windowMs) {
			this.entries.delete(key);
			return null;
		}
		return entry;
	}
}
