/**
 * Back-check sampling (抽样回访) inside a cross-check round. A township reviewer draws a sample
 * of households, stratified by village and household type, from a seed they can read out; a
 * second visitor asks the sampled households again, and the second answers are set beside the
 * first question by question. The discrepancy figures (per question, per checker, per group)
 * name the households behind them, so a figure can always be followed back to doors to knock on.
 *
 * The draw must be one anybody can repeat: the same seed and the same households give the same
 * sample on any device, any JS engine, any year later, so a county inspector handed the seed
 * can redo it and see nobody picked the easy households. Hence a fixed, published generator
 * (sfc32) seeded from SHA-256, integer arithmetic only, ids compared by code unit (never
 * localeCompare, whose order depends on the device's locale), and one generator per stratum so
 * a household added in one village cannot move the draw in another. Changing any of this
 * changes the sample every stored seed stands for; a test pins a draw so that cannot happen by
 * accident.
 *
 * Records live in each village's review document (`<dossierId>/review`):
 * - `samples`    Y.Map<sampleId, BackCheckSample>: that village's part of a township-wide draw.
 *   Every village's part carries the same id, so the township's view can put the parts together.
 * - `backVisits` Y.Map<visitId, BackCheckVisit>: one second visit of a sampled household.
 */
import { z } from 'zod';
import { actorSchema, type Actor } from '../organisation/organisation';
import { sha256Hex } from '../signing/signature';
import { FORM_KEY_PATTERN, type FormValue } from '../dossier/layout';
import { TYPE_KEYS, type TypeKey } from '../statistics/figures';
import type { LocalizedText, Question, Template } from '../templates/template';
import { newId } from '../dossier/ids';

export const BACK_CHECK_ROOT = { samples: 'samples', backVisits: 'backVisits' } as const;

// ---------------------------------------------------------------------------------------------
// The generator

/**
 * What a reviewer types is what they meant: a seed entered with a Chinese input method in
 * full-width digits (１２３４５６) or with a stray space must give the same sample as the one
 * read out, so seeds are NFKC-folded and trimmed before use.
 */
export function normaliseSeed(seed: string): string {
	return seed.normalize('NFKC').trim();
}

/** A fresh six-digit seed for the reviewer to read out or write down (uniform, 000000–999999). */
export function newSeed(): string {
	const word = new Uint32Array(1);
	// 4294000000 is the largest multiple of 10^6 below 2^32: rejecting above it keeps every seed equally likely.
	do crypto.getRandomValues(word);
	while (word[0]! >= 4_294_000_000);
	return String(word[0]! % 1_000_000).padStart(6, '0');
}

/**
 * A deterministic stream of unsigned 32-bit integers for a key: sfc32 (Chris Doty-Humphrey's
 * Small Fast Counting generator, as in PractRand), its 128-bit state the first 16 bytes of the
 * key's SHA-256. SHA-256 leaves no weak states, so the warm-up rounds sfc32 needs after a poor
 * seeding are not needed here; adding them now would change every stored sample.
 */
export function seededStream(key: string): () => number {
	const hex = sha256Hex(key);
	let a = parseInt(hex.slice(0, 8), 16) | 0;
	let b = parseInt(hex.slice(8, 16), 16) | 0;
	let c = parseInt(hex.slice(16, 24), 16) | 0;
	let d = parseInt(hex.slice(24, 32), 16) | 0;
	return () => {
		const t = (((a + b) | 0) + d) | 0;
		d = (d + 1) | 0;
		a = b ^ (b >>> 9);
		b = (c + (c << 3)) | 0;
		c = (c << 21) | (c >>> 11);
		c = (c + t) | 0;
		return t >>> 0;
	};
}

const TWO_32 = 4_294_967_296;

/**
 * A uniform integer in [0, n) from the stream. Rejects the top sliver of 2^32 that is not a whole
 * multiple of n (modulo alone would favour low indices); floats are avoided altogether.
 */
