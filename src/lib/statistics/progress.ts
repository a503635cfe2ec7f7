/**
 * Progress against a campaign's dates: how far through its days the township is, and day by day
 * how many households were checked and problems found and rectified, cumulatively, so a chart
 * can set the work done beside the time gone.
 */
import type { Campaign } from '../campaign/campaign';
import { addDays } from '../calendar/calendar';
import { emptyDay, type DayCounts } from './figures';

export interface Progress {
	/** The campaign's days, first and last included. */
	days: number;
	/** Its days gone by on `today`, today included: 0 before it starts, all of them after it ends. */
	elapsed: number;
	phase: 'upcoming' | 'running' | 'ended';
}

/** Whole days from `from` to `to` (calendar days, YYYY-MM-DD). */
export function daysBetween(from: string, to: string): number {
	const utc = (day: string) => {
		const [y, m, d] = day.split('-').map(Number) as [number, number, number];
		return Date.UTC(y, m - 1, d);
	};
	return Math.round((utc(to) - utc(from)) / 86_400_000);
}

export function campaignProgress(campaign: Pick<Campaign, 'startsOn' | 'endsOn'>, today: string): Progress {
	const days = daysBetween(campaign.startsOn, campaign.endsOn) + 1;
	if (today < campaign.startsOn) return { days, elapsed: 0, phase: 'upcoming' };
	if (today > campaign.endsOn) return { days, elapsed: days, phase: 'ended' };
	return { days, elapsed: daysBetween(campaign.startsOn, today) + 1, phase: 'running' };
}

export interface Timeline {
	/** Every day of the campaign. */
	days: string[];
	/** Cumulative to the end of each day; null for the days still to come. */
	screened: (number | null)[];
	checked: (number | null)[];
	reviewed: (number | null)[];
	found: (number | null)[];
	rectified: (number | null)[];
}

const COUNTS = ['screened', 'checked', 'reviewed', 'found', 'rectified'] as const satisfies readonly (keyof DayCounts)[];

/**
 * What happened before the campaign's first day is counted on that day, and what happened after
 * `last` on `last`: the campaign's counts, day by day, so that their running sums end on the total.
 */
export function clampedDays(campaign: Pick<Campaign, 'startsOn'>, byDay: Readonly<Record<string, DayCounts>>, last: string): Map<string, DayCounts> {
	const sums = new Map<string, DayCounts>();
	for (const [day, counts] of Object.entries(byDay)) {
		const at = day < campaign.startsOn ? campaign.startsOn : day > last ? last : day;
		const sum = sums.get(at) ?? emptyDay();
		for (const key of COUNTS) sum[key] += counts[key] ?? 0;
		sums.set(at, sum);
	}
	return sums;
}

/**
 * Every day of the campaign, with cumulative counts up to today: the days still to come show
 * how much time is left. What happened before the first day is counted on the first day, and
 * what happened after the last on the last, so the last point drawn is always today's total.
 */
export function timeline(campaign: Pick<Campaign, 'startsOn' | 'endsOn'>, byDay: Readonly<Record<string, DayCounts>>, today: string): Timeline {
	const last = today < campaign.endsOn ? today : campaign.endsOn;
	const out: Timeline = { days: [], screened: [], checked: [], reviewed: [], found: [], rectified: [] };
	const sums = clampedDays(campaign, byDay, last);
	const running = emptyDay();
	for (let day = campaign.startsOn; day <= campaign.endsOn; day = addDays(day, 1)) {
		out.days.push(day);
		const counts = day > last ? null : sums.get(day);
		for (const key of COUNTS) {
			if (day > last) {
				out[key].push(null);
				continue;
			}
			running[key] += counts?.[key] ?? 0;
			out[key].push(running[key]);
		}
	}
	return out;
}
