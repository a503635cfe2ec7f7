import { describe, expect, it } from 'vitest';
import { drawSample, sampleRecords, type BackCheckVisit } from './backCheck';
import { drawReports, type VillageBackCheck } from './backCheckReport';
import { newCheckPass } from '../ledger/checkPass';
import { getTemplate } from '../templates/registry';
import type { FormValue } from '../dossier/layout';

const FORM = 'household-screening-2022@aug2022';
const template = getTemplate('household-screening-2022', 1)!;
const reviewer = { id: 'rev01', name: '李审核' };
const checker = { id: 'chk01', name: '赵检查' };
const signer = 'cadre01';

const villages = [
	{ dossierId: 'villageAAAA', name: '甲村', groupId: 'g-keepA' },
	{ dossierId: 'villageBBBB', name: '乙村', groupId: 'g-keepB' }
];
const households = villages.flatMap((v) => ['h1', 'h2', 'h3', 'h4'].map((h) => ({ dossierId: v.dossierId, householdId: `${v.dossierId}-${h}`, type: 'ordinary' as const })));
const firstAnswers: Record<string, FormValue> = { s2_unsafe: false, s3_dropout: false, s4_treatment_gap: false };

describe('a back-check draw as the reviewer follows it', () => {
	it('pairs each second visit with the first, counts the checker who passed it (else the signer and the keeping group), and adds up per question, checker and group', () => {
		const draw = drawSample({ seed: '20220815', percent: 50, households });
		const parts = sampleRecords(draw, { roundId: 'r1', campaignId: 'aug2022', drawnBy: reviewer, id: 'drawAAAAAAAA', at: new Date('2022-08-15T02:00:00Z') });
		expect([...parts.keys()]).toEqual(['villageAAAA', 'villageBBBB']);
		const [a1, a2] = parts.get('villageAAAA')!.households;
		const [b1] = parts.get('villageBBBB')!.households;
		let n = 0;
		const visit = (householdId: string, answers: Record<string, FormValue>, first?: Record<string, FormValue>): BackCheckVisit => ({
			id: `visit${String(++n).padStart(5, '0')}`,
			sampleId: 'drawAAAAAAAA',
			householdId,
			formKey: FORM,
			answers,
			...(first ? { first } : {}),
			by: reviewer,
			at: `2022-08-16T0${n}:00:00.000Z`,
			note: ''
		});
		const passOnA1 = newCheckPass({ id: 'passAAAAAAAA', householdId: a1!, head: '甲一', formKey: FORM, roundId: 'r1', groupId: 'g-check', by: checker, image: 'data:image/svg+xml;base64,PHN2Zy8+', shown: '{}' });
		const input = (v: (typeof villages)[number], visits: BackCheckVisit[]): VillageBackCheck => ({
			village: v,
			samples: [parts.get(v.dossierId)!],
			visits,
			passes: v.dossierId === 'villageAAAA' ? [passOnA1] : [],
			head: (id) => `户${id.slice(-2)}`,
			answersNow: () => firstAnswers,
			signer: () => signer,
			template: (formKey) => (formKey === FORM ? template : null)
		});
		const [report] = drawReports([
			// a1: one of three answers differs; a2 not visited; b1: visited twice, the later visit counts, against the
			// first answers it recorded (the dossier was corrected since).
			input(villages[0]!, [visit(a1!, { s2_unsafe: true, s3_dropout: false, s4_treatment_gap: false })]),
			input(villages[1]!, [visit(b1!, { s2_unsafe: true }), visit(b1!, { s2_unsafe: false, s3_dropout: true }, { s2_unsafe: false, s3_dropout: false })])
		]);
		expect(report!.households).toHaveLength(4);
		expect(report!.visited).toBe(2);
		expect(report!.households.find((h) => h.householdId === a2)!.visit).toBeNull();
		const d = report!.discrepancies;
		expect(d.overall).toMatchObject({ compared: 5, differing: 2 });
		expect(d.byQuestion.get('s2_unsafe')).toMatchObject({ compared: 2, differing: 1 });
		expect(d.byQuestion.get('s3_dropout')).toMatchObject({ compared: 2, differing: 1 });
		expect(d.byChecker.get(checker.id)).toMatchObject({ compared: 3, differing: 1 });
		expect(d.byChecker.get(signer)).toMatchObject({ compared: 2, differing: 1 });
		expect(d.byGroup.get('g-check')).toMatchObject({ compared: 3, differing: 1 });
		expect(d.byGroup.get('g-keepB')!.households.map((h) => h.householdId)).toEqual([b1]);
	});

	it('keeps separate draws apart, newest first', () => {
		const one = sampleRecords(drawSample({ seed: '1', percent: 100, households: households.slice(0, 2) }), { roundId: 'r1', campaignId: 'aug2022', drawnBy: reviewer, id: 'drawOLDOLDOL', at: new Date('2022-08-10T00:00:00Z') });
		const two = sampleRecords(drawSample({ seed: '2', percent: 100, households: households.slice(0, 1) }), { roundId: 'r1', campaignId: 'aug2022', drawnBy: reviewer, id: 'drawNEWNEWNE', at: new Date('2022-08-12T00:00:00Z') });
		const reports = drawReports([
			{ village: villages[0]!, samples: [one.get('villageAAAA')!, two.get('villageAAAA')!], visits: [], passes: [], head: () => '', answersNow: () => ({}), signer: () => null, template: () => null }
		]);
		expect(reports.map((r) => [r.sample.id, r.households.length])).toEqual([
			['drawNEWNEWNE', 1],
			['drawOLDOLDOL', 2]
		]);
	});
});
