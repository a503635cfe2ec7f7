import { SIGNATURE_IMAGE_PREFIX } from '../signing/signature';
/** Test fixtures for the ledger: people and a finding as a checker raises it. Tests only. */
import type { FindingInput } from './finding';

export const people = {
	checker: { id: 'p-checker', name: '检查员老赵' },
	cadre: { id: 'p-cadre', name: '帮扶干部小王' },
	reviewer: { id: 'p-reviewer', name: '审核员老李' },
	reviewer2: { id: 'p-reviewer2', name: '审核员小周' }
};

export function sampleFinding(overrides: Partial<FindingInput> = {}): FindingInput {
	const { checker } = people;
	return {
		id: 'f1',
		dossierId: 'village0001',
		village: '北关村',
		target: {
			kind: 'question',
			householdId: 'h1',
			head: '刘大',
			formKey: 'household-screening-2022@aug2022',
			questionId: 's2_unsafe',
			question: { zh: '①现住房是否为不安全住房', en: 'Is the current house unsafe?' }
		},
		category: { id: 's2_housing', label: { zh: '2. 住房保障', en: '2. Safe housing' } },
		description: '屋顶漏雨，未鉴定',
		evidence: [],
		raisedBy: checker,
		raisedAt: '2022-08-08T02:00:00.000Z',
		role: 'checker',
		roundId: 'r1',
		checkerGroupId: 'g-b',
		signature: { by: checker, at: '2022-08-08T02:00:00.000Z', image: 'data:image/svg+xml;base64,PHN2Zy8+' },
		deadline: '2022-08-25',
		responsible: null,
		...overrides
	};
}

/** A reviewer's drawn signature, as a 销号 or 退回 carries it. */
export const reviewerSigned = { image: SIGNATURE_IMAGE_PREFIX + btoa('<svg xmlns="http://www.w3.org/2000/svg"/>') };
