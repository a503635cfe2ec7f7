/**
 * The statistics as tables: what the page shows and what an export writes are the same rows, so
 * a sheet sent to the county never says something the screen did not. A table is a title, leaf
 * columns (each may name the group its header sits under, for a two-row header with the group
 * cell merged over its columns), rows of plain values, and a 合计 row where the rows add up.
 * Counts are numbers and rates are fractions (0.545…), so a spreadsheet can format and sum them;
 * `null` is a figure that does not apply (a rate of nothing, a band the campaign does not have).
 */
import { householdCard, householdTypeLabels } from '../templates/householdCard';
import type { LocalizedText } from '../templates/template';
import type { Totals } from '../ledger/ledgerReport';
import { CHECK_STATES, KEY_KINDS, TYPE_KEYS, emptyTotals, keyKindCoverage, ratio, ratioText, type Coverage, type FlagKey, type KeyKind } from './figures';
import type { PeriodKind } from './periods';
import { coveredCell, groupWorkTable, keyVisitsTable, periodsTable, personWorkTable, villageWorkTable } from './progressTables';
import { NO_GROUP, OTHER_GROUP } from './problems';
import type { StatisticsReport } from './statistics';
import { lineLabel } from './summary';

export type CellValue = string | number | null;

export interface TableColumn {
	key: string;
	label: string;
	/** The header over this column and its neighbours with the same group (merged in a two-row header). */
	group?: string;
	/** How to show the value: text as is, a count, or a fraction as a percentage. */
	kind: 'text' | 'count' | 'percent';
}

export interface TableRow {
	/** Stable across languages (a village's id, a category's id, a state): for tests and links. */
	key: string;
	cells: CellValue[];
}

export interface StatsTable {
	id: string;
	title: string;
	columns: TableColumn[];
	rows: TableRow[];
	/** 合计, when the rows add up to it. */
	footer?: TableRow;
	/** Said under the table: why its rows do not add up, what a figure means. */
	note?: string;
}

export interface TableWords {
	/** The message catalogue (keys under `stats.`). */
	t: (key: string, params?: Record<string, unknown>) => string;
	/** A bilingual label in the reader's language. */
	label: (text: LocalizedText) => string;
	/** A person's name by id (漏查 names the checker); the id itself without it. */
	person?: (id: string) => string;
}

const FLAG_LABELS: Record<string, LocalizedText> = (() => {
	const flags = householdCard.sections.flatMap((s) => s.questions).find((q) => q.id === 'flags');
	return flags && flags.type === 'choice' ? Object.fromEntries(flags.options.map((o) => [o.value, o.label])) : {};
})();

export function flagLabel(flag: FlagKey): LocalizedText {
	return FLAG_LABELS[flag] ?? { zh: flag, en: flag };
}

function coverageColumns(t: TableWords['t'], first: TableColumn): TableColumn[] {
	return [
		first,
		{ key: 'households', label: t('stats.col.households'), kind: 'count' },
		{ key: 'checked', label: t('stats.col.checked'), kind: 'count' },
		{ key: 'people', label: t('stats.col.people'), kind: 'count' },
		{ key: 'checkedPeople', label: t('stats.col.checkedPeople'), kind: 'count' },
		{ key: 'checkRate', label: t('stats.col.checkRate'), kind: 'percent' }
	];
}

const coverageCells = (c: Coverage): CellValue[] => [c.households, c.checked, c.people, c.checkedPeople, ratio(c.checked, c.households)];

function totalsCells(x: Totals): CellValue[] {
	return [x.found, x.rectified, x.awaiting, x.open, x.overdue, ratio(x.rectified, x.found)];
}

export interface TableOptions {
	/** The progress table's periods: weeks (the default: supervision is weekly) or days. */
	period?: PeriodKind;
}

