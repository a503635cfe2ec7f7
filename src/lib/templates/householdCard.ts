import { defineTemplate } from './template';
import { HOUSEHOLD_TYPES } from '../dossier/layout';

const typeLabels = {
	ordinary: { zh: '一般户', en: 'Ordinary' },
	lifted: { zh: '脱贫户', en: 'Lifted out of poverty' },
	monitored: { zh: '监测户', en: 'Monitored' }
} as const;

const option = (value: string, zh: string, en: string) => ({ value, label: { zh, en } });

/**
 * The household card (户卡): the standing facts that identify a household on paper, shared by
 * every check form. Its `head` and `type` are what the 附件1 header asks for; its members are the
 * household size and workforce the income sheet and 附件1 section 1 count.
 */
export const householdCard = defineTemplate({
	id: 'household-card',
	// v2: the size is the member count; birth date and sex are read from the ID number. Answers
	// written under v1 (a typed `size`) stay in the document and are simply no longer shown.
	version: 2,
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
				// Counted from the members below by the one rule of household/members.ts, so the size,
				// 附件1's "家里 N 口人" and per-capita income never disagree; shown with the resident
				// count beside it where the two differ.
				// Required: a card with nobody on it, or with a resident box unanswered, says so here.
				{ id: 'size', type: 'computed', compute: 'household.members', kind: 'headcount', required: true, label: { zh: '家庭人口', en: 'Household size' } },
				{ id: 'phone', type: 'text', format: 'phone', label: { zh: '联系电话', en: 'Phone' }, maxLength: 20 },
				{
					id: 'flags',
					type: 'choice',
					multiple: true,
					label: { zh: '重点户类别', en: 'Key-household flags' },
					options: [
						option('dibao', '低保户', 'Minimum-living-allowance (dibao)'),
						option('tekun', '特困（五保）户', 'Extreme hardship (tekun / wubao)'),
						option('seriously_ill', '重病户', 'Seriously ill member'),
						option('disabled', '残疾户', 'Disabled member'),
						option('sudden_hardship', '突发困难户', 'Sudden hardship'),
						option('low_income', '低收入人群', 'Low income'),
						option('elderly', '老人户', 'Elderly household')
					]
				},
				{ id: 'note', type: 'text', label: { zh: '备注', en: 'Notes' }, maxLength: 500 }
			]
		},
		{
			id: 'members',
			title: { zh: '家庭成员', en: 'Household members' },
			questions: [
				{
					id: 'members',
					type: 'repeat',
					label: { zh: '家庭成员', en: 'Members' },
					maxRows: 30,
					questions: [
						{ id: 'name', type: 'text', required: true, maxLength: 40, label: { zh: '姓名', en: 'Name' } },
						{
							id: 'relation',
							type: 'choice',
							required: true,
							label: { zh: '与户主关系', en: 'Relation to head' },
							options: [
								option('head', '户主', 'Head'),
								option('spouse', '配偶', 'Spouse'),
								option('child', '子女', 'Child'),
								option('child_in_law', '儿媳/女婿', 'Child-in-law'),
								option('grandchild', '孙子女', 'Grandchild'),
								option('parent', '父母', 'Parent'),
								option('sibling', '兄弟姐妹', 'Sibling'),
								option('other', '其他', 'Other')
							]
						},
						{ id: 'id_number', type: 'text', format: 'residentId', maxLength: 18, label: { zh: '身份证号', en: 'Resident ID number' } },
						// Read from the ID number (GB 11643), never typed: they cannot contradict it.
						{ id: 'birth_date', type: 'computed', compute: 'member.birthDate', kind: 'text', label: { zh: '出生日期', en: 'Date of birth' } },
						{
							id: 'sex',
							type: 'computed',
							compute: 'member.sex',
							kind: 'choice',
							label: { zh: '性别', en: 'Sex' },
							options: [option('male', '男', 'Male'), option('female', '女', 'Female')]
						},
						{
							id: 'health',
							type: 'choice',
							label: { zh: '健康状况', en: 'Health' },
							options: [
								option('healthy', '健康', 'Healthy'),
								option('chronic', '长期慢性病', 'Chronic illness'),
								option('serious', '患大病', 'Serious illness'),
								option('disabled', '残疾', 'Disabled')
							]
						},
						{ id: 'able_to_work', type: 'yesno', label: { zh: '有劳动能力', en: 'Able to work' } },
						// Required: an unanswered box counts as not resident, and is shown as missing
						// wherever the household is counted (household/members.ts).
						{ id: 'resident', type: 'yesno', required: true, label: { zh: '家庭常住人口', en: 'Lives in the household' } },
						{
							id: 'schooling',
							type: 'choice',
							label: { zh: '文化程度/在校情况', en: 'Schooling' },
							options: [
								option('preschool', '学龄前', 'Pre-school'),
								option('primary_pupil', '小学在读', 'In primary school'),
								option('junior_pupil', '初中在读', 'In junior middle school'),
								option('senior_pupil', '高中/中职在读', 'In senior or vocational school'),
								option('college_student', '大专及以上在读', 'In college'),
								option('illiterate', '文盲或半文盲', 'Illiterate'),
								option('primary', '小学', 'Primary'),
								option('junior', '初中', 'Junior middle'),
								option('senior', '高中/中专', 'Senior / vocational'),
								option('college', '大专及以上', 'College and above')
							]
						}
					]
				}
			]
		}
	]
});

export const householdTypeLabels = typeLabels;
