/**
 * The paragraph a township (or a village) writes upward about a campaign, in the words the
 * reports use ("…共排查农户195户436人，发现问题254条，已整改…"), with an English version. It is
 * a report as much as a table is, so both languages are made here from the same figures and
 * tested word for word; the page only shows and copies it.
 *
 * 已整改 is the ledger's: rectifications a reviewer accepted (销号), never those merely submitted
 * (待审核 is said apart), so what goes upward is what was fixed, not what was claimed.
 */
import type { Campaign } from '../campaign/campaign';
import type { LocalizedText } from '../templates/template';
import { percentText } from './figures';
import type { StatisticsReport } from './statistics';

/** Fen as yuan the way the forms print the line: 7300元, 7300.50元. */
function yuan(fen: number): string {
	return fen % 100 === 0 ? String(fen / 100) : (fen / 100).toFixed(2);
}

function yuanEn(fen: number): string {
	return (fen / 100).toLocaleString('en-US', { minimumFractionDigits: fen % 100 === 0 ? 0 : 2, maximumFractionDigits: 2 });
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

function dateZh(day: string): string {
	const [y, m, d] = day.split('-').map(Number) as [number, number, number];
	return `${y}年${m}月${d}日`;
}

function dateEn(day: string): string {
	const [y, m, d] = day.split('-').map(Number) as [number, number, number];
	return `${d} ${MONTHS[m - 1]} ${y}`;
}

const households = (n: number) => `${n} household${n === 1 ? '' : 's'}`;
const people = (n: number) => (n === 1 ? '1 person' : `${n} people`);

/** The campaign's line as its forms name it: 7300元, or 监测线（7300元） where the campaign names it. */
export function lineLabel(campaign: Pick<Campaign, 'povertyLineFen' | 'lineName'>): LocalizedText {
	const amount = yuan(campaign.povertyLineFen);
	return { zh: campaign.lineName ? `${campaign.lineName}（${amount}元）` : `${amount}元`, en: `${yuanEn(campaign.povertyLineFen)} yuan` };
}

export function summaryParagraph(report: StatisticsReport): LocalizedText {
	const { figures, campaign, today, scope } = report;
	const { coverage, byType, income } = figures;
	const p = figures.problems.totals;
	const band = income.bandVillages > 0;

	const zhParts: string[] = [];
	zhParts.push(
		`截至${dateZh(today)}，${scope.name}在${campaign.name}中共排查农户${coverage.checked}户${coverage.checkedPeople}人` +
			`（应排查${coverage.households}户${coverage.people}人，排查率${percentText(coverage.checked, coverage.households)}）` +
			(byType.lifted.checked || byType.monitored.checked ? `，其中脱贫户${byType.lifted.checked}户、监测户${byType.monitored.checked}户` : '')
	);
	zhParts.push(
		p.found === 0
			? '未发现问题'
			: `发现问题${p.found}条，已整改${p.rectified}条，整改率${percentText(p.rectified, p.found)}，待审核${p.awaiting}条，超期未整改${p.overdue}条`
	);
	const lineZh = lineLabel(campaign).zh;
	zhParts.push(
		`经收支核算，人均纯收入低于${lineZh}的农户${income.belowLine.households}户${income.belowLine.people}人` +
			(band ? `，处于监测范围的农户${income.inBand.households}户${income.inBand.people}人` : '')
	);

	const enParts: string[] = [];
	const lifted = byType.lifted.checked;
	const monitored = byType.monitored.checked;
	// The noun agrees with the count next to it: "2 lifted-out and 1 monitored household".
	const types = [lifted ? `${lifted} lifted-out` : '', monitored ? `${monitored} monitored` : ''].filter(Boolean).join(' and ') + ((monitored || lifted) === 1 ? ' household' : ' households');
	enParts.push(
		`As of ${dateEn(today)}, ${scope.name} had checked ${households(coverage.checked)} (${people(coverage.checkedPeople)}) in the campaign ${campaign.name}, ` +
			`of ${households(coverage.households)} (${people(coverage.people)}) to check (${percentText(coverage.checked, coverage.households)})` +
			(lifted + monitored > 0 ? `, including ${types}` : '')
	);
	enParts.push(
		p.found === 0
			? 'no problems were found'
			: `${p.found === 1 ? '1 problem was' : `${p.found} problems were`} found, of which ${p.rectified} ${p.rectified === 1 ? 'has' : 'have'} been rectified (${percentText(p.rectified, p.found)}), ` +
					`${p.awaiting} ${p.awaiting === 1 ? 'awaits' : 'await'} review and ${p.overdue} ${p.overdue === 1 ? 'is' : 'are'} overdue`
	);
	const below = income.belowLine;
	const inBand = income.inBand;
	enParts.push(
		`by income accounting, ${households(below.households)} (${people(below.people)}) ${below.households === 1 ? 'has' : 'have'} a per-capita net income below ${lineLabel(campaign).en}` +
			(band ? ` and ${households(inBand.households)} (${people(inBand.people)}) ${inBand.households === 1 ? 'is' : 'are'} in the monitoring band` : '')
	);

	return { zh: zhParts.join('；') + '。', en: enParts.join('; ') + '.' };
}
