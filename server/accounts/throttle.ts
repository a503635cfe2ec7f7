/**
 * Throttling against password guessing. Failures are counted per key over a window; past a few,
 * each further attempt must wait, twice as long each time (up to a cap). Kept in memory and
 * bounded in size: a restart forgets it, which costs a guesser minutes, not the password.
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

/** A guess may be checked now (it is already counted as a failure), or must wait. */
export type Reservation = { ok: true; succeeded(): void } | { ok: false; retryAfterMs: number };

/**
 * Password guesses, wherever a password is checked (sign-in, and the current password when
 * changing it), counted three ways so that one address's burst locks out that address, not the
 * account's owner elsewhere:
 * - per account and address: the strict limit (5 free, then 30 s doubling to 15 min). A guesser
 *   at one address gets a few tries an hour at one account; the owner at another address is untouched.
 * - per address, over every account: 20 free, the same delays. Trying a few passwords on each of
 *   many accounts (spraying) stops here. People behind one shared address (a township office's
 *   NAT) share this allowance, so it is four times the per-account one.
 * - per account, over every address: 50 free, then 1 s doubling to only a minute. Only many
 *   addresses together reach it (each is held to 5 by the first limit), and then the owner waits
 *   a minute at most, while the guessers get about one try a minute between them.
 * Each attempt is counted before its (slow) check, so a burst of parallel requests meets the
 * limits as if it came one by one; a success takes its own count back and clears the
 * account-and-address count (the person there knows the password).
 */
export class GuessThrottle {
	private readonly pair = new Throttle({ free: 5, windowMs: 15 * 60_000, baseDelayMs: 30_000, maxDelayMs: 15 * 60_000, maxEntries: 20_000 });
	private readonly address = new Throttle({ free: 20, windowMs: 15 * 60_000, baseDelayMs: 30_000, maxDelayMs: 15 * 60_000, maxEntries: 10_000 });
	private readonly account = new Throttle({ free: 50, windowMs: 15 * 60_000, baseDelayMs: 1_000, maxDelayMs: 60_000, maxEntries: 10_000 });

	/** Reserves one guess at `username`'s password from `address`, counted as a failure until it succeeds. */
	reserve(username: string, address: string, now = Date.now()): Reservation {
		const pairKey = JSON.stringify([username, address]);
		const wait = Math.max(this.pair.wait(pairKey, now), this.address.wait(address, now), this.account.wait(username, now));
		if (wait > 0) return { ok: false, retryAfterMs: wait };
		this.pair.fail(pairKey, now);
		this.address.fail(address, now);
		this.account.fail(username, now);
		return {
			ok: true,
			succeeded: () => {
				this.pair.clear(pairKey);
				this.address.undo(address);
				this.account.undo(username);
			}
		};
	}
}
