import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { generateRotation, rotationProblems, isRoundOn, roundSchema } from './round';
import type { Group, Village } from './organisation';

let created = 0;
const group = (id: string, name: string): Group => ({ id, name, createdAt: new Date(Date.UTC(2022, 7, 1, 0, 0, created++)).toISOString(), dissolvedAt: null });
const village = (dossierId: string, name: string, groupId: string | null): Village => ({ dossierId, name, groupId });

describe('cross-check rotation (推磨交叉互查)', () => {
	it('has each group check the next group’s villages and the last check the first’s', () => {
		const groups = [group('g1', '第一组'), group('g2', '第二组'), group('g3', '第三组')];
		const villages = [village('v-beiguan1', '北关村', 'g1'), village('v-nanjie01', '南街村', 'g2'), village('v-xijie001', '西街村', 'g3'), village('v-dongguan', '东关村', 'g3')];
		const result = generateRotation(groups, villages);
		expect(result.ok).toBe(true);
		if (!result.ok) return;
		// In the order they were set up: 一 checks 二's, 二 checks 三's, 三 checks 一's.
		expect(result.rotation).toEqual({ 'v-nanjie01': 'g1', 'v-xijie001': 'g2', 'v-dongguan': 'g2', 'v-beiguan1': 'g3' });
		expect(rotationProblems(result.rotation, groups, villages)).toEqual([]);
	});

	it('never lets a group check itself and checks every kept village once, for any organisation', () => {
		fc.assert(
			fc.property(fc.integer({ min: 2, max: 12 }), fc.array(fc.nat(20), { minLength: 1, maxLength: 40 }), (groupCount, keepers) => {
				const groups = Array.from({ length: groupCount }, (_, i) => group(`g${i}`, `组${(i * 7) % groupCount}`));
				const villages = keepers.map((k, i) => village(`village${String(i).padStart(3, '0')}`, `村${i}`, `g${k % groupCount}`));
				const result = generateRotation(groups, villages);
				const keeping = new Set(villages.map((v) => v.groupId));
				if (keeping.size < 2) return !result.ok;
				if (!result.ok) return false;
				for (const v of villages) {
					if (!result.rotation[v.dossierId]) return false;
					if (result.rotation[v.dossierId] === v.groupId) return false;
				}
				// Every group that keeps a village checks one, so the generated rotation breaks nothing.
				return rotationProblems(result.rotation, groups, villages).length === 0;
			}),
			{ numRuns: 200 }
		);
	});

	it('cannot rotate fewer than two groups', () => {
		expect(generateRotation([group('g1', '一组')], [village('v-00000001', '村', 'g1')])).toEqual({ ok: false, problem: 'tooFewGroups' });
	});

	it('says what a hand-edited rotation breaks', () => {
		const groups = [group('g1', '一组'), group('g2', '二组'), group('g3', '三组')];
		const villages = [village('v-00000001', '甲村', 'g1'), village('v-00000002', '乙村', 'g2'), village('v-00000003', '丙村', null)];
		expect(rotationProblems({ 'v-00000001': 'g1', 'v-00000002': 'gone' }, groups, villages)).toEqual([
			{ kind: 'selfCheck', dossierId: 'v-00000001', groupId: 'g1' },
			{ kind: 'unknownGroup', dossierId: 'v-00000002', groupId: 'gone' },
			{ kind: 'noKeeper', dossierId: 'v-00000003' },
			{ kind: 'unchecked', dossierId: 'v-00000003' },
			// 三组 keeps no village, so it is outside the rotation; 二组 keeps one and checks nothing.
			{ kind: 'groupChecksNothing', groupId: 'g2' }
		]);
	});

	it('runs on the days of the round, both ends included', () => {
		const round = roundSchema.parse({ id: 'r1', name: '第一轮', startsOn: '2022-08-06', endsOn: '2022-08-12', createdAt: '2022-08-01T00:00:00.000Z', createdBy: '乡镇' });
		expect(['2022-08-05', '2022-08-06', '2022-08-12', '2022-08-13'].map((d) => isRoundOn(round, d))).toEqual([false, true, true, false]);
		expect(roundSchema.safeParse({ ...round, endsOn: '2022-08-01' }).success).toBe(false);
	});
});