export function uniformBelow(next: () => number, n: number): number {
	if (!Number.isInteger(n) || n < 1 || n > TWO_32) throw new RangeError(`uniformBelow: ${n}`);
	const limit = TWO_32 - (TWO_32 % n);
	for (;;) {
		const u = next();
		if (u < limit) return u % n;
	}
}

// ---------------------------------------------------------------------------------------------
// The draw

export type SampleHouseholdType = TypeKey;

export interface SampleCandidate {
	dossierId: string;
	householdId: string;
	/** 户类型 on the card; `unknown` when missing or not one of the three (statistics/figures.ts). */
	type: SampleHouseholdType;
}

export interface DrawInput {
	seed: string;
	/** Whole percent of each stratum, 1–100; whole so the count is exact integer arithmetic. */
	percent: number;
	/** At least this many from each stratum (never more than it holds). Default 1. */
	minPerStratum?: number;
	households: readonly SampleCandidate[];
}

export interface StratumCount {
	dossierId: string;
	type: SampleHouseholdType;
	size: number;
	drawn: number;
}

export interface Draw {
	/** The seed as used (normaliseSeed): what to store and show. */
	seed: string;
	percent: number;
	minPerStratum: number;
	/** Sorted by village, type (card order, unknown last), household id. */
	households: SampleCandidate[];
	/** Every non-empty stratum, in the same order. */
	strata: StratumCount[];
}

export const MAX_PERCENT = 100;

/**
 * How many to draw from a stratum of `size`: ⌈percent% of size⌉, at least minPerStratum, at
 * most size. Worked in integers: 10% of 30 in floating point is 3.0000000000000004, whose
 * ceiling would draw 4.
 */
export function sampleSize(size: number, percent: number, minPerStratum = 1): number {
	const share = Math.floor((percent * size + 99) / 100);
	return Math.min(size, Math.max(share, minPerStratum));
}

const byCodeUnit = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const typeRank = (type: SampleHouseholdType): number => TYPE_KEYS.indexOf(type);

/**
 * Draws the sample. Each stratum (village × household type) has its own generator, keyed by the
 * seed and the stratum, and is drawn from its households in id order by a partial Fisher–Yates
 * shuffle: the result depends on the seed and that stratum's households only, never on the order
 * they were passed in or on any other stratum. Throws on a bad percent, a blank seed, or a
 * household listed twice (which would silently weigh it double).
 */
export function drawSample(input: DrawInput): Draw {
	const seed = normaliseSeed(input.seed);
	const { percent } = input;
	const minPerStratum = input.minPerStratum ?? 1;
	if (!seed) throw new RangeError('a back-check draw needs a seed');
	if (!Number.isInteger(percent) || percent < 1 || percent > MAX_PERCENT) throw new RangeError(`percent must be a whole number 1–100, not ${percent}`);
	if (!Number.isInteger(minPerStratum) || minPerStratum < 0) throw new RangeError(`minPerStratum must be a whole number ≥ 0, not ${minPerStratum}`);

	const strata = new Map<string, { dossierId: string; type: SampleHouseholdType; ids: string[] }>();
	const seen = new Set<string>();
	for (const h of input.households) {
		const unique = JSON.stringify([h.dossierId, h.householdId]);
		if (seen.has(unique)) throw new Error(`household ${h.householdId} of ${h.dossierId} is listed twice`);
		seen.add(unique);
		const key = JSON.stringify([h.dossierId, h.type]);
		const stratum = strata.get(key) ?? { dossierId: h.dossierId, type: h.type, ids: [] };
		stratum.ids.push(h.householdId);
		strata.set(key, stratum);
	}

	const ordered = [...strata.values()].sort((x, y) => byCodeUnit(x.dossierId, y.dossierId) || typeRank(x.type) - typeRank(y.type));
	const households: SampleCandidate[] = [];
	const counts: StratumCount[] = [];
	for (const { dossierId, type, ids } of ordered) {
		ids.sort(byCodeUnit);
		const k = sampleSize(ids.length, percent, minPerStratum);
		// JSON of the three parts: no seed, village or type can run into the next and collide.
		const next = seededStream(JSON.stringify([seed, dossierId, type]));
		for (let i = 0; i < k; i++) {
			const j = i + uniformBelow(next, ids.length - i);
			const picked = ids[j]!;
			ids[j] = ids[i]!;
			ids[i] = picked;
		}
		for (const householdId of ids.slice(0, k).sort(byCodeUnit)) households.push({ dossierId, householdId, type });
		counts.push({ dossierId, type, size: ids.length, drawn: k });
	}
	return { seed, percent, minPerStratum, households, strata: counts };
}

