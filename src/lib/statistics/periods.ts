/**
 * The campaign's progress period by period: week by week (supervision works weekly, 003: 周督导)
 * or day by day, as the township picks. Weeks start on Monday, as China's working week does; the
 * first is counted from the campaign's first day and the last ends on its last, so a campaign
 * that starts on a Thursday has a first week of four days and every period lies in its dates.
 *
 * Each period has what happened in it and the running total to its end. As on the timeline,
 * what happened before the campaign's first day is counted in the first period and what happened
 * after its last in the last, so the last total is the campaign's whole; periods still to come
 * have no figures at all (not zeros: nothing has happened yet, rather than nothing was done).
 */
import type { Campaign } from '../campaign/campaign';
import { addDays } from '../calendar/calendar';
import { phasesDuring, type Phase } from '../campaign/phases';
import { emptyDay, type DayCounts } from './figures';
import { clampedDays } from './progress';

export const PERIOD_KINDS = ['week', 'day'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

export interface Period {
	/** 1 for the first period of the campaign. */
	index: number;
	startsOn: string;
	endsOn: string;
}

/** Day of the week, 0 for Monday to 6 for Sunday. */
function weekday(day: string): number {
	const [y, m, d] = day.split('-').map(Number) as [number, number, number];
	return (new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7;
}

/** The campaign's days cut into weeks (Monday to Sunday, the first and last cut to the campaign) or days. */
export function campaignPeriods(campaign: Pick<Campaign, 'startsOn' | 'endsOn'>, kind: PeriodKind): Period[] {
	const out: Period[] = [];
	for (let start = campaign.startsOn; start <= campaign.endsOn; ) {
		const sunday = kind === 'day' ? start : addDays(start, 6 - weekday(start));
		const end = sunday < campaign.endsOn ? sunday : campaign.endsOn;
		out.push({ index: out.length + 1, startsOn: start, endsOn: end });
		start = addDays(end, 1);
	}
	return out;
}

export interface PeriodRow {
	period: Period;
	/** The phases the period falls in, in order (a week may cross from one into the next). */
	phases: Phase[];
	/** What happened in the period; null for a period that has not begun. */
	during: DayCounts | null;
	/** Everything up to the period's end (or today, for the period running now); null as `during`. */
	cumulative: DayCounts | null;
}

export function periodRows(
	campaign: Pick<Campaign, 'startsOn' | 'endsOn'>,
	byDay: Readonly<Record<string, DayCounts>>,
	today: string,
	phases: readonly Phase[],
	kind: PeriodKind
): PeriodRow[] {
	const last = today < campaign.endsOn ? today : campaign.endsOn;
	const sums = clampedDays(campaign, byDay, last);
	const running = emptyDay();
	return campaignPeriods(campaign, kind).map((period) => {
		const row: PeriodRow = { period, phases: phasesDuring(phases, period.startsOn, period.endsOn), during: null, cumulative: null };
		if (period.startsOn > last) return row;
		const during = emptyDay();
		for (const [day, counts] of sums) {
			if (day < period.startsOn || day > period.endsOn) continue;
			for (const key of Object.keys(during) as (keyof DayCounts)[]) during[key] += counts[key];
		}
		for (const key of Object.keys(running) as (keyof DayCounts)[]) running[key] += during[key];
		return { ...row, during, cumulative: { ...running } };
	});
}
