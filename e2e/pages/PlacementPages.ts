/**
 * Placements: "My visits" and the placement list at `/placements`, and the visit log at
 * `/visits/:id`. Located by role and accessible name only.
 */
import { expect, type Locator, type Page } from '@playwright/test';

export class PlacementsPage {
  readonly heading: Locator;
  readonly myVisits: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'Placements', exact: true });
    this.myVisits = page.getByRole('region', { name: 'My visits' });
  }

  /** My overdue visit at `employer`. */
  overdueVisit(employer: string): Locator {
    return this.myVisits.getByRole('listitem').filter({ hasText: employer }).filter({ hasText: 'Overdue' });
  }
}

export class VisitLog {
  readonly start: Locator;
  readonly log: Locator;
  readonly save: Locator;
  readonly finish: Locator;
  readonly actions: Locator;
  readonly addAction: Locator;
  readonly actionList: Locator;

  constructor(readonly page: Page) {
    this.start = page.getByRole('button', { name: 'Start visit', exact: true });
    this.log = page.getByRole('form', { name: 'Visit log' });
    this.save = this.log.getByRole('button', { name: 'Save', exact: true });
    this.finish = this.log.getByRole('button', { name: 'Finish visit', exact: true });
    this.actions = page.getByRole('region', { name: 'Follow-up actions' });
    this.addAction = page.getByRole('form', { name: 'Add a follow-up action' });
    this.actionList = this.actions.getByRole('list').first();
  }

  /** Fills in and submits the action form. `owner` is a name, or '' for "Choose someone". */
  async addFollowUp(text: string, due: string, owner?: string): Promise<void> {
    await this.addAction.getByLabel('Action').fill(text);
    if (owner !== undefined) {
      await this.addAction.getByLabel('Who will do it').selectOption(owner === '' ? { value: '' } : { label: owner });
    }
    await this.addAction.getByLabel('Due').fill(due);
    await this.addAction.getByRole('button', { name: 'Add action' }).click();
  }

  async expectSaved(): Promise<void> {
    await expect(this.log.getByRole('status')).toHaveText(/Saved/);
  }
}
