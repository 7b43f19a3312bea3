/**
 * Registers: the study-support group's learning mentor takes a register with no signal
 * ("Mark all present", then an absence and a late arrival), the counts are right, the
 * register survives a reload offline, is completed and downloaded as CSV, and each mark
 * reaches the server once. Two members of staff marking the same student on two devices
 * offline end with the later mark on both, and the earlier in the server's history.
 */
import { readFileSync } from 'node:fs';

import { DEMO, apiToken, pullAll, type PulledRecord, untilServerHolds } from '../fixtures/demo';
import { expect, test } from '../fixtures/test';
import { RegisterSheet, RegistersPage } from '../pages/RegisterPages';
import { signInAndSync } from '../pages/SignInPage';

const SYNCED = 'All saved and synced';
const GROUP = 'Study Support Base';
const JAMIE = 'Jamie Ingleby';
const DATE = '2026-09-07';

const value = (record: PulledRecord, field: string) => record.fields[field]?.value;
const marksOf = (records: PulledRecord[], register: string) =>
  records.filter((r) => r.entity === 'register_mark' && value(r, 'register_id') === register && !r.deleted);

test('offline, a register marked all present with two exceptions survives a reload, completes, downloads, and reaches the server once', async ({
  newDevice,
  freshServer,
  request,
}) => {
  test.slow();
  const url = freshServer.url;
  const page = await newDevice();
  const shell = await signInAndSync(page, url, DEMO.learningMentor);
  await shell.waitForServiceWorkerControl();
  const registers = new RegistersPage(page);
  await registers.open();

  await page.context().setOffline(true);
  await expect(shell.connectionStatus).toHaveText('Offline — working from this device');
  const register = await registers.openRegister(GROUP, DATE, 'AM');
  await expect(register.rows).toHaveCount(30);
  await register.expectCounts(0, 0, 0, 30);

  await register.markAllPresent.click();
  await register.expectCounts(30, 0, 0, 0);
  await expect(register.markAllPresent).toBeDisabled();

  // Two exceptions: the first student absent with a note, Jamie late at 09:12.
  const first = await register.studentName(0);
  expect(first).not.toBe(JAMIE);
  await register.mark(first, 'Absent', 'Dentist, back after lunch');
  await register.markAtTime(JAMIE, 'Late', '09:12');
  await register.expectCounts(28, 1, 1, 0);
  await expect(register.student(JAMIE)).toHaveAccessibleName(`${JAMIE}: Late, arrived at 09:12`);
  // Every control a thumb uses is at least 44 px tall.
  for (const control of [register.student(JAMIE), register.markAllPresent, register.complete, register.downloadCsv]) {
    expect((await control.boundingBox())?.height ?? 0).toBeGreaterThanOrEqual(44);
  }
  await expect(register.student(first)).toHaveAccessibleName(`${first}: Absent`);
  // The register, 30 marks and the two corrections.
  await expect(shell.connectionStatus).toHaveText('Offline — 33 saved on this device');
  const registerId = new URL(page.url()).pathname.split('/').pop() ?? '';

  // A reload with no network: every mark is read back from the device.
  await shell.reloadOffline();
  await register.expectCounts(28, 1, 1, 0);
  await expect(register.student(JAMIE)).toHaveAccessibleName(`${JAMIE}: Late, arrived at 09:12`);

  // Complete: the rows are no longer buttons; the CSV downloads with no signal.
  await register.complete.click();
  await expect(register.reopen).toBeVisible();
  await expect(register.rowList.getByRole('button')).toHaveCount(0);
  await expect(page.getByText(/Completed by Kit Lanyon at \d\d:\d\d/)).toBeVisible();
  const downloading = page.waitForEvent('download');
  await register.downloadCsv.click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe(`register-study-support-base-${DATE}-am.csv`);
  const csv = readFileSync((await download.path()) ?? '', 'utf8');
  const lines = csv.replace(/^\uFEFF/, '').trimEnd().split('\r\n');
  expect(lines[0]).toBe('Student,Mark,Time,Marked by,Note');
  expect(lines).toHaveLength(31);
  expect(lines).toContain(`${JAMIE},Late,09:12,Kit Lanyon,`);
  expect(lines).toContain(`${first},Absent,,Kit Lanyon,"Dentist, back after lunch"`);

  // Online: everything is synced, each student's mark once.
  await shell.goOnline();
  await expect(shell.connectionStatus).toHaveText(SYNCED);
  const admin = await apiToken(request, url, DEMO.admin);
  const records = await pullAll(request, url, admin);
  const marks = marksOf(records, registerId);
  expect(marks).toHaveLength(30);
  expect(new Set(marks.map((mark) => value(mark, 'student_id'))).size).toBe(30);
  expect(marks.filter((mark) => value(mark, 'mark') === 'present')).toHaveLength(28);
  const late = marks.filter((mark) => value(mark, 'mark') === 'late');
  expect(late.map((mark) => value(mark, 'at_time'))).toEqual(['09:12']);
  const saved = records.filter((r) => r.entity === 'register' && r.id === registerId);
  expect(saved).toHaveLength(1);
  expect(value(saved[0], 'completed_at')).toEqual(expect.any(Number));

  // The correction kept the first mark in the history.
  const history = await request.get(new URL(`/api/v1/history/register_mark/${late[0].id}`, url).href, {
    headers: { Authorization: `Bearer ${admin}` },
  });
  expect(history.status(), await history.text()).toBe(200);
  expect(await history.text()).toContain('"present"');
});

