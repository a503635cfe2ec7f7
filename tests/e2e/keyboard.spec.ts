import { expect, test } from '@playwright/test';
import { addHousehold, createDossier, signInCadre, townshipOnce } from './helpers';

const town = townshipOnce('后街乡');

test.use({ viewport: { width: 1280, height: 900 } });

test('a cadre at the office fills the screening form with the keyboard alone', async ({ page }) => {
	await signInCadre(page, (await town()).township, '钱干部', (await town()).groupId);
	await createDossier(page, '后街村');
	await addHousehold(page, '孙六', 'ordinary');

	// Open the household and its screening form without the mouse.
	await page.getByTestId('households').getByText('孙六').focus();
	await page.keyboard.press('Enter');
	await page.getByTestId('tab-screening').focus();
	await page.keyboard.press('Enter');

	// Tab reaches the first yes/no of section 2; Space answers it; Tab moves on to "否".
	const yes = page.locator('[data-question="s2_unsafe"]').getByRole('radio', { name: '是' });
	await yes.focus();
	await page.keyboard.press('Space');
	await expect(yes).toHaveAttribute('aria-checked', 'true');
	// The problem answer asks for a description, the next stop for the keyboard.
	await page.keyboard.press('Tab');
	await page.keyboard.press('Tab');
	await expect(page.locator('[data-section="s2_housing"] .describe textarea')).toBeFocused();
	await page.keyboard.type('墙体开裂');
	// The keeping group may record the problem as a finding, see the answer's history, and
	// comment: three more stops, then the next question.
	const review = page.locator('[data-question="s2_unsafe"] ~ [data-testid="question-review"]').first();
	await page.keyboard.press('Tab');
	await expect(review.getByTestId('propose-finding')).toBeFocused();
	await page.keyboard.press('Tab');
	await expect(review.getByTestId('open-history')).toBeFocused();
	await page.keyboard.press('Tab');
	await expect(review.getByTestId('open-comments')).toBeFocused();
	await page.keyboard.press('Tab');
	const next = page.locator('[data-question="s2_unappraised"]').getByRole('radio', { name: '是' });
	await expect(next).toBeFocused();
	await page.keyboard.press('Tab');
	await page.keyboard.press('Enter');
	await expect(page.locator('[data-question="s2_unappraised"]').getByRole('radio', { name: '否' })).toHaveAttribute('aria-checked', 'true');
	await expect(page.getByTestId('form-progress')).toContainText('已答 2 /');

	// A section folds and unfolds from its heading.
	const summary = page.locator('[data-section="s3_education"] summary');
	await summary.focus();
	await page.keyboard.press('Enter');
	await expect(page.locator('[data-section="s3_education"]')).not.toHaveAttribute('open', '');
});
