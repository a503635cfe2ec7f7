/**
 * Which person each Yjs client id of a room belongs to.
 *
 * A Yjs item is named by (client id, clock), and a document takes the first struct it sees at a
 * clock as the truth: whoever writes first under a client id owns its future. If a colleague
 * could put anything (an item, a content-less GC struct, a skip) at another person's next
 * clocks, that person's real edits would later arrive as "already held", be acknowledged, and
 * reach nobody. So an id belongs to the first person the room sees using it: writing under it,
 * announcing it in awareness, or reporting it in a sync step 1 with changes the server lacks.
 * From then on nobody else may write, announce or report it.
 *
 * New ids are bounded per person and room: every tab that opens a document takes a fresh random
 * id, so an honest cadre uses a few a day; a flood of fresh ids would grow the room's state
 * vector for good (every client id stays in it), and with it every message that carries it.
 */
export interface ClientOwner {
	user: string;
	/** When the room first saw it (ms since the epoch; 0 for ids recorded before this was kept). */
	at: number;
}

export const CLIENT_ID_LIMITS = {
	/** Fresh ids one update, awareness message or state vector may bring. */
	perMessage: 64,
	/** Fresh ids one person may take in one room within a day. */
	perPersonPerDay: 500
} as const;

const DAY_MS = 24 * 60 * 60 * 1000;

export type Claim = { ok: true; fresh: number[] } | { ok: false; taken: number } | { ok: false; tooMany: true };

export class ClientOwnership {
	constructor(private readonly owners: Map<number, ClientOwner> = new Map()) {}

	owner(client: number): string | undefined {
		return this.owners.get(client)?.user;
	}

	get size(): number {
		return this.owners.size;
	}

	/**
	 * Whether `user` may use every id in `clients`: none belongs to someone else, and the new ones
	 * stay within the limits. Takes nothing yet (see bind): a refused update claims nothing.
	 */
	check(user: string, clients: Iterable<number>, now = Date.now()): Claim {
		const fresh: number[] = [];
		for (const client of clients) {
			const owner = this.owners.get(client);
			if (owner === undefined) fresh.push(client);
			else if (owner.user !== user) return { ok: false, taken: client };
		}
		if (fresh.length === 0) return { ok: true, fresh };
		if (fresh.length > CLIENT_ID_LIMITS.perMessage) return { ok: false, tooMany: true };
		if (this.takenToday(user, now) + fresh.length > CLIENT_ID_LIMITS.perPersonPerDay) return { ok: false, tooMany: true };
		return { ok: true, fresh };
	}

	bind(user: string, clients: readonly number[], now = Date.now()): void {
		for (const client of clients) if (!this.owners.has(client)) this.owners.set(client, { user, at: now });
	}

	private takenToday(user: string, now: number): number {
		let n = 0;
		for (const owner of this.owners.values()) if (owner.user === user && now - owner.at < DAY_MS) n++;
		return n;
	}
}

/** The close reason that tells an honest client which of its ids is taken (see CLOSE.clientIdTaken). */
export function takenReason(client: number): string {
	return `Client id ${client} is taken: take a new one and resend`;
}
