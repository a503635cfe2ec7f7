import { defineTemplate } from './template';
import { HOUSEHOLD_TYPES } from '../dossier/layout';

const typeLabels = {
	ordinary: { zh: '一般户', en: 'Ordinary' },
	lifted: { zh: '脱贫户', en: 'Lifted out of poverty' },
	monitored: { zh: '监测户', en: 'Monitored' }
} as const;

/**
 * The household card (户卡): the standing facts that identify a household on paper, shared by
 * every check form. Its `head` and `type` are what the 附件1 header asks for.
 */
export const householdCard = defineTemplate({
	id: 'household-card',
	version: 1,
	title: { zh: '户卡', en: 'Household card' },
	sections: [
		{
			id: 'identity',
			title: { zh: '基本信息', en: 'Basic facts' },
			questions: [
				{ id: 'head', type: 'text', label: { zh: '户主姓名', en: 'Head of household' }, required: true, maxLength: 40 },
				{
					id: 'type',
					type: 'choice',
					label: { zh: '户类型', en: 'Household type' },
					required: true,
					options: HOUSEHOLD_TYPES.map((value) => ({ value, label: typeLabels[value] }))
				},
				{ id: 'group', type: 'text', label: { zh: '村民组', en: 'Villager group' }, maxLength: 40 },
				{ id: 'size', type: 'integer', label: { zh: '家庭人口', en: 'Household size' }, min: 1, max: 30 },
				{ id: 'phone', type: 'text', label: { zh: '联系电话', en: 'Phone' }, maxLength: 20 },
				{ id: 'note', type: 'text', label: { zh: '备注', en: 'Notes' }, maxLength: 500 }
			]
		}
	]
});

export const householdTypeLabels = typeLabels;
