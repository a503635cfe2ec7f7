/**
 * A roster's rows as households with their members, every cell read and checked, or refused
 * with the row and column it came from. Two shapes of roster exist:
 *
 * - one row per member (花名册, the 防返贫监测 system's 人员 export): rows are grouped into
 *   households by the household number (户编号) when there is one, else by the head's ID number,
 *   else by runs of the same head's name, else each row whose relation is 户主 starts a household
 *   and the rows under it belong to it. A household number or head merged down across a
 *   household's rows, or written on its first row only, holds for the rows below it;
 * - one row per household (a ledger, the 户 export): the head is the household's one member.
 *
 * A household is imported whole or not at all: when any of its rows is refused, its other rows
 * are refused with it ("同户第 N 行有误"), so a household never arrives with a member missing.
 * Rows that are not data (blank, notes, 合计, the header repeated on each printed page) are
 * skipped and counted.
 */
import type { Answer } from '../dossier/layout';
import { parseResidentId } from '../household/residentId';
import { localDay } from '../calendar/calendar';
import { importField, importFields, membersQuestion, type ImportField } from './importFields';
import { readField } from './cellValues';
import { rosterShape, type ColumnMapping, type RosterShape } from './columnMapping';
import type { HeaderBlock } from './headerRows';
import { columnLetter, type RawCell, type Sheet } from './sheetFile';

export interface ColumnRef {
	index: number;
	letter: string;
	/** The column's title path as one line ("家庭成员信息 / 身份证号"). */
	title: string;
}

/** A reason about one row (and one column, when it is about a cell): an i18n key and its params. */
export interface RowIssue {
	/** The row as the sheet numbers it (1-based). */
	row: number;
	column?: ColumnRef;
	code: string;
	params?: Record<string, string | number>;
}

export interface ParsedMember {
	row: number;
	name: string;
	idNumber?: string;
	/** The card's member answers, by question id (name, relation, id_number, health …). */
	values: Record<string, Answer>;
}

export interface FlagEdits {
	/** The whole set, from a 重点户类别 column. */
	set?: string[];
	/** From yes/no columns (是否低保户): these on, these off; other flags as they are. */
	on: string[];
	off: string[];
}

export interface ParsedHousehold {
	/** Sheet rows (1-based) the household came from, in order. */
	rows: number[];
	/** The row of its head (the first row when no row is the head's). */
	headRow: number;
	number?: string;
	head: string;
	headId?: string;
	/** The card's household answers, by question id (head, type, group, phone, note); flags apart. */
	card: Record<string, Answer>;
	flags: FlagEdits | null;
	members: ParsedMember[];
	/** 人口数 as the sheet gives it: only compared with the members listed. */
	declaredSize?: number;
}

export interface DuplicateId {
	idNumber: string;
	rows: number[];
}

export interface Roster {
	shape: RosterShape;
	households: ParsedHousehold[];
	/** Every row not imported, with why; a refused household's other rows included. */
	refused: RowIssue[];
	/** Imported, but worth a look: a size that does not match, a second phone number dropped. */
	warnings: RowIssue[];
	/** Rows that are not data: notes, totals, a header repeated. */
	skippedRows: number[];
	/** One ID number on more than one row: every such row is refused, nothing merged. */
	duplicateIds: DuplicateId[];
	/** Data rows read (blank rows not counted). */
	rowsRead: number;
}

export interface RosterOptions {
	date1904?: boolean;
	/** 'YYYY-MM-DD': birth dates are checked against it (today by default). */
	today?: string;
}

interface Mapped {
	field: ImportField;
	ref: ColumnRef;
}

interface RowRecord {
	row: number;
	/** What each mapped field read, by field key; a cell refused is absent (and in `issues`). */
	values: Record<string, Answer>;
	issues: RowIssue[];
	warnings: RowIssue[];
}

const NOTE_START = /^(注|备注[:：]|说明|填表|制表|审核|合计|总计|小计|共计|单位负责人|负责人[:：]|联系人[:：])/;

