/**
 * Every template version the app knows. Old versions stay here for good: a dossier filled with
 * an older version (perhaps on a device that was offline for weeks) must still render and merge.
 */
import type { Template } from './template';
import { householdCard } from './householdCard';
import { householdScreening2022 } from './official/householdScreening2022';
import { villageScreening2022 } from './official/villageScreening2022';
import { incomeSheetTemplate } from './incomeSheetTemplate';

const ALL: Template[] = [householdCard, incomeSheetTemplate, householdScreening2022, villageScreening2022];

const byKey = new Map(ALL.map((t) => [`${t.id}@${t.version}`, t]));

export function getTemplate(id: string, version: number): Template | undefined {
	return byKey.get(`${id}@${version}`);
}

export function latestTemplate(id: string): Template | undefined {
	return ALL.filter((t) => t.id === id).sort((a, b) => b.version - a.version)[0];
}
