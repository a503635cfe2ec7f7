import { describe, expect, it } from 'vitest';
import { DossierDoc } from '../dossier/dossierDoc';
import { monitoringHistory, monitoringKey, nextSteps, type MonitoringStep } from './monitoring';

const by = { id: 'p1', name: '王干部' };
let n = 0;
const step = (householdId: string, kind: MonitoringStep['step'], on: string, reason = '原因'): MonitoringStep => ({
	id: `step${String(++n).padStart(5, '0')}`,
	householdId,
	step: kind,
	on,
	reason,
	by,
	at: `${on}T02:00:00.000Z`
});

describe('a household’s monitoring lifecycle (纳入 → 帮扶 → 风险消除)', () => {
	it('reads the phase from the steps in date order, a household included again after its risk was cleared', () => {
		const dossier = new DossierDoc();
		const h = dossier.createHousehold({ head: '刘大', type: 'monitored' }, { name: '王干部' });
		expect(dossier.monitoring(h).phase).toBeNull();
		dossier.addMonitoringStep(step(h, 'included', '2022-03-01', '因病支出大'));
		dossier.addMonitoringStep(step(h, 'assisted', '2022-04-01', '落实医疗救助'));
		// Written later, dated earlier: read in date order.
		dossier.addMonitoringStep(step(h, 'riskCleared', '2022-12-01', '收入稳定超过监测线'));
		dossier.addMonitoringStep(step(h, 'included', '2023-06-01', '因灾'));
		const history = dossier.monitoring(h);
		expect(history.entries.map((e) => [e.step.step, e.applied])).toEqual([
			['included', true],
			['assisted', true],
			['riskCleared', true],
			['included', true]
		]);
		expect(history).toMatchObject({ phase: 'included', includedOn: '2023-06-01', clearedOn: null });
		expect(dossier.monitoringAll().get(h)?.phase).toBe('included');
	});

	it('keeps a step that does not follow on record, shown as out of order, changing nothing', () => {
		const early = step('h1', 'riskCleared', '2022-01-01');
		const history = monitoringHistory([
			[monitoringKey(early), early],
			['h1#wrongkey', step('h1', 'included', '2022-02-01')],
			['h1#garbage', { step: 'included' }]
		]);
		expect(history.entries.map((e) => e.applied)).toEqual([false]);
		expect(history.phase).toBeNull();
		expect(nextSteps(null)).toEqual(['included']);
		expect(nextSteps('assisted')).toEqual(['assisted', 'riskCleared']);
	});

	it('refuses to record the same step twice', () => {
		const dossier = new DossierDoc();
		const s = step('h1', 'included', '2022-03-01');
		dossier.addMonitoringStep(s);
		expect(() => dossier.addMonitoringStep(s)).toThrow(/exists/);
		expect(() => dossier.addMonitoringStep({ ...s, id: 'step99999', reason: ' ' })).toThrow();
	});
});
