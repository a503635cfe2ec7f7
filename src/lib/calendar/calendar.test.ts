import { describe, expect, it } from 'vitest';
import { addDays, dayInZone, daysBetween, isCalendarDay, localDay } from './calendar';

describe('calendar days', () => {
	it('are the cadre’s days (tests run in Beijing time): 00:30 on the 24th is the 24th', () => {
		expect(new Date('2026-11-23T16:30:00Z').getTimezoneOffset()).toBe(-480);
		expect(localDay(new Date('2026-11-23T16:30:00Z'))).toBe('2026-11-24');
		expect(localDay(new Date('2026-11-23T15:59:59Z'))).toBe('2026-11-23');
	});

	it('can be read in a named zone, whatever the machine’s', () => {
		expect(dayInZone(new Date('2026-11-23T16:30:00Z'), 'Asia/Shanghai')).toBe('2026-11-24');
		expect(dayInZone(new Date('2026-11-23T16:30:00Z'), 'UTC')).toBe('2026-11-23');
	});

	it('accept only real days', () => {
		expect(['2024-02-29', '2022-08-25'].map(isCalendarDay)).toEqual([true, true]);
		expect(['2023-02-29', '2022-13-01', '2022-8-5', '2022-08-25T00:00'].map(isCalendarDay)).toEqual([false, false, false, false]);
	});

	it('count days across months and years', () => {
		expect(addDays('2022-08-25', 14)).toBe('2022-09-08');
		expect(addDays('2022-12-30', 3)).toBe('2023-01-02');
		expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
		expect(daysBetween('2022-08-25', '2022-09-08')).toBe(14);
		expect(daysBetween('2024-03-01', '2024-02-28')).toBe(-2);
		// A day in spring and one in autumn are whole days apart, whatever the clocks did meanwhile.
		expect(daysBetween('2022-03-01', '2022-11-01')).toBe(245);
	});
});
