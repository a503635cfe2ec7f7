/**
 * How big a record may be. Everything a person writes is downloaded by every reader of the
 * document, on phones, for as long as the document lives: so every record has a size, and the
 * server refuses an update that carries anything bigger before it is stored (the app's own forms
 * stay well inside these; see the schemas for each field's own length).
 *
 * Sizes are in characters of the value's JSON (what Yjs stores), not bytes.
 */
export const RECORD_LIMITS = {
	/** Any map key: an answer key, a record id, a seen mark's `<person>|<thread>`. */
	keyChars: 256,
	/** Nesting of a plain value (a record is an object of a few levels; an answer is flat). */
	depth: 6,
	/** One answer, a village-form answer, a campaign, an organisation record. */
	valueChars: 16_000,
	/** A form signature: the drawn image (≤ 512 KB) and the content it binds. */
	signatureChars: 800_000,
	/** A finding as raised: the finder's drawn signature (≤ 512 KB) and the description. */
	findingChars: 560_000,
	/** A ledger step: a reason or a measure of ≤ 2,000 characters, ≤ 10 photo hashes. */
	ledgerEventChars: 8_000,
	/** A 销号 or 退回, which carries the reviewer's drawn signature (≤ 512 KB). */
	signedLedgerEventChars: 540_000,
	/** A comment: ≤ 2,000 characters of text and ≤ 20 mentions. */
	commentChars: 8_000,
	/** Records one update of a review document may add (an offline day's comments and marks). */
	reviewRecordsPerUpdate: 5_000
} as const;

/**
 * The size of a plain value as stored (characters of its JSON), or null when it nests deeper
 * than `depth` or is not plain data. Walks without recursion: a crafted value cannot exhaust
 * the stack.
 */
export function plainValueSize(value: unknown, depth: number = RECORD_LIMITS.depth): number | null {
	const stack: [unknown, number][] = [[value, 0]];
	while (stack.length) {
		const [v, level] = stack.pop()!;
		if (v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') continue;
		if (typeof v !== 'object' || level >= depth) return null;
		if (v instanceof Uint8Array) return null;
		for (const child of Array.isArray(v) ? v : Object.values(v as Record<string, unknown>)) stack.push([child, level + 1]);
	}
	try {
		return JSON.stringify(value)?.length ?? null;
	} catch {
		return null;
	}
}
