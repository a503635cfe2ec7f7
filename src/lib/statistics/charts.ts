/**
 * The statistics' charts as ECharts options: plain data, made here so the page only hands them
 * to the library (loaded on the statistics page alone). Bars lie on their side so that village
 * and category names read in full on a phone; nothing animates, so a chart prints as it is.
 */
import type { ComposeOption } from 'echarts/core';
import type { BarSeriesOption, LineSeriesOption } from 'echarts/charts';
import type { GridComponentOption, LegendComponentOption, MarkAreaComponentOption, TooltipComponentOption } from 'echarts/components';
import { householdTypeLabels } from '../templates/householdCard';
import { CHECK_STATES, TYPE_KEYS, emptyTotals, type CheckState } from './figures';
import { timeline } from './progress';
import { addDays } from '../calendar/calendar';
import type { StatisticsReport } from './statistics';
import type { TableWords } from './tables';

export type ChartOption = ComposeOption<BarSeriesOption | LineSeriesOption | GridComponentOption | LegendComponentOption | MarkAreaComponentOption | TooltipComponentOption>;

export interface Chart {
	id: string;
	title: string;
	option: ChartOption;
	/** The height it needs, in pixels: one band per row for bar charts. */
	height: number;
	/** Wants the page's whole width (many rows of long names). */
	wide?: boolean;
}

const FONT = "system-ui, 'PingFang SC', 'Noto Sans CJK SC', 'Microsoft YaHei', sans-serif";

const STATE_COLOURS: Record<CheckState, string> = {
	checked: '#1e8449',
	changedAfterSigning: '#b03a2e',
	awaitingSignature: '#2471a3',
	inProgress: '#d4ac0d',
	notStarted: '#b3aca3'
};

const base = (): ChartOption => ({
	animation: false,
	textStyle: { fontFamily: FONT },
	tooltip: { trigger: 'axis', confine: true },
	legend: { top: 0, left: 0, itemWidth: 14, itemHeight: 10, textStyle: { fontSize: 12 } }
});

/** Long names are cut on the axis (the tables beside the charts give them whole). */
const categoryAxis = (names: string[]) => ({
	type: 'category' as const,
	data: names,
	inverse: true,
	axisLabel: { width: 120, overflow: 'truncate' as const, fontSize: 12 },
	axisTick: { show: false }
});

const barHeight = (rows: number, legendRows = 2) => 40 + legendRows * 22 + rows * 34;

/** Where each village (township) or household type (village) stands: households by form state. */
export function coverageChart(report: StatisticsReport, words: TableWords): Chart {
	const { t, label } = words;
	const township = report.scope.kind === 'township';
	const rows = township
		? report.villages.map((v) => ({ name: v.village.name, coverage: v.figures.coverage }))
		: TYPE_KEYS.filter((k) => k !== 'unknown' || report.figures.byType.unknown.households > 0).map((k) => ({
				name: k === 'unknown' ? t('stats.row.unknownType') : label(householdTypeLabels[k]),
				coverage: report.figures.byType[k]
			}));
	return {
		id: 'coverage',
		title: t(township ? 'stats.chart.coverageByVillage' : 'stats.chart.coverageByType'),
		height: barHeight(rows.length, 3),
		option: {
			...base(),
			grid: { left: 8, right: 16, top: 70, bottom: 8, containLabel: true },
			xAxis: { type: 'value', minInterval: 1 },
			yAxis: categoryAxis(rows.map((r) => r.name)),
			series: CHECK_STATES.map((state) => ({
				type: 'bar',
				name: t(`stats.state.${state}`),
				stack: 'households',
				barMaxWidth: 22,
				itemStyle: { color: STATE_COLOURS[state] },
				data: rows.map((r) => r.coverage.states[state])
			}))
		}
	};
}

/**
 * A section's title without the period it covers ("1. 2021年10月以来家庭收支情况" → "1. 家庭收支情况"):
 * the period is the campaign's, said above the chart, and the axis has room for little else.
 */
export function shortCategory(title: string): string {
	return title.replace(/^(\d+\.\s*)\d{4}年\d{1,2}月以来/, '$1');
}