// ---------------------------------------------------------------------------------------------
// Records

const recordId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/);
const id = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);

/** The most households one village's part can name: a village far larger than any we serve. */
export const MAX_SAMPLE_HOUSEHOLDS = 5000;
/** The most answers a second visit holds: the longest form has well under this many questions. */
export const MAX_VISIT_ANSWERS = 400;
/** The stored answers of a visit, as JSON, stay under this (as a check pass's `shown` does). */
export const MAX_VISIT_ANSWERS_CHARS = 256 * 1024;

export const backCheckSampleSchema = z.object({
	id: recordId,
	roundId: id,
	campaignId: id,
	/** As used (normaliseSeed), so redrawing with it gives this sample. */
	seed: z.string().min(1).max(64).refine((s) => s === normaliseSeed(s), 'a seed is stored normalised'),
	percent: z.number().int().min(1).max(MAX_PERCENT),
	/** Part of what the seed stands for: without it the draw could not be repeated. Absent: 1. */
	minPerStratum: z.number().int().min(0).max(MAX_SAMPLE_HOUSEHOLDS).default(1),
	drawnBy: actorSchema,
	at: z.iso.datetime({ offset: true }),
	/** This village's drawn households. */
	households: z
		.array(id)
		.min(1)
		.max(MAX_SAMPLE_HOUSEHOLDS)
		.refine((ids) => new Set(ids).size === ids.length, 'a household is drawn once')
});
export type BackCheckSample = z.infer<typeof backCheckSampleSchema>;

const answerValueSchema = z.union([z.string().max(2000), z.number(), z.boolean(), z.array(z.string().max(200)).max(100), z.null()]);
const repeatRowsSchema = z.record(id, z.record(id, answerValueSchema)).refine((rows) => Object.keys(rows).length <= 200, 'too many rows');
const formValueSchema: z.ZodType<FormValue> = z.union([answerValueSchema, repeatRowsSchema]);

const visitAnswersSchema = z
	.record(z.string().regex(/^[a-z][a-z0-9_]{0,79}$/), formValueSchema)
	.refine((a) => Object.keys(a).length <= MAX_VISIT_ANSWERS, `at most ${MAX_VISIT_ANSWERS} answers`)
	.refine((a) => JSON.stringify(a).length <= MAX_VISIT_ANSWERS_CHARS, 'answers too large');

export const backCheckVisitSchema = z.object({
	id: recordId,
	sampleId: recordId,
	householdId: id,
	formKey: z.string().min(1).max(80).regex(FORM_KEY_PATTERN),
	/** Question id → answer, for the questions the second visitor asked and nothing else. */
	answers: visitAnswersSchema,
	/**
	 * The first visit's answers to the same questions as the dossier held them when this visit was
	 * recorded: a correction made afterwards does not erase the discrepancy. Absent: the dossier now.
	 */
	first: visitAnswersSchema.optional(),
	by: actorSchema,
	at: z.iso.datetime({ offset: true }),
	note: z.string().trim().max(500)
});
export type BackCheckVisit = z.infer<typeof backCheckVisitSchema>;

/**
 * Each village's part of a draw, as the record its review document keeps, by village. One id for
 * the whole draw, shared by every part (each review document is its own map, so they never meet).
 */