export function readRoster(sheet: Sheet, header: HeaderBlock, mapping: ColumnMapping, options: RosterOptions = {}): Roster {
	const shape = rosterShape(mapping);
	const titles = new Map(header.columns.map((c) => [c.index, c]));
	const mapped: Mapped[] = [];
	for (const [key, index] of Object.entries(mapping)) {
		const field = importField(key);
		if (!field) continue;
		const column = titles.get(index);
		mapped.push({ field, ref: { index, letter: columnLetter(index), title: column?.title ?? columnLetter(index) } });
	}
	const leafTitles = new Map(mapped.map((m) => [m.ref.index, (titles.get(m.ref.index)?.path.at(-1) ?? '').replace(/\s+/g, '')]));
	const filled = filledDown(sheet, header.firstDataRow);
	const width = Math.max(sheet.columnCount, 1);
	const noteRows = wideMergeRows(sheet, header.firstDataRow, mapped.length);

	const records: RowRecord[] = [];
	const skippedRows: number[] = [];
	for (let r = header.firstDataRow; r < sheet.rows.length; r++) {
		const row = sheet.rows[r] ?? [];
		const cellAt = (c: number): RawCell | null | undefined => row[c] ?? filled.get(r * width + c);
		// Blank unless the row itself holds something: a household merged down over an empty row
		// below its members does not make that row a member without a name.
		if (!mapped.some((m) => hasValue(row[m.ref.index]))) {
			if (row.some(hasValue)) skippedRows.push(r + 1);
			continue;
		}
		if (noteRows.has(r) || isNoteRow(row) || repeatsHeader(mapped, cellAt, leafTitles)) {
			skippedRows.push(r + 1);
			continue;
		}
		const record: RowRecord = { row: r + 1, values: {}, issues: [], warnings: [] };
		for (const m of mapped) {
			const read = readField(m.field, cellAt(m.ref.index), options.date1904);
			if (read.ok && read.value !== undefined) record.values[m.field.key] = read.value;
			if (!read.ok) record.issues.push({ row: r + 1, column: m.ref, code: read.code, ...(read.params ? { params: read.params } : {}) });
			else if (read.rest) record.warnings.push({ row: r + 1, column: m.ref, code: 'import.warn.extraPhones', params: { phone: String(read.value), rest: read.rest } });
		}
		records.push(record);
	}

	const refs = new Map(mapped.map((m) => [m.field.key, m.ref]));
	const groups = shape === 'member' ? groupMemberRows(records, mapping, refs) : { groups: records.map((r) => [r]), orphans: [] as RowIssue[] };
	const built = groups.groups.map((rows) => buildHousehold(rows, shape, mapping, refs, options.today ?? localDay()));

	const refused: RowIssue[] = [...groups.orphans];
	const warnings: RowIssue[] = [];
	const idKey = shape === 'member' ? 'member.id_number' : 'household.headId';
	const duplicateIds = findDuplicates(records, idKey);
	const duplicateRows = new Map<number, RowIssue>();
	for (const dup of duplicateIds) {
		for (const row of dup.rows) duplicateRows.set(row, { row, column: refs.get(idKey), code: 'import.row.duplicateInFile', params: { id: dup.idNumber, rows: dup.rows.join('、') } });
	}
	const households: ParsedHousehold[] = [];
	for (const b of built) {
		const issues = [...b.issues];
		for (const row of b.rows) {
			const dup = duplicateRows.get(row);
			if (dup) issues.push(dup);
		}
		if (issues.length === 0 && b.household) {
			households.push(b.household);
			warnings.push(...b.warnings);
		} else {
			refused.push(...refuseTogether(b.rows, issues));
		}
	}
	refused.sort((a, b) => a.row - b.row);
	warnings.sort((a, b) => a.row - b.row);
	return { shape, households, refused, warnings, skippedRows, duplicateIds, rowsRead: records.length };
}

/**
 * A household refused as one: its own problems, and each of its other rows named as refused
 * because of them.
 */
export function refuseTogether(rows: readonly number[], issues: readonly RowIssue[]): RowIssue[] {
	const bad = [...new Set(issues.map((i) => i.row))].sort((a, b) => a - b);
	const out = [...issues];
	for (const row of rows) {
		if (!bad.includes(row)) out.push({ row, code: 'import.row.sameHousehold', params: { rows: bad.join('、') } });
	}
	return out;
}

function hasValue(cell: RawCell | null | undefined): boolean {
	return cell !== null && cell !== undefined && !(typeof cell === 'string' && cell.trim() === '');
}

/**
 * The cells a merge covers below its first row, filled with its value: what a reader of the
 * sheet sees there. Only down a merge's first column: a household number or head merged over
 * the household's rows. (Two merged columns side by side hold one value, not two.)
 */