/** Problems by category: found, rectified (accepted by a reviewer), overdue. */
export function categoryChart(report: StatisticsReport, words: TableWords): Chart {
	const { t, label } = words;
	const categories = report.categories;
	const of = (id: string) => report.figures.problems.byCategory[id] ?? emptyTotals();
	const series = (key: 'found' | 'rectified' | 'overdue', colour: string): BarSeriesOption => ({
		type: 'bar',
		name: t(`stats.col.${key}`),
		barMaxWidth: 10,
		barGap: '10%',
		itemStyle: { color: colour },
		data: categories.map((c) => of(c.id)[key])
	});
	return {
		id: 'categories',
		title: t('stats.chart.categories'),
		height: 40 + 30 + categories.length * 40,
		wide: true,
		option: {
			...base(),
			grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
			xAxis: { type: 'value', minInterval: 1 },
			yAxis: categoryAxis(categories.map((c) => shortCategory(label(c.label)))),
			series: [series('found', '#8e1b1b'), series('rectified', '#1e8449'), series('overdue', '#b9770e')]
		}
	};
}

/** Phases drawn behind the lines, in turn, so that two phases side by side are told apart. */
const PHASE_COLOURS = ['rgba(36, 113, 163, 0.08)', 'rgba(212, 172, 13, 0.12)', 'rgba(30, 132, 73, 0.08)', 'rgba(142, 27, 27, 0.07)'];

/**
 * Day by day through the campaign: households visited, checked and approved, problems found and
 * rectified, to date; the campaign's phases as bands behind them, named at their top, so the
 * work done reads against the phase it should be done in (visiting in 排查, rectifying in 整改).
 */
export function timelineChart(report: StatisticsReport, words: TableWords): Chart {
	const { t } = words;
	const line = timeline(report.campaign, report.figures.days, report.today);
	const axisDay = (day: string) => day.slice(5);
	const clamp = (day: string) => (day < report.campaign.startsOn ? report.campaign.startsOn : day > report.campaign.endsOn ? report.campaign.endsOn : day);
	const phases = report.phases.filter((p) => p.endsOn >= report.campaign.startsOn && p.startsOn <= report.campaign.endsOn);
	const series = (name: string, data: (number | null)[], colour: string, dashed = false): LineSeriesOption => ({
		type: 'line',
		name,
		data,
		symbol: 'none',
		step: 'end',
		lineStyle: { width: 2, color: colour, ...(dashed ? { type: 'dashed' as const } : {}) },
		itemStyle: { color: colour }
	});
	const first = series(t('progress.col.screened'), line.screened, '#7d3c98', true);
	if (phases.length) {
		first.markArea = {
			silent: true,
			label: { position: 'insideTop', color: '#555', fontSize: 11 },
			data: phases.map((p, i) => [
				{ name: p.name, xAxis: axisDay(clamp(p.startsOn)), itemStyle: { color: PHASE_COLOURS[i % PHASE_COLOURS.length] } },
				// A day's count holds until the next day's (the lines step): a phase's band runs to the start of the day after it.
				{ xAxis: axisDay(clamp(addDays(p.endsOn, 1))) }
			])
		};
	}
	return {
		id: 'timeline',
		title: t('stats.chart.timeline', { from: report.campaign.startsOn, to: report.campaign.endsOn }),
		height: 320,
		option: {
			...base(),
			grid: { left: 8, right: 16, top: 56, bottom: 8, containLabel: true },
			xAxis: { type: 'category', data: line.days.map(axisDay), boundaryGap: false },
			yAxis: { type: 'value', minInterval: 1 },
			series: [
				first,
				series(t('stats.col.checked'), line.checked, '#1e8449'),
				series(t('progress.col.reviewed'), line.reviewed, '#117a65', true),
				series(t('stats.col.found'), line.found, '#8e1b1b'),
				series(t('stats.col.rectified'), line.rectified, '#2471a3')
			]
		}
	};
}

export function statisticsCharts(report: StatisticsReport, words: TableWords): Chart[] {
	return [coverageChart(report, words), timelineChart(report, words), categoryChart(report, words)];
}