export function sampleRecords(draw: Draw, meta: { roundId: string; campaignId: string; drawnBy: Actor; at?: Date; id?: string }): Map<string, BackCheckSample> {
	const sampleId = meta.id ?? newId();
	const at = (meta.at ?? new Date()).toISOString();
	const byVillage = new Map<string, string[]>();
	for (const h of draw.households) {
		const list = byVillage.get(h.dossierId) ?? [];
		list.push(h.householdId);
		byVillage.set(h.dossierId, list);
	}
	const out = new Map<string, BackCheckSample>();
	for (const [dossierId, households] of byVillage) {
		out.set(
			dossierId,
			backCheckSampleSchema.parse({
				id: sampleId,
				roundId: meta.roundId,
				campaignId: meta.campaignId,
				seed: draw.seed,
				percent: draw.percent,
				minPerStratum: draw.minPerStratum,
				drawnBy: meta.drawnBy,
				at,
				households
			})
		);
	}
	return out;
}

/** Why a record may not be stored as a back-check sample from this sender (null: it may). The server's rule. */
export function sampleRefusal(key: string, value: unknown, sender: { id: string; reviewer: boolean }): string | null {
	const parsed = backCheckSampleSchema.safeParse(value);
	if (!parsed.success || parsed.data.id !== key) return 'Malformed back-check sample';
	if (parsed.data.drawnBy.id !== sender.id) return 'A back-check sample is drawn in its sender’s name';
	if (!sender.reviewer) return 'Only a township reviewer draws a back-check sample';
	return null;
}

/** Why a record may not be stored as a second visit from this sender (null: it may). The server's rule. */
export function visitRefusal(key: string, value: unknown, sender: { id: string; reviewer: boolean }): string | null {
	const parsed = backCheckVisitSchema.safeParse(value);
	if (!parsed.success || parsed.data.id !== key) return 'Malformed back-check visit';
	if (parsed.data.by.id !== sender.id) return 'A back-check visit is recorded in its sender’s name';
	if (!sender.reviewer) return 'Only a township reviewer records a back-check visit';
	return null;
}

// ---------------------------------------------------------------------------------------------
// Comparison

export interface QuestionComparison {
	questionId: string;
	/** As the template given has it: pass the campaign's template (campaignTemplate) for its terms. */
	label: LocalizedText;
	first: FormValue | undefined;
	second: FormValue;
	same: boolean;
}

/**
 * Whether a question is asked again on a second visit and compared. Not: signatures and photos
 * (belong to the visit, not the household), computed figures (nobody answers them: they follow
 * the card and income sheet), and repeat groups (their row ids are made by each device, so
 * pairing one visit's rows with another's is a judgement, not arithmetic).
 */
export function isComparable(question: Question): boolean {
	return question.type !== 'signature' && question.type !== 'photo' && question.type !== 'computed' && question.type !== 'repeat';
}

/** A second-visit value that says nothing: not asked, cleared, blank, or no option ticked. */
function isBlank(value: FormValue | undefined): boolean {
	return value === undefined || value === null || (typeof value === 'string' && !value.trim()) || (Array.isArray(value) && value.length === 0);
}

/**
 * Whether the two visits agree. A missing first answer never agrees: the first visit should
 * have asked. Text is compared after trimming only (the same words typed twice); choices of a
 * multiple-choice question as a set, since ticking order means nothing. A value of the wrong
 * kind for its question (from another device, kept as it came) agrees with nothing.
 */
export function sameAnswer(first: FormValue | undefined, second: FormValue): boolean {
	if (first === undefined || first === null) return false;
	if (typeof first === 'string' && typeof second === 'string') return first.trim() === second.trim();
	if (Array.isArray(first) && Array.isArray(second)) {
		const a = new Set(first);
		const b = new Set(second);
		return a.size === b.size && [...a].every((v) => b.has(v));
	}
	if (typeof first === 'boolean' || typeof first === 'number') return first === second;
	return false;
}