function filledDown(sheet: Sheet, firstDataRow: number): Map<number, RawCell> {
	const width = Math.max(sheet.columnCount, 1);
	const filled = new Map<number, RawCell>();
	for (const m of sheet.merges) {
		if (m.lastRow < firstDataRow || m.lastRow === m.firstRow) continue;
		const value = sheet.rows[m.firstRow]?.[m.firstColumn];
		if (value === null || value === undefined) continue;
		for (let r = Math.max(m.firstRow, firstDataRow); r <= m.lastRow; r++) if (r !== m.firstRow) filled.set(r * width + m.firstColumn, value);
	}
	return filled;
}

/** Rows that begin a merge across most of the mapped columns: a note, or a section title ("一组"). */
function wideMergeRows(sheet: Sheet, firstDataRow: number, mappedCount: number): Set<number> {
	const rows = new Set<number>();
	for (const m of sheet.merges) {
		if (m.firstRow >= firstDataRow && m.lastColumn - m.firstColumn + 1 >= Math.max(3, Math.ceil(mappedCount / 2))) rows.add(m.firstRow);
	}
	return rows;
}

function isNoteRow(row: readonly (RawCell | null | undefined)[]): boolean {
	const first = row.find(hasValue);
	return typeof first === 'string' && NOTE_START.test(first.trim());
}

/** The header again (printed pages each repeat it): two or more mapped cells read their own titles. */
function repeatsHeader(mapped: readonly Mapped[], cellAt: (c: number) => RawCell | null | undefined, leafTitles: Map<number, string>): boolean {
	let same = 0;
	for (const m of mapped) {
		const cell = cellAt(m.ref.index);
		// A repeated header is a copy of the first: its words, line breaks aside, no normalising needed.
		if (typeof cell === 'string' && cell.replace(/\s+/g, '') === leafTitles.get(m.ref.index) && ++same >= 2) return true;
	}
	return false;
}

const readValue = (record: RowRecord, key: string): Answer | undefined => record.values[key];

/** Member rows into households; rows that belong to none are refused. */
function groupMemberRows(records: RowRecord[], mapping: ColumnMapping, refs: Map<string, ColumnRef>): { groups: RowRecord[][]; orphans: RowIssue[] } {
	const groups: RowRecord[][] = [];
	const orphans: RowIssue[] = [];
	const keyField = ['household.number', 'household.headId'].find((k) => k in mapping);
	if (keyField) {
		const byKey = new Map<string, RowRecord[]>();
		let current: RowRecord[] | null = null;
		for (const record of records) {
			// A key cell that was refused groups its row alone: it is refused, and holds no one else back.
			const refused = record.issues.some((i) => i.column?.index === mapping[keyField]);
			const key = refused ? `?${record.row}` : record.values[keyField];
			if (key === undefined || key === '') {
				// Written on the household's first row only: the rows under it are its members.
				if (current) current.push(record);
				else orphans.push({ row: record.row, column: refs.get(keyField), code: 'import.row.noHousehold' });
				continue;
			}
			const k = String(key);
			let group = byKey.get(k);
			if (!group) {
				byKey.set(k, (group = []));
				groups.push(group);
			}
			group.push(record);
			current = group;
		}
		return { groups, orphans };
	}
	const byHeadName = 'household.head' in mapping;
	let current: RowRecord[] | null = null;
	let currentHead: string | undefined;
	for (const record of records) {
		const relation = readValue(record, 'member.relation');
		if (byHeadName) {
			const head = readValue(record, 'household.head');
			const group = readValue(record, 'household.group');
			const key = head === undefined ? undefined : `${head}|${group ?? ''}`;
			const startsAnother = current !== null && relation === 'head' && current.some((r) => readValue(r, 'member.relation') === 'head');
			if (current && (key === undefined || key === currentHead) && !startsAnother) {
				current.push(record);
				continue;
			}
			if (key === undefined) {
				orphans.push({ row: record.row, column: refs.get('household.head'), code: 'import.row.noHousehold' });
				continue;
			}
			groups.push((current = [record]));
			currentHead = key;
			continue;
		}
		if (relation === 'head') {
			groups.push((current = [record]));
		} else if (current) {
			current.push(record);
		} else {
			orphans.push({ row: record.row, column: refs.get('member.relation'), code: 'import.row.noHousehold' });
		}
	}
	return { groups, orphans };
}

interface Built {
	rows: number[];
	household: ParsedHousehold | null;
	issues: RowIssue[];
	warnings: RowIssue[];
}

/** The card's household questions a column can answer (head, type, group, phone, note …); the flags apart, as they merge with the card's own. */
const HOUSEHOLD_ANSWERS = importFields.filter((f) => f.level === 'household' && f.role === 'answer' && f.question && f.question.id !== 'flags').map((f) => f.question!.id);