test('two members of staff marking the same student offline both end with the later mark', async ({
  newDevice,
  freshServer,
  request,
}) => {
  const url = freshServer.url;
  const tablet = await newDevice();
  const tabletShell = await signInAndSync(tablet, url, DEMO.learningMentor);
  const registers = new RegistersPage(tablet);
  await registers.open();
  const register = await registers.openRegister(GROUP, DATE, 'PM');
  await register.markAllPresent.click();
  await register.expectCounts(30, 0, 0, 0);
  await untilServerHolds(request, url, DEMO.admin, (records) => records.filter((r) => r.entity === 'register_mark').length === 30);

  // The group's teacher, on their own device, opens the same register.
  const phone = await newDevice();
  const phoneShell = await signInAndSync(phone, url, DEMO.supportTeacher);
  const phoneRegisters = new RegistersPage(phone);
  await phoneRegisters.open();
  await phoneRegisters.register(GROUP).click();
  const phoneRegister = new RegisterSheet(phone);
  await phoneRegister.expectCounts(30, 0, 0, 0);

  // Offline, the mentor marks Jamie late; then the teacher marks Jamie absent.
  await tablet.context().setOffline(true);
  await phone.context().setOffline(true);
  await register.markAtTime(JAMIE, 'Late', '13:20');
  await phoneRegister.mark(JAMIE, 'Absent');

  // The mentor's tablet syncs first, the teacher's phone (the later mark) second.
  await tabletShell.goOnline();
  await expect(tabletShell.connectionStatus).toHaveText(SYNCED);
  await phoneShell.goOnline();
  await expect(phoneShell.connectionStatus).toHaveText(SYNCED);
  await tablet.reload();
  await expect(tabletShell.connectionStatus).toHaveText(SYNCED);
  for (const on of [register, phoneRegister]) {
    await expect(on.student(JAMIE)).toHaveAccessibleName(`${JAMIE}: Absent`);
    await on.expectCounts(29, 1, 0, 0);
  }

  // The server holds one mark for Jamie, with the mentor's late mark in its history.
  const admin = await apiToken(request, url, DEMO.admin);
  const records = await pullAll(request, url, admin);
  const absent = records.filter((r) => r.entity === 'register_mark' && value(r, 'mark') === 'absent');
  expect(absent).toHaveLength(1);
  const history = await request.get(new URL(`/api/v1/history/register_mark/${absent[0].id}`, url).href, {
    headers: { Authorization: `Bearer ${admin}` },
  });
  expect(history.status(), await history.text()).toBe(200);
  const text = await history.text();
  expect(text).toContain('"late"');
  expect(text).toContain('"13:20"');
});
