/**
 * Which column is which field: guessed from the titles, shown to the cadre, confirmed or
 * corrected, and remembered per source. A source is the shape of a file's header, so next
 * month's export of the same system (other rows, same columns) opens with the mapping the
 * cadre confirmed last time.
 *
 * A guess is scored: the card's own label (100) over a synonym (95) over a title that only
 * contains one (at most 90, and only when the name is most of the title, so "劳动力人数" is not
 * taken for 劳动能力). Under a parent that says 户主, a member's title is the head's ("户主信息 /
 * 身份证号" is the head's ID). The best-scored pairs are taken first, each column and each field
 * once.
 */
import { IGNORED_NAMES, importField, importFields, normaliseTitle, type ImportField } from './importFields';
import type { ColumnTitle } from './headerRows';

/** field key → 0-based column index. */
export type ColumnMapping = Record<string, number>;

export type GuessKind = 'label' | 'synonym' | 'head' | 'joined' | 'contains';

export interface ColumnGuess {
	column: number;
	field: string;
	score: number;
	kind: GuessKind;
}

export interface MappingGuess {
	mapping: ColumnMapping;
	/** Why each column was taken, best first. */
	guesses: ColumnGuess[];
	/** Columns no field took. */
	unmapped: number[];
}

/** Below this a column is left for the cadre to map. */
export const MIN_SCORE = 60;

/** The shape a mapping reads: one row per member, or one row per household. */
export type RosterShape = 'member' | 'household';

export function guessMapping(columns: readonly ColumnTitle[]): MappingGuess {
	const candidates: ColumnGuess[] = [];
	for (const column of columns) {
		for (const field of importFields) {
			const scored = scoreColumn(column, field);
			if (scored && scored.score >= MIN_SCORE) candidates.push({ column: column.index, field: field.key, ...scored });
		}
	}
	candidates.sort((a, b) => b.score - a.score || a.column - b.column);
	const mapping: ColumnMapping = {};
	const usedColumns = new Set<number>();
	const guesses: ColumnGuess[] = [];
	for (const candidate of candidates) {
		if (usedColumns.has(candidate.column) || candidate.field in mapping) continue;
		mapping[candidate.field] = candidate.column;
		usedColumns.add(candidate.column);
		guesses.push(candidate);
	}
	settleShape(mapping);
	return { mapping, guesses: guesses.filter((g) => mapping[g.field] === g.column), unmapped: columns.filter((c) => !usedColumns.has(c.index)).map((c) => c.index) };
}

/**
 * A sheet with one row per household calls the head's ID number just 身份证号: with no member
 * name and no relation column, there are no member rows for it to belong to.
 */
function settleShape(mapping: ColumnMapping): void {
	const memberRows = 'member.name' in mapping || 'member.relation' in mapping;
	if (!memberRows && 'member.id_number' in mapping && !('household.headId' in mapping)) {
		mapping['household.headId'] = mapping['member.id_number']!;
		delete mapping['member.id_number'];
	}
}

export function rosterShape(mapping: ColumnMapping): RosterShape {
	return 'member.name' in mapping ? 'member' : 'household';
}

const HEAD_OF: Record<string, string> = { 'member.name': 'household.head', 'member.id_number': 'household.headId' };
const ignored = new Set(IGNORED_NAMES);

export function scoreColumn(column: ColumnTitle, field: ImportField): { score: number; kind: GuessKind } | null {
	const path = column.path.map(normaliseTitle).filter((p) => p !== '');
	const leaf = path[path.length - 1];
	if (!leaf || ignored.has(leaf)) return null;
	const parents = path.slice(0, -1);
	const underHead = parents.some((p) => p.includes('户主'));
	// Under 户主信息, 姓名 and 身份证号 are the head's; a member field is not guessed there.
	if (underHead) {
		const memberKey = Object.entries(HEAD_OF).find(([, head]) => head === field.key)?.[0];
		if (memberKey && importField(memberKey)!.names.includes(leaf)) return { score: 96, kind: 'head' };
		if (field.key in HEAD_OF) return null;
	}
	const at = field.names.indexOf(leaf);
	if (at === 0) return { score: 100, kind: 'label' };
	if (at > 0) return { score: 95, kind: 'synonym' };
	for (let i = parents.length - 1; i >= 0; i--) {
		if (field.names.includes(parents.slice(i).join('') + leaf)) return { score: 93, kind: 'joined' };
	}
	let best = 0;
	for (const name of field.names) {
		if (name.length < 2 || !leaf.includes(name)) continue;
		const ratio = name.length / leaf.length;
		if (ratio <= 0.6) continue;
		best = Math.max(best, Math.round(50 + 40 * ratio));
	}
	return best ? { score: Math.min(best, 90), kind: 'contains' } : null;
}

/** Problems of a mapping that stop a roster from being read at all. */
export interface MappingProblem {
	code: string;
	params?: Record<string, string | number>;
}

export function checkMapping(mapping: ColumnMapping, columns: readonly ColumnTitle[]): MappingProblem[] {
	const problems: MappingProblem[] = [];
	const known = new Set(columns.map((c) => c.index));
	const seen = new Map<number, string>();
	for (const [key, column] of Object.entries(mapping)) {
		if (!importField(key)) problems.push({ code: 'import.mapping.unknownField', params: { field: key } });
		else if (!known.has(column)) problems.push({ code: 'import.mapping.noSuchColumn', params: { field: key } });
		const other = seen.get(column);
		if (other) problems.push({ code: 'import.mapping.columnTwice', params: { column: columns.find((c) => c.index === column)?.title ?? String(column) } });
		seen.set(column, key);
	}
	if (rosterShape(mapping) === 'household') {
		if (!('household.head' in mapping)) problems.push({ code: 'import.mapping.noHead' });
	} else if (!['household.number', 'household.headId', 'household.head', 'member.relation'].some((k) => k in mapping)) {
		problems.push({ code: 'import.mapping.cannotGroup' });
	}
	return problems;
}

/**
 * The key a confirmed mapping is remembered under: the header's titles, column by column.
 * Titles above the header (the village's name, the date) are not part of it, so every village's
 * export of one system shares it.
 */
export function sourceKey(columns: readonly ColumnTitle[]): string {
	const shape = columns.map((c) => `${c.index}:${c.path.map(normaliseTitle).join('/')}`).join('|');
	return `h${hash32(shape, 0x811c9dc5)}${hash32(shape, 0x01000193)}`;
}

/** FNV-1a over UTF-16 code units, as 8 hex digits; two seeds make 64 bits for the key. */
function hash32(text: string, seed: number): string {
	let h = seed >>> 0;
	for (let i = 0; i < text.length; i++) {
		h ^= text.charCodeAt(i);
		h = Math.imul(h, 0x01000193) >>> 0;
	}
	return h.toString(16).padStart(8, '0');
}

/**
 * A remembered mapping, kept only where it still fits these columns: a field that no longer
 * exists or a column that is gone is dropped rather than read from the wrong place.
 */
export function restoreMapping(saved: ColumnMapping, columns: readonly ColumnTitle[]): ColumnMapping {
	const known = new Set(columns.map((c) => c.index));
	const mapping: ColumnMapping = {};
	const used = new Set<number>();
	for (const [key, column] of Object.entries(saved)) {
		if (!importField(key) || !known.has(column) || used.has(column)) continue;
		mapping[key] = column;
		used.add(column);
	}
	return mapping;
}