/** The template's comparable questions the second visit answered, in the form's order, each set beside the first answer. */
export function compareVisit(template: Template, first: Record<string, FormValue>, second: Record<string, FormValue>): QuestionComparison[] {
	const out: QuestionComparison[] = [];
	for (const section of template.sections) {
		for (const question of section.questions) {
			if (!isComparable(question)) continue;
			const answer = Object.hasOwn(second, question.id) ? second[question.id] : undefined;
			if (answer === undefined || isBlank(answer)) continue;
			const before = Object.hasOwn(first, question.id) ? first[question.id] : undefined;
			out.push({ questionId: question.id, label: question.label, first: before, second: answer, same: sameAnswer(before, answer) });
		}
	}
	return out;
}

// ---------------------------------------------------------------------------------------------
// Discrepancy arithmetic

export interface HouseholdRef {
	dossierId: string;
	householdId: string;
	head: string;
}

/** Counts only; the UI shows `differing` of `compared` with percentText (statistics/figures.ts). */
export interface Rate {
	/** Questions compared. */
	compared: number;
	/** Of those, answered differently. */
	differing: number;
	/** The households behind `differing`, each once, by village then household id. */
	households: HouseholdRef[];
}

export interface VisitComparison extends HouseholdRef {
	/** Who checked the household in the round (signed its form or its pass); null: nobody recorded. */
	checkerId: string | null;
	groupId: string | null;
	comparisons: readonly QuestionComparison[];
}

/**
 * The key under which households with no checker (or no group) are counted in byChecker and
 * byGroup. Empty, because no person's or group's id is: it cannot be mistaken for one, and it
 * keeps the maps' keys plain strings.
 */
export const UNATTRIBUTED = '';

export interface Discrepancies {
	overall: Rate;
	/** In the order questions first appear: the form's order when comparisons come from compareVisit. */
	byQuestion: Map<string, Rate & { label: LocalizedText }>;
	/** By checker's person id (UNATTRIBUTED: none), in order of first appearance. */
	byChecker: Map<string, Rate>;
	/** By checking group's id (UNATTRIBUTED: none), in order of first appearance. */
	byGroup: Map<string, Rate>;
}

class Tally {
	compared = 0;
	differing = 0;
	private readonly behind = new Map<string, HouseholdRef>();

	add(comparison: QuestionComparison, household: HouseholdRef): void {
		this.compared++;
		if (comparison.same) return;
		this.differing++;
		const key = JSON.stringify([household.dossierId, household.householdId]);
		if (!this.behind.has(key)) this.behind.set(key, { dossierId: household.dossierId, householdId: household.householdId, head: household.head });
	}

	rate(): Rate {
		const households = [...this.behind.values()].sort((a, b) => byCodeUnit(a.dossierId, b.dossierId) || byCodeUnit(a.householdId, b.householdId));
		return { compared: this.compared, differing: this.differing, households };
	}
}

function tallyOf<K>(map: Map<K, Tally>, key: K): Tally {
	let tally = map.get(key);
	if (!tally) map.set(key, (tally = new Tally()));
	return tally;
}

/** Discrepancy counts over second visits: overall, per question, per checker and per group. */
export function discrepancies(items: readonly VisitComparison[]): Discrepancies {
	const overall = new Tally();
	const questions = new Map<string, Tally>();
	const labels = new Map<string, LocalizedText>();
	const checkers = new Map<string, Tally>();
	const groups = new Map<string, Tally>();
	for (const item of items) {
		const checker = tallyOf(checkers, item.checkerId ?? UNATTRIBUTED);
		const group = tallyOf(groups, item.groupId ?? UNATTRIBUTED);
		for (const c of item.comparisons) {
			if (!labels.has(c.questionId)) labels.set(c.questionId, c.label);
			for (const tally of [overall, tallyOf(questions, c.questionId), checker, group]) tally.add(c, item);
		}
	}
	const settle = (map: Map<string, Tally>) => new Map([...map].filter(([, t]) => t.compared > 0).map(([k, t]) => [k, t.rate()] as const));
	const byQuestion = new Map([...questions].map(([q, t]) => [q, { ...t.rate(), label: labels.get(q)! }] as const));
	return { overall: overall.rate(), byQuestion, byChecker: settle(checkers), byGroup: settle(groups) };
}

