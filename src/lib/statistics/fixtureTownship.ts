/**
 * The statistics fixture's township as the unit tests build it (tests only): two villages, their
 * groups and people, each village's dossier and review document written by statisticsFixture.ts
 * as of 2022-08-20, and the message catalogue for tables and charts.
 */
import * as Y from 'yjs';
import i18next from 'i18next';
import { DossierDoc } from '../dossier/dossierDoc';
import { ReviewDoc } from '../review/reviewDoc';
import type { Group, Village } from '../organisation/organisation';
import { zh } from '../i18n/zh';
import { en } from '../i18n/en';
import type { TableWords } from './tables';
import { raiseFindings, takeSteps, writeDossier, type VillageSpec } from './statisticsFixture';

export const TODAY = '2022-08-20';
export const CAMPAIGN = 'stats-fixture';
const group = (id: string, name: string, createdAt: string): Group => ({ id, name, createdAt, dissolvedAt: null });
export const groups: Group[] = [group('g1', '第一组', '2022-07-01T00:00:00.000Z'), group('g2', '第二组', '2022-07-02T00:00:00.000Z')];
export const villageA: Village = { dossierId: 'village-A-0001', name: '北关村', groupId: 'g1' };
export const villageB: Village = { dossierId: 'village-B-0001', name: '南街村', groupId: 'g2' };
export const people = {
	cadreA: { id: 'p-cadre-a', name: '王干部' },
	cadreB: { id: 'p-cadre-b', name: '陈干部' },
	/** 第二组's member, who checks 北关村; and 第一组's, who checks 南街村. */
	checkerOfA: { id: 'p-check-a', name: '赵检查' },
	checkerOfB: { id: 'p-check-b', name: '钱检查' },
	reviewer: { id: 'p-review', name: '李审核' },
	/** A caretaker (帮扶责任人) with households in both villages. */
	helper: { id: 'p-helper', name: '孙帮扶' }
};
export const PREFIX = 'stats-';

export function build(spec: VillageSpec, village: Village, cadre = people.cadreA, checker = people.checkerOfA, checkerGroupId = 'g2') {
	const dossier = new DossierDoc(new Y.Doc());
	writeDossier(dossier, spec, { dossierId: village.dossierId, prefix: PREFIX, today: TODAY, cadre });
	const review = new ReviewDoc(village.dossierId);
	const finders = { dossierId: village.dossierId, prefix: PREFIX, today: TODAY, checker, checkerGroupId, roundId: 'round-1', reviewer: people.reviewer };
	raiseFindings(review, spec, 'checker', finders);
	raiseFindings(review, spec, 'reviewer', finders);
	takeSteps(review, spec, 'owner', { prefix: PREFIX, today: TODAY, actor: cadre });
	takeSteps(review, spec, 'reviewer', { prefix: PREFIX, today: TODAY, actor: people.reviewer });
	return { dossier, review };
}

/** The catalogue as the page hands it to tables and charts, in one language. */
export async function words(lng: 'zh' | 'en'): Promise<TableWords> {
	const i18n = i18next.createInstance();
	await i18n.init({ lng, resources: { zh: { translation: zh }, en: { translation: en } }, interpolation: { escapeValue: false } });
	return { t: (key, params) => i18n.t(key, params ?? {}), label: (text) => text[lng] };
}
