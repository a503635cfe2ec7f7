/**
 * Calendar days as cadres mean them: 'YYYY-MM-DD' in the device's own time zone. Deadlines,
 * survey dates and birth dates are days, not instants, so they are compared as strings of this
 * form and never through UTC (a deadline of 8月25日 must not end at 08:00 Beijing time).
 */

const pad = (n: number) => String(n).padStart(2, '0');

/** The local calendar day of `at` (now by default). */
export function localDay(at: Date = new Date()): string {
	return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`;
}

/**
 * The calendar day of `at` in a named time zone: the server's days are the cadres' days
 * (Asia/Shanghai), whatever zone the machine it runs on is set to.
 */
export function dayInZone(at: Date, timeZone: string): string {
	let format = formats.get(timeZone);
	if (!format) {
		// en-CA writes dates as YYYY-MM-DD.
		format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
		formats.set(timeZone, format);
	}
	return format.format(at);
}

const formats = new Map<string, Intl.DateTimeFormat>();

/** A real day of the Gregorian calendar written as 'YYYY-MM-DD' (no 2月30日). */
export function isCalendarDay(value: string): boolean {
	const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
	if (!match) return false;
	const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
	const date = new Date(Date.UTC(y, m - 1, d));
	return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** The day `days` after `day` (negative: before). */
export function addDays(day: string, days: number): string {
	const [y, m, d] = day.split('-').map(Number) as [number, number, number];
	const date = new Date(Date.UTC(y, m - 1, d + days));
	return `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
	const utc = (day: string) => {
		const [y, m, d] = day.split('-').map(Number) as [number, number, number];
		return Date.UTC(y, m - 1, d);
	};
	return Math.round((utc(to) - utc(from)) / 86_400_000);
}
