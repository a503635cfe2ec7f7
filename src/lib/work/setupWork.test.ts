import { describe, expect, it } from 'vitest';
import type { Group, Person, Village } from '../organisation/organisation';
import type { Rotation, Round } from '../organisation/round';
import { setupWork } from './setupWork';

const at = '2022-08-01T00:00:00.000Z';
const groups: Group[] = [
	{ id: 'ga', name: '第一组', createdAt: at, dissolvedAt: null },
	{ id: 'gb', name: '第二组', createdAt: at, dissolvedAt: null },
	{ id: 'gold', name: '旧组', createdAt: at, dissolvedAt: at }
];
const villages: Village[] = [
	{ dossierId: 'villageA001', name: '甲村', groupId: 'ga' },
	{ dossierId: 'villageB001', name: '乙村', groupId: 'gb' },
	{ dossierId: 'villageC001', name: '丙村', groupId: 'gold' }
];
const people: Person[] = [
	{ id: 'p1', name: '王一', phone: '', groupId: 'ga', reviewer: false, leftAt: null },
	{ id: 'p2', name: '李二', phone: '', groupId: 'gb', reviewer: false, leftAt: null },
	{ id: 'p3', name: '赵三', phone: '', groupId: 'gb', reviewer: false, leftAt: at }
];
const round = (id: string, endsOn: string): Round => ({ id, name: `轮次${id}`, startsOn: '2022-08-01', endsOn, createdAt: at, createdBy: '乡镇' });

describe('set-up still owed', () => {
	it('names villages no group keeps, people who cannot sign in, and rounds that leave villages unchecked', () => {
		const rotations: Record<string, Rotation> = { r1: { villageA001: 'gb', villageB001: 'ga' }, r2: {}, old: {} };
		const items = setupWork(
			{ groups, people, villages, rounds: [round('r1', '2022-08-31'), round('r2', '2022-09-30'), round('old', '2022-07-31')], rotation: (id) => rotations[id] ?? {} },
			new Set(['p1']),
			'2022-08-10'
		);
		expect(items.map((i) => `${i.step}:${i.name}`)).toEqual(['villageWithoutGroup:丙村', 'personWithoutAccount:李二', 'roundWithoutRotation:轮次r1', 'roundWithoutRotation:轮次r2']);
	});

	it('reports nobody for accounts it cannot know (offline)', () => {
		expect(setupWork({ groups, people, villages: [], rounds: [], rotation: () => ({}) }, null, '2022-08-10')).toEqual([]);
	});
});
