/**
 * The campaign's progress as tables (issue 14, point 3): period by period against the phases, and
 * the work of each village, keeping group and caretaker (帮扶责任人). They go out with the other
 * statistics tables (tables.ts), on screen, on paper and in the workbook alike.
 *
 * Progress, not surveillance (减负): the rows keep the organisation's order (villages as it lists
 * them, groups in the order they were set up, people by name), never the order of how much each
 * has done, and no table has a rank or a score.
 */
import { dayRangeText, dayText } from '../calendar/dayRange';
import { covered, KEY_KINDS, keyKindCoverage, type DayCounts, type KeyKind, type ProgressCounts } from './figures';
import { periodRows, type PeriodKind } from './periods';
import { NO_GROUP, NO_PERSON } from './problems';
import type { StatisticsReport } from './statistics';
import type { CellValue, StatsTable, TableColumn, TableRow, TableWords } from './tables';

const DAY_COUNTS = ['screened', 'checked', 'reviewed', 'found', 'rectified'] as const satisfies readonly (keyof DayCounts)[];
const WORK_COUNTS = ['households', 'screened', 'checked', 'reviewed', 'found', 'open', 'overdue'] as const satisfies readonly (keyof ProgressCounts)[];

/** The progress table, period by period: what was done in each and to date, and the phase it falls in. */
export function periodsTable(report: StatisticsReport, words: TableWords, kind: PeriodKind): StatsTable {
	const { t, label } = words;
	const rows = periodRows(report.campaign, report.figures.days, report.today, report.phases, kind);
	const during = t('progress.colGroup.during');
	const cumulative = t('progress.colGroup.cumulative');
	const counts = (group: string, prefix: string): TableColumn[] => DAY_COUNTS.map((key) => ({ key: `${prefix}${key}`, label: t(`progress.col.${key}`), group, kind: 'count' }));
	const cells = (counts: DayCounts | null): CellValue[] => DAY_COUNTS.map((key) => (counts ? counts[key] : null));
	const undated = report.figures.screenedUndated;
	return {
		id: 'periods',
		title: t(`progress.table.${kind}`),
		// A week's number stands alone in the first column, which stays in view as a phone scrolls the table sideways.
		columns: [
			{ key: 'period', label: t(`progress.col.${kind}`), kind: 'text' },
			...(kind === 'week' ? [{ key: 'dates', label: t('progress.col.dates'), kind: 'text' } as const] : []),
			{ key: 'phase', label: t('progress.col.phase'), kind: 'text' },
			...counts(during, ''),
			...counts(cumulative, 'total.')
		],
		rows: rows.map(({ period, phases, during, cumulative }): TableRow => {
			return {
				key: period.startsOn,
				cells: [
					...(kind === 'week' ? [t('progress.row.week', { n: period.index }), label(dayRangeText(period.startsOn, period.endsOn))] : [label(dayText(period.startsOn))]),
					phases.length ? phases.map((p) => p.name).join(t('progress.listSeparator')) : null,
					...cells(during),
					...cells(cumulative)
				]
			};
		}),
		note: [kind === 'week' ? t('progress.note.week') : '', t('progress.note.periods'), undated ? t('progress.note.undated', { count: undated }) : ''].filter(Boolean).join(t('progress.sentenceSeparator'))
	};
}

const workCells = (p: ProgressCounts | undefined): CellValue[] => WORK_COUNTS.map((key) => p?.[key] ?? 0);

function workColumns(t: TableWords['t'], first: TableColumn[]): TableColumn[] {
	return [...first, ...WORK_COUNTS.map((key): TableColumn => ({ key, label: t(`progress.col.${key}`), kind: 'count' }))];
}

function sum(parts: readonly (ProgressCounts | undefined)[]): ProgressCounts {
	const out = { households: 0, screened: 0, checked: 0, reviewed: 0, found: 0, open: 0, overdue: 0 };
	for (const part of parts) for (const key of WORK_COUNTS) out[key] += part?.[key] ?? 0;
	return out;
}