/** The card's member questions that are answered (not computed), with their field keys. */
const MEMBER_KEYS: [string, string][] = membersQuestion.questions.filter((q) => q.type !== 'computed').map((q) => [q.id, `member.${q.id}`]);

function buildHousehold(records: RowRecord[], shape: RosterShape, mapping: ColumnMapping, refs: Map<string, ColumnRef>, today: string): Built {
	const rows = records.map((r) => r.row);
	const issues: RowIssue[] = records.flatMap((r) => r.issues);
	const warnings: RowIssue[] = records.flatMap((r) => r.warnings);

	// Household fields: the same on every row that gives them (or given once).
	const householdValue = (key: string): Answer | undefined => {
		let value: Answer | undefined;
		let from = 0;
		for (const record of records) {
			const v = readValue(record, key);
			if (v === undefined) continue;
			if (value === undefined) {
				value = v;
				from = record.row;
			} else if (!sameAnswer(value, v)) {
				const field = importField(key);
				issues.push({ row: record.row, column: refs.get(key), code: 'import.row.valuesDiffer', params: { value: answerText(field, v), first: answerText(field, value), firstRow: from } });
			}
		}
		return value;
	};

	const card: Record<string, Answer> = {};
	for (const id of HOUSEHOLD_ANSWERS) {
		const value = householdValue(`household.${id}`);
		if (value !== undefined) card[id] = value;
	}
	const setFlags = householdValue('household.flags');
	const flags: FlagEdits = { on: [], off: [], ...(Array.isArray(setFlags) ? { set: setFlags } : {}) };
	for (const key of Object.keys(mapping)) {
		const field = importField(key);
		if (field?.role !== 'flag' || !field.option) continue;
		const value = householdValue(key);
		if (value === true) flags.on.push(field.option);
		else if (value === false) flags.off.push(field.option);
	}
	const headIdValue = householdValue('household.headId');
	const numberValue = householdValue('household.number');
	const sizeValue = householdValue('household.size');

	const members: ParsedMember[] = [];
	if (shape === 'member') {
		for (const record of records) {
			const values: Record<string, Answer> = {};
			for (const [id, key] of MEMBER_KEYS) {
				const v = record.values[key];
				if (v !== undefined) values[id] = v;
			}
			const name = typeof values.name === 'string' ? values.name : '';
			if (name === '' && !issues.some((i) => i.row === record.row)) issues.push({ row: record.row, column: refs.get('member.name'), code: 'import.row.noName' });
			members.push({ row: record.row, name, ...(typeof values.id_number === 'string' ? { idNumber: values.id_number } : {}), values });
			checkAgainstId(record, values, refs, warnings, today);
		}
	} else {
		const record = records[0]!;
		const values: Record<string, Answer> = {};
		for (const [id, key] of MEMBER_KEYS) {
			const v = record.values[key];
			if (v !== undefined && id !== 'id_number') values[id] = v;
		}
		if (typeof card.head === 'string') values.name = card.head;
		values.relation = 'head';
		if (typeof headIdValue === 'string') values.id_number = headIdValue;
		members.push({ row: record.row, name: typeof card.head === 'string' ? card.head : '', ...(typeof headIdValue === 'string' ? { idNumber: headIdValue } : {}), values });
		checkAgainstId(record, values, refs, warnings, today);
		if (typeof card.head !== 'string' && !issues.length) issues.push({ row: record.row, column: refs.get('household.head'), code: 'import.row.noHead' });
	}

	// The head: the member the relation column says, or the one the head's ID or name points to.
	let headRow = rows[0]!;
	if (shape === 'member' && !issues.length) {
		const heads = members.filter((m) => m.values.relation === 'head');
		let head: ParsedMember | undefined = heads[0];
		if (heads.length > 1) {
			issues.push({ row: heads[1]!.row, column: refs.get('member.relation'), code: 'import.row.twoHeads', params: { rows: heads.map((h) => h.row).join('、') } });
		} else if (!head) {
			const byId = typeof headIdValue === 'string' ? members.find((m) => m.idNumber === headIdValue) : undefined;
			const byName = typeof card.head === 'string' ? members.find((m) => m.name === card.head) : undefined;
			head = byId ?? byName;
			if (head && head.values.relation === undefined) head.values.relation = 'head';
			else if (head || 'member.relation' in mapping) {
				issues.push({ row: rows[0]!, column: refs.get('member.relation'), code: 'import.row.noHeadRow' });
				head = undefined;
			} else {
				warnings.push({ row: rows[0]!, column: refs.get('household.head'), code: 'import.warn.headNotListed', params: { head: String(card.head ?? '') } });
			}
		}
		if (head) {
			headRow = head.row;
			if (typeof card.head === 'string' && card.head !== head.name) {
				issues.push({ row: head.row, column: refs.get('household.head'), code: 'import.row.headNameDiffers', params: { head: card.head, name: head.name } });
			}
			if (typeof headIdValue === 'string') {
				if (head.idNumber && head.idNumber !== headIdValue) issues.push({ row: head.row, column: refs.get('household.headId'), code: 'import.row.headIdDiffers' });
				else if (!head.idNumber) {
					head.idNumber = headIdValue;
					head.values.id_number = headIdValue;
				}
			}
			if (card.head === undefined && head.name) card.head = head.name;
		}
	}
	if (card.head === undefined && !issues.length) issues.push({ row: rows[0]!, column: refs.get('household.head'), code: 'import.row.noHead' });

	const max = membersQuestion.maxRows;
	if (max !== undefined && members.length > max) issues.push({ row: rows[0]!, code: 'answer.tooManyRows', params: { max } });
	if (typeof sizeValue === 'number' && shape === 'member' && sizeValue !== members.length) {
		warnings.push({ row: rows[0]!, column: refs.get('household.size'), code: 'import.warn.sizeDiffers', params: { declared: sizeValue, counted: members.length } });
	}
	if (issues.length) return { rows, household: null, issues, warnings };
	const headId = members.find((m) => m.row === headRow && m.values.relation === 'head')?.idNumber ?? (typeof headIdValue === 'string' ? headIdValue : undefined);
	return {
		rows,
		issues,
		warnings,
		household: {
			rows,
			headRow,
			...(numberValue !== undefined ? { number: String(numberValue) } : {}),
			head: String(card.head),
			...(headId ? { headId } : {}),
			card,
			flags: flags.set || flags.on.length || flags.off.length ? flags : null,
			members,
			...(typeof sizeValue === 'number' ? { declaredSize: sizeValue } : {})
		}
	};
}