export function statisticsTables(report: StatisticsReport, words: TableWords, options: TableOptions = {}): StatsTable[] {
	const { t, label } = words;
	const { figures } = report;
	const total = t('stats.row.total');
	const groupName = (id: string | null) => report.groups.find((g) => g.id === id)?.name ?? (id === OTHER_GROUP ? t('stats.row.otherGroup') : t('stats.row.noGroup'));
	const typeLabel = (key: string) => (key === 'unknown' ? t('stats.row.unknownType') : label(householdTypeLabels[key as keyof typeof householdTypeLabels]));
	const tables: StatsTable[] = [];

	const p = figures.problems.totals;
	tables.push({
		id: 'progress',
		title: t('stats.table.progress'),
		columns: [
			{ key: 'item', label: t('stats.col.item'), kind: 'text' },
			{ key: 'done', label: t('stats.col.done'), kind: 'count' },
			{ key: 'total', label: t('stats.col.total'), kind: 'count' },
			{ key: 'share', label: t('stats.col.share'), kind: 'percent' }
		],
		rows: [
			{ key: 'time', cells: [t('stats.row.time'), report.progress.elapsed, report.progress.days, ratio(report.progress.elapsed, report.progress.days)] },
			{ key: 'check', cells: [t('stats.row.check'), figures.coverage.checked, figures.coverage.households, ratio(figures.coverage.checked, figures.coverage.households)] },
			{ key: 'rectify', cells: [t('stats.row.rectify'), p.rectified, p.found, ratio(p.rectified, p.found)] }
		],
		note: t('stats.note.progress', { from: report.campaign.startsOn, to: report.campaign.endsOn })
	});
	tables.push(periodsTable(report, words, options.period ?? 'week'));
	if (report.scope.kind === 'township') tables.push(villageWorkTable(report, words, groupName));
	tables.push(groupWorkTable(report, words, groupName));
	const people = personWorkTable(report, words);
	if (people) tables.push(people);

	if (report.scope.kind === 'township') {
		const hh = t('stats.colGroup.households');
		const pr = t('stats.colGroup.problems');
		const inc = t('stats.colGroup.income');
		tables.push({
			id: 'villages',
			title: t('stats.table.villages'),
			columns: [
				{ key: 'village', label: t('stats.col.village'), kind: 'text' },
				{ key: 'keeper', label: t('stats.col.keeper'), kind: 'text' },
				{ key: 'households', label: t('stats.col.households'), group: hh, kind: 'count' },
				{ key: 'checked', label: t('stats.col.checked'), group: hh, kind: 'count' },
				{ key: 'checkedPeople', label: t('stats.col.checkedPeople'), group: hh, kind: 'count' },
				{ key: 'checkRate', label: t('stats.col.checkRate'), group: hh, kind: 'percent' },
				{ key: 'found', label: t('stats.col.found'), group: pr, kind: 'count' },
				{ key: 'rectified', label: t('stats.col.rectified'), group: pr, kind: 'count' },
				{ key: 'overdue', label: t('stats.col.overdue'), group: pr, kind: 'count' },
				{ key: 'rectifyRate', label: t('stats.col.rectifyRate'), group: pr, kind: 'percent' },
				{ key: 'belowLine', label: t('stats.col.belowLine'), group: inc, kind: 'count' },
				{ key: 'inBand', label: t('stats.col.inBand'), group: inc, kind: 'count' }
			],
			rows: report.villages.map(({ village, figures: f }) => ({
				key: village.dossierId,
				cells: villageCells(village.name, groupName(village.groupId), f)
			})),
			footer: { key: 'total', cells: villageCells(total, '', figures) }
		});
	}

	const hh = t('stats.colGroup.households');
	const pe = t('stats.colGroup.people');
	const types = TYPE_KEYS.filter((k) => k !== 'unknown' || figures.byType.unknown.households > 0);
	const typeRow = (key: string, name: string, c: Coverage): TableRow => ({
		key,
		cells: [name, c.households, ...CHECK_STATES.map((s) => c.states[s]), c.people, c.checkedPeople, ratio(c.checked, c.households)]
	});
	tables.push({
		id: 'types',
		title: t('stats.table.types'),
		columns: [
			{ key: 'type', label: t('stats.col.type'), kind: 'text' },
			{ key: 'households', label: t('stats.col.households'), group: hh, kind: 'count' },
			...CHECK_STATES.map((s): TableColumn => ({ key: s, label: t(`stats.state.${s}`), group: hh, kind: 'count' })),
			{ key: 'people', label: t('stats.col.people'), group: pe, kind: 'count' },
			{ key: 'checkedPeople', label: t('stats.col.checkedPeople'), group: pe, kind: 'count' },
			{ key: 'checkRate', label: t('stats.col.checkRate'), kind: 'percent' }
		],
		rows: types.map((k) => typeRow(k, typeLabel(k), figures.byType[k])),
		footer: typeRow('total', total, figures.coverage),
		note: t('stats.note.checked')
	});

	// 9类重点户必到: for each kind, how many are visited (form started) beside how many are checked, and whether all are visited.
	const kindName = (kind: KeyKind) => (kind === 'lifted' || kind === 'monitored' ? typeLabel(kind) : label(flagLabel(kind)));
	const [first, households, ...rest] = coverageColumns(t, { key: 'kind', label: t('stats.col.kind'), kind: 'text' });
	tables.push({
		id: 'keyHouseholds',
		title: t('stats.table.keyHouseholds'),
		columns: [first!, households!, { key: 'screened', label: t('progress.col.screened'), kind: 'count' }, ...rest, { key: 'covered', label: t('progress.col.covered'), kind: 'text' }],
		rows: KEY_KINDS.map((kind) => {
			const c = keyKindCoverage(figures, kind);
			const [total, ...others] = coverageCells(c);
			return { key: kind, cells: [kindName(kind), total!, c.screened, ...others, coveredCell(words, c)] };
		}),
		note: t('stats.note.keyHouseholds')
	});
	if (report.scope.kind === 'township') tables.push(keyVisitsTable(report, words, kindName));

	const problemColumns = (first: TableColumn): TableColumn[] => [
		first,
		{ key: 'found', label: t('stats.col.found'), kind: 'count' },
		{ key: 'rectified', label: t('stats.col.rectified'), kind: 'count' },
		{ key: 'awaiting', label: t('stats.col.awaiting'), kind: 'count' },
		{ key: 'open', label: t('stats.col.open'), kind: 'count' },
		{ key: 'overdue', label: t('stats.col.overdue'), kind: 'count' },
		{ key: 'rectifyRate', label: t('stats.col.rectifyRate'), kind: 'percent' }
	];
	tables.push({
		id: 'categories',
		title: t('stats.table.categories'),
		columns: problemColumns({ key: 'category', label: t('stats.col.category'), kind: 'text' }),
		rows: report.categories.map((c) => ({ key: c.id, cells: [label(c.label), ...totalsCells(figures.problems.byCategory[c.id] ?? emptyTotals())] })),
		footer: { key: 'total', cells: [total, ...totalsCells(p)] },
		note: t('stats.note.rectified')
	});

	const raisedBy = figures.problems.raisedBy;
	const against = figures.problems.against;
	const groupIds = [...report.groups.map((g) => g.id), ...(against[NO_GROUP]?.found ? [NO_GROUP] : []), ...(raisedBy[OTHER_GROUP]?.found ? [OTHER_GROUP] : [])];
	const ra = t('stats.colGroup.raised');
	const ag = t('stats.colGroup.against');
	const groupCells = (r: Totals, a: Totals | null): CellValue[] => [
		r.found,
		r.rectified,
		r.overdue,
		...(a ? [a.found, a.rectified, a.awaiting, a.overdue, ratio(a.rectified, a.found)] : [null, null, null, null, null])
	];
	tables.push({
		id: 'groups',
		title: t('stats.table.groups'),
		columns: [
			{ key: 'group', label: t('stats.col.group'), kind: 'text' },
			{ key: 'raisedFound', label: t('stats.col.found'), group: ra, kind: 'count' },
			{ key: 'raisedRectified', label: t('stats.col.rectified'), group: ra, kind: 'count' },
			{ key: 'raisedOverdue', label: t('stats.col.overdue'), group: ra, kind: 'count' },
			{ key: 'againstFound', label: t('stats.col.found'), group: ag, kind: 'count' },
			{ key: 'againstRectified', label: t('stats.col.rectified'), group: ag, kind: 'count' },
			{ key: 'againstAwaiting', label: t('stats.col.awaiting'), group: ag, kind: 'count' },
			{ key: 'againstOverdue', label: t('stats.col.overdue'), group: ag, kind: 'count' },
			{ key: 'againstRate', label: t('stats.col.rectifyRate'), group: ag, kind: 'percent' }
		],
		// Problems no checking group found keep no village: nothing is "against" them.
		rows: groupIds.map((id) => ({ key: id, cells: [groupName(id), ...groupCells(raisedBy[id] ?? emptyTotals(), id === OTHER_GROUP ? null : (against[id] ?? emptyTotals()))] })),
		footer: { key: 'total', cells: [total, ...groupCells(p, p)] },
		note: t('stats.note.groups')
	});

	/** Tables of households and their people, by what is counted. */
	const countColumns: TableColumn[] = [
		{ key: 'item', label: t('stats.col.item'), kind: 'text' },
		{ key: 'households', label: t('stats.col.householdCount'), kind: 'count' },
		{ key: 'people', label: t('stats.col.personCount'), kind: 'count' }
	];
	const income = figures.income;
	const band = income.bandVillages > 0;
	tables.push({
		id: 'income',
		title: t('stats.table.income'),
		columns: countColumns,
		rows: [
			{ key: 'assessed', cells: [t('stats.income.assessed'), income.assessed.households, income.assessed.people] },
			{ key: 'belowLine', cells: [t('stats.income.belowLine', { line: label(lineLabel(report.campaign)) }), income.belowLine.households, income.belowLine.people] },
			{ key: 'inBand', cells: [t('stats.income.inBand'), band ? income.inBand.households : null, band ? income.inBand.people : null] },
			{ key: 'largeRigidSpending', cells: [t('stats.income.largeRigidSpending'), income.largeRigidSpending.households, income.largeRigidSpending.people] },
			{ key: 'unassessed', cells: [t('stats.income.unassessed'), income.unassessed.households, income.unassessed.people] }
		],
		note: band ? t('stats.note.income') : t('stats.note.noBand')
	});
	const m = figures.monitoring;
	tables.push({
		id: 'monitoring',
		title: t('stats.table.monitoring'),
		columns: countColumns,
		rows: (['included', 'assisted', 'riskCleared'] as const).map((phase) => ({ key: phase, cells: [t(`stats.monitoring.${phase}`), m[phase].households, m[phase].people] })),
		note: t('stats.note.monitoring')
	});
	const missed = figures.missed;
	const personName = words.person ?? ((id: string) => id);
	tables.push({
		id: 'missed',
		title: t('stats.table.missed'),
		columns: [
			{ key: 'item', label: t('stats.col.checker'), kind: 'text' },
			{ key: 'count', label: t('stats.col.missed'), kind: 'count' }
		],
		rows: [
			...Object.entries(missed.byGroup).map(([groupId, count]) => ({ key: `group:${groupId}`, cells: [groupName(groupId), count] })),
			...Object.entries(missed.byChecker).map(([personId, count]) => ({ key: `person:${personId}`, cells: [personName(personId), count] }))
		],
		footer: { key: 'total', cells: [total, missed.total] },
		note: t('stats.note.missed')
	});
	return tables;
}

function villageCells(name: string, keeper: string, f: StatisticsReport['figures']): CellValue[] {
	const c = f.coverage;
	const band = f.income.bandVillages > 0;
	const p = f.problems.totals;
	return [
		name,
		keeper,
		c.households,
		c.checked,
		c.checkedPeople,
		ratio(c.checked, c.households),
		p.found,
		p.rectified,
		p.overdue,
		ratio(p.rectified, p.found),
		f.income.belowLine.households,
		band ? f.income.inBand.households : null
	];
}

/** A cell as the page shows it: a count as it is, a rate as a percentage, nothing as "—". */
export function cellText(value: CellValue, column: Pick<TableColumn, 'kind'>): string {
	if (value === null) return '—';
	return column.kind === 'percent' && typeof value === 'number' ? ratioText(value) : String(value);
}
