/** Dossiers as a village keeps them before an import, built through the document API. */
import { DossierDoc } from '../../dossier/dossierDoc';
import { CARD_FORM } from '../../dossier/layout';
import { idNumber, ids } from './rosterFixtures';

/** Each household a minute after the one before, so the dossier lists them in this order. */
const by = (minute: number) => ({ name: '村干部', at: new Date(Date.UTC(2024, 4, 1, 8, minute)) });

/** The village's dossier before the import: 张三's household (with IDs), 孙七's (none), 周九's. */
export function existingDossier(): { dossier: DossierDoc; zhang: string; sun: string; zhou: string } {
	const dossier = new DossierDoc();
	dossier.init({ id: 'dossier000001', township: '洺州镇', village: '冯老村', createdBy: '管理员' });
	const zhang = dossier.createHousehold({ head: '张三', type: 'ordinary' }, by(0));
	dossier.setAnswer(zhang, CARD_FORM, 'group', '一组');
	dossier.setAnswer(zhang, CARD_FORM, 'phone', '13900000000');
	dossier.addRow(zhang, CARD_FORM, 'members', { name: '张三', id_number: ids.zhang, relation: 'head', resident: true });
	dossier.addRow(zhang, CARD_FORM, 'members', { name: '李梅', id_number: ids.li, relation: 'spouse', health: 'healthy', resident: true });
	dossier.addRow(zhang, CARD_FORM, 'members', { name: '张奶奶', relation: 'parent', resident: true });
	const sun = dossier.createHousehold({ head: '孙七', type: 'monitored' }, by(1));
	dossier.setAnswer(sun, CARD_FORM, 'group', '一组');
	dossier.addRow(sun, CARD_FORM, 'members', { name: '孙七', relation: 'head' });
	const zhou = dossier.createHousehold({ head: '周九', type: 'ordinary' }, by(2));
	dossier.addRow(zhou, CARD_FORM, 'members', { name: '周九', relation: 'head', id_number: idNumber('19600606', 99) });
	dossier.addRow(zhou, CARD_FORM, 'members', { name: '钱十', relation: 'other', id_number: ids.qian });
	return { dossier, zhang, sun, zhou };
}