/** A birth date or sex column that disagrees with the ID number: the card reads both from the ID. */
function checkAgainstId(record: RowRecord, values: Record<string, Answer>, refs: Map<string, ColumnRef>, warnings: RowIssue[], today: string): void {
	if (typeof values.id_number !== 'string' || !(refs.has('member.birth_date') || refs.has('member.sex'))) return;
	const parsed = parseResidentId(values.id_number, today);
	if (!parsed.ok) return;
	const birth = readValue(record, 'member.birth_date');
	if (typeof birth === 'string' && birth !== parsed.facts.birthDate) {
		warnings.push({ row: record.row, column: refs.get('member.birth_date'), code: 'import.warn.birthDateDiffers', params: { date: birth, fromId: parsed.facts.birthDate } });
	}
	const sex = readValue(record, 'member.sex');
	if (typeof sex === 'string' && sex !== parsed.facts.sex) {
		warnings.push({ row: record.row, column: refs.get('member.sex'), code: 'import.warn.sexDiffers', params: { sex: sex === 'male' ? '男' : '女' } });
	}
}

/** ID numbers on more than one row (read and well-formed: a refused cell is refused already). */
function findDuplicates(records: readonly RowRecord[], key: string): DuplicateId[] {
	const rowsById = new Map<string, number[]>();
	for (const record of records) {
		const id = readValue(record, key);
		if (typeof id !== 'string') continue;
		const rows = rowsById.get(id);
		if (rows) rows.push(record.row);
		else rowsById.set(id, [record.row]);
	}
	return [...rowsById].filter(([, rows]) => rows.length > 1).map(([idNumber, rows]) => ({ idNumber, rows }));
}

/** An answer in the words of the sheet (the card's labels), for a reason shown to the cadre. */
function answerText(field: ImportField | undefined, value: Answer): string {
	if (typeof value === 'boolean') return value ? '是' : '否';
	const question = field?.question;
	const words = Array.isArray(value) ? value : [String(value)];
	if (question?.type === 'choice') return words.map((v) => question.options.find((o) => o.value === v)?.label.zh ?? v).join('、');
	return words.join('、');
}

export function sameAnswer(a: Answer | undefined, b: Answer | undefined): boolean {
	if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v) => b.includes(v));
	return a === b;
}
