/**
 * Progress against a campaign's dates: how far through its days the township is, and day by day
 * how many households were checked and problems found and rectified, cumulatively, so a chart
 * can set the work done beside the time gone.
 */
import type { Campaign } from '../campaign/campaign';
import { addDays } from '../calendar/calendar';
import type { DayCounts } from './figures';

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
	checked: (number | null)[];
	found: (number | null)[];
	rectified: (number | null)[];
}

/**
 * Every day of the campaign, with cumulative counts up to today: the days still to come show
 * how much time is left. What happened before the first day is counted on the first day, and
 * what happened after the last on the last, so the last point drawn is always today's total.
 */
export function timeline(campaign: Pick<Campaign, 'startsOn' | 'endsOn'>, byDay: Readonly<Record<string, DayCounts>>, today: string): Timeline {
	const last = today < campaign.endsOn ? today : campaign.endsOn;
	const out: Timeline = { days: [], checked: [], found: [], rectified: [] };
	const entries = Object.entries(byDay);
	const clampedTo = (day: string) => (day < campaign.startsOn ? campaign.startsOn : day > last ? last : day);
	const sums = new Map<string, DayCounts>();
	for (const [day, counts] of entries) {
		const at = clampedTo(day);
		const sum = sums.get(at) ?? { checked: 0, found: 0, rectified: 0 };
		sum.checked += counts.checked;
		sum.found += counts.found;
		sum.rectified += counts.rectified;
		sums.set(at, sum);
	}
	let checked = 0;
	let found = 0;
	let rectified = 0;
	for (let day = campaign.startsOn; day <= campaign.endsOn; day = addDays(day, 1)) {
		out.days.push(day);
		if (day > last) {
			out.checked.push(null);
			out.found.push(null);
			out.rectified.push(null);
			continue;
		}
		const counts = sums.get(day);
		checked += counts?.checked ?? 0;
		found += counts?.found ?? 0;
		rectified += counts?.rectified ?? 0;
		out.checked.push(checked);
		out.found.push(found);
		out.rectified.push(rectified);
	}
	return out;
}