/** Each village's work, as the organisation lists the villages (township only). */
export function villageWorkTable(report: StatisticsReport, words: TableWords, groupName: (id: string | null) => string): StatsTable {
	const { t } = words;
	const of = (f: StatisticsReport['figures']): ProgressCounts => ({
		households: f.coverage.households,
		screened: f.coverage.screened,
		checked: f.coverage.checked,
		reviewed: f.coverage.reviewed,
		found: f.problems.totals.found,
		open: f.problems.totals.open,
		overdue: f.problems.totals.overdue
	});
	return {
		id: 'villageWork',
		title: t('progress.table.villages'),
		columns: workColumns(t, [
			{ key: 'village', label: t('stats.col.village'), kind: 'text' },
			{ key: 'keeper', label: t('stats.col.keeper'), kind: 'text' }
		]),
		rows: report.villages.map(({ village, figures }) => ({ key: village.dossierId, cells: [village.name, groupName(village.groupId), ...workCells(of(figures))] })),
		footer: { key: 'total', cells: [t('stats.row.total'), '', ...workCells(of(report.figures))] },
		note: t('progress.note.work')
	};
}

/** Each keeping group's work: the villages it keeps, in the order the groups were set up. */
export function groupWorkTable(report: StatisticsReport, words: TableWords, groupName: (id: string | null) => string): StatsTable {
	const { t } = words;
	const byGroup = report.figures.byGroup;
	const ids = [...report.groups.map((g) => g.id).filter((id) => byGroup[id]), ...(byGroup[NO_GROUP] ? [NO_GROUP] : [])];
	return {
		id: 'groupWork',
		title: t('progress.table.groups'),
		columns: workColumns(t, [{ key: 'group', label: t('stats.col.group'), kind: 'text' }]),
		rows: ids.map((id) => ({ key: id, cells: [groupName(id === NO_GROUP ? null : id), ...workCells(byGroup[id])] })),
		footer: { key: 'total', cells: [t('stats.row.total'), ...workCells(sum(ids.map((id) => byGroup[id])))] },
		note: t('progress.note.work')
	};
}

/** Each caretaker's households and the problems found on them, people by name; null when no caretakers were counted. */
export function personWorkTable(report: StatisticsReport, words: TableWords): StatsTable | null {
	const { t } = words;
	const byPerson = report.figures.byPerson;
	const name = words.person ?? ((id: string) => id);
	const named = Object.keys(byPerson)
		.filter((id) => id !== NO_PERSON)
		.map((id) => ({ id, name: name(id) }))
		.sort((a, b) => a.name.localeCompare(b.name, 'zh-Hans-CN') || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
	const rows = [...named, ...(byPerson[NO_PERSON] ? [{ id: NO_PERSON, name: t('progress.row.noPerson') }] : [])];
	if (rows.length === 0) return null;
	return {
		id: 'personWork',
		title: t('progress.table.people'),
		columns: workColumns(t, [{ key: 'person', label: t('progress.col.person'), kind: 'text' }]),
		rows: rows.map(({ id, name }) => ({ key: id, cells: [name, ...workCells(byPerson[id])] })),
		footer: { key: 'total', cells: [t('stats.row.total'), ...workCells(sum(rows.map(({ id }) => byPerson[id])))] },
		note: t('progress.note.people')
	};
}

/** 是 / 否 for a kind all visited or not; null where there is none of the kind. */
export function coveredCell(words: TableWords, coverage: { households: number; screened: number }): CellValue {
	const all = covered(coverage);
	return all === null ? null : words.t(all ? 'progress.covered.yes' : 'progress.covered.no');
}

/** The nine key kinds village by village: how many of each are not yet visited, and whether a village has visited them all. */
export function keyVisitsTable(report: StatisticsReport, words: TableWords, kindName: (kind: KeyKind) => string): StatsTable {
	const { t } = words;
	const notVisited = t('progress.col.notVisited');
	const cells = (f: StatisticsReport['figures']): CellValue[] => {
		const kinds = KEY_KINDS.map((kind) => keyKindCoverage(f, kind));
		const all = kinds.reduce((acc, c) => ({ households: acc.households + c.households, screened: acc.screened + c.screened }), { households: 0, screened: 0 });
		return [...kinds.map((c) => (c.households === 0 ? null : c.households - c.screened)), coveredCell(words, all)];
	};
	return {
		id: 'keyVisits',
		title: t('progress.table.keyVisits'),
		columns: [
			{ key: 'village', label: t('stats.col.village'), kind: 'text' },
			...KEY_KINDS.map((kind): TableColumn => ({ key: kind, label: kindName(kind), group: notVisited, kind: 'count' })),
			{ key: 'covered', label: t('progress.col.covered'), kind: 'text' }
		],
		rows: report.villages.map(({ village, figures }) => ({ key: village.dossierId, cells: [village.name, ...cells(figures)] })),
		footer: { key: 'total', cells: [t('stats.row.total'), ...cells(report.figures)] },
		note: t('progress.note.keyVisits')
	};
}

