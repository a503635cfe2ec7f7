/**
 * A span of calendar days as the township's documents write it: 004 dates its phases
 * "8月1-5日", "8月13-25日". The year is left out (a campaign's days are all in one season and its
 * dates are said beside them); it is written only where a span crosses into another year.
 */
import type { LocalizedText } from '../templates/template';

const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const parts = (day: string) => day.split('-').map(Number) as [number, number, number];

/** One day: 8月6日, 6 Aug. */
export function dayText(day: string): LocalizedText {
	const [, m, d] = parts(day);
	return { zh: `${m}月${d}日`, en: `${d} ${MONTHS_EN[m - 1]}` };
}

/** From one day to another, both included: 8月6日—12日, 7月28日—8月3日; 6–12 Aug, 28 Jul – 3 Aug. */
export function dayRangeText(from: string, to: string): LocalizedText {
	if (from === to) return dayText(from);
	const [y1, m1, d1] = parts(from);
	const [y2, m2, d2] = parts(to);
	if (y1 !== y2) return { zh: `${y1}年${m1}月${d1}日—${y2}年${m2}月${d2}日`, en: `${d1} ${MONTHS_EN[m1 - 1]} ${y1} – ${d2} ${MONTHS_EN[m2 - 1]} ${y2}` };
	if (m1 !== m2) return { zh: `${m1}月${d1}日—${m2}月${d2}日`, en: `${d1} ${MONTHS_EN[m1 - 1]} – ${d2} ${MONTHS_EN[m2 - 1]}` };
	return { zh: `${m1}月${d1}日—${d2}日`, en: `${d1}–${d2} ${MONTHS_EN[m1 - 1]}` };
}
