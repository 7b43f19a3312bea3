/**
 * One student's profile at `/students/{id}`: header, Learning Passport, medical and emergency
 * details behind one tap, and (for the SENCO and admins) the details form.
 */
import { expect, type Locator, type Page } from '@playwright/test';

/** What to change on an emergency contact; fields left out keep their value. */
export interface ContactChanges {
  name?: string;
  relationship?: string;
  phone?: string;
  otherPhone?: string;
  orderToCall?: string;
}

export interface StudentChanges {
  preferredName?: string;
  formGroup?: string;
}

/** A list of the Learning Passport, by its heading, and what one item is called in it. */
export type PassportListName = 'Needs' | 'What helps me' | "What doesn't help";

const NOUNS: Record<PassportListName, string> = {
  Needs: 'need',
  'What helps me': 'strategy',
  "What doesn't help": "thing that doesn't help",
};

export class StudentPage {
  readonly form: Locator;
  readonly preferredName: Locator;
  readonly givenName: Locator;
  readonly familyName: Locator;
  readonly yearGroup: Locator;
  readonly formGroup: Locator;
  readonly upn: Locator;
  readonly sendStatus: Locator;
  readonly save: Locator;
  readonly saved: Locator;
  readonly error: Locator;
  readonly back: Locator;
  /** The profile's header (name, pronouns, year and form) and its facts (UPN, SEND status). */
  readonly header: Locator;
  readonly facts: Locator;
  readonly passport: Locator;
  readonly voice: Locator;
  readonly medical: Locator;
  /** The one button that shows (and hides) medical and emergency details. */
  readonly medicalToggle: Locator;
  readonly medicalNotes: Locator;
  readonly contacts: Locator;

  constructor(readonly page: Page) {
    this.form = page.getByRole('form', { name: 'Student details' });
    this.preferredName = this.form.getByLabel('Preferred name', { exact: true });
    this.givenName = this.form.getByLabel('Given name', { exact: true });
    this.familyName = this.form.getByLabel('Family name', { exact: true });
    this.yearGroup = this.form.getByLabel('Year group', { exact: true });
    this.formGroup = this.form.getByLabel('Form group', { exact: true });
    this.upn = this.form.getByLabel('UPN', { exact: true });
    this.sendStatus = this.form.getByLabel('SEND status', { exact: true });
    this.save = this.form.getByRole('button', { name: 'Save changes', exact: true });
    this.saved = this.form.getByRole('status').filter({ hasText: 'Saved on this device' });
    this.error = this.form.getByRole('alert');
    this.back = page.getByRole('link', { name: 'Back to students', exact: true });
    this.header = page.locator('.profile-header');
    this.facts = this.header.locator('.profile-facts');
    this.passport = page.getByRole('region', { name: 'Learning Passport', exact: true });
    this.voice = this.passport.getByRole('region', { name: 'In my words', exact: true });
    this.medical = page.getByRole('region', { name: 'Medical and emergency', exact: true });
    this.medicalToggle = this.medical.getByRole('button', { name: /medical and emergency details/ });
    this.medicalNotes = this.medical.getByRole('region', { name: 'Medical notes', exact: true });
    this.contacts = this.medical.getByRole('region', { name: 'Emergency contacts', exact: true });
  }

  heading(name: string): Locator {
    return this.page.getByRole('heading', { level: 1, name, exact: true });
  }

  list(name: PassportListName): Locator {
    return this.passport.getByRole('region', { name, exact: true });
  }

  /** The "Saved on this device" line of a section. */
  savedIn(section: Locator): Locator {
    return section.getByRole('status').filter({ hasText: 'Saved on this device' });
  }

  /** Changes fields, saves, and waits for the save to be committed on the device. */
  async edit(changes: StudentChanges): Promise<void> {
    await expect(this.form).toBeVisible();
    if (changes.preferredName !== undefined) await this.preferredName.fill(changes.preferredName);
    if (changes.formGroup !== undefined) await this.formGroup.fill(changes.formGroup);
    await this.save.click();
    await expect(this.saved).toBeVisible();
  }

  /** Rewrites one item of a passport list and waits until it is saved on the device. */
  async editItem(listName: PassportListName, before: string, after: string): Promise<void> {
    const noun = NOUNS[listName];
    const list = this.list(listName);
    await list.getByRole('button', { name: `Edit ${noun}: ${before}`, exact: true }).click();
    await list.getByLabel(`Edit ${noun}`, { exact: true }).fill(after);
    await list.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(this.savedIn(list)).toBeVisible();
    await expect(list.getByText(after, { exact: true })).toBeVisible();
  }

  /** Adds an item to a passport list and waits until it is saved on the device. */
  async addItem(listName: PassportListName, text: string): Promise<void> {
    const noun = NOUNS[listName];
    const list = this.list(listName);
    await list.getByLabel(`New ${noun}`, { exact: true }).fill(text);
    await list.getByRole('button', { name: `Add ${noun}`, exact: true }).click();
    await expect(this.savedIn(list)).toBeVisible();
    await expect(list.getByText(text, { exact: true })).toBeVisible();
  }

  /** Writes "In my words" and waits until it is saved on the device. */
  async writeVoice(text: string): Promise<void> {
    await this.voice.getByRole('button', { name: /^(Edit|Write) In my words$/ }).click();
    await this.voice.getByLabel('In my words', { exact: true }).fill(text);
    await this.voice.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(this.savedIn(this.voice)).toBeVisible();
  }

  /** A contact's entry in the list, by the name it shows. */
  contact(name: string): Locator {
    return this.contacts.getByRole('listitem').filter({ hasText: name });
  }

  /** Edits a contact in place and waits until the change is saved on the device. */
  async editContact(name: string, changes: ContactChanges): Promise<void> {
    await this.contacts.getByRole('button', { name: `Edit contact: ${name}`, exact: true }).click();
    const form = this.contacts.getByRole('form', { name: `Edit contact: ${name}`, exact: true });
    if (changes.name !== undefined) await form.getByLabel('Name', { exact: true }).fill(changes.name);
    if (changes.relationship !== undefined) await form.getByLabel('Relationship', { exact: true }).fill(changes.relationship);
    if (changes.phone !== undefined) await form.getByLabel('Phone', { exact: true }).fill(changes.phone);
    if (changes.otherPhone !== undefined) await form.getByLabel('Other phone (optional)', { exact: true }).fill(changes.otherPhone);
    if (changes.orderToCall !== undefined) await form.getByLabel('Order to call', { exact: true }).selectOption(changes.orderToCall);
    await form.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(this.savedIn(this.contacts)).toBeVisible();
    await expect(form).toHaveCount(0);
  }

  /** Opens the medical and emergency details (one tap). */
  async showMedical(): Promise<void> {
    await expect(this.medicalToggle).toHaveAttribute('aria-expanded', 'false');
    await this.medicalToggle.click();
    await expect(this.medicalToggle).toHaveAttribute('aria-expanded', 'true');
    await expect(this.medicalNotes).toBeVisible();
  }
}
