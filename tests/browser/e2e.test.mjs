// Headless Chromium walks through the HTML interface of a real guildhall
// node: an admin sets up a group and an event; a new member accepts an
// invite, fills a profile, joins the group, starts a thread, replies, RSVPs,
// uploads a file and finds a colleague by skill; the moderator removes a
// post and its author sees the reason. Every page is screenshotted at
// desktop (1280 px) and phone (375 px) width into artifacts/.
//
// GUILDHALL_BIN names the binary (ctest sets it). Chromium comes from
// Debian (/usr/bin/chromium, or CHROMIUM_PATH); playwright-core never
// downloads a browser.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
const bin = process.env.GUILDHALL_BIN;
const artifacts = process.env.ARTIFACTS_DIR || join(here, 'artifacts');
const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 375, height: 740 };

let node, browser, base, dataDir, config, adminPassword;

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

function cli(...args) {
  return execFileSync(bin, ['-c', config, ...args], { encoding: 'utf8' });
}

async function waitForNode() {
  for (let i = 0; i < 100; i++) {
    try {
      const res = await fetch(`${base}/healthz`);
      if (res.ok) return;
    } catch { /* not listening yet */ }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('guildhall did not come up');
}

before(async () => {
  assert.ok(bin, 'GUILDHALL_BIN must name the guildhall binary');
  mkdirSync(artifacts, { recursive: true });
  dataDir = mkdtempSync(join(tmpdir(), 'guildhall-e2e-'));
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  config = join(dataDir, 'node.toml');
  writeFileSync(config, [
    '[node]', `domain = "127.0.0.1:${port}"`, 'name = "Acme Guild"', `data_dir = "${join(dataDir, 'data')}"`,
    '[http]', `listen = "127.0.0.1:${port}"`, 'upload_body_limit_bytes = "2MiB"',
    '[community]', 'max_upload_bytes = "1MiB"', ''].join('\n'));
  const init = cli('init', '--admin', 'root');
  adminPassword = /password:\s*(\S+)/.exec(init)[1];
  node = spawn(bin, ['-c', config, 'serve'], { stdio: ['ignore', 'inherit', 'inherit'] });
  await waitForNode();
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
           '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
});

after(async () => {
  if (browser) await browser.close();
  if (node) {
    node.kill('SIGTERM');
    await new Promise((r) => node.once('exit', r));
  }
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

// Screenshots of the current page at both widths.
async function shoot(page, name) {
  const size = page.viewportSize();
  for (const [label, viewport] of [['desktop', DESKTOP], ['phone', PHONE]]) {
    await page.setViewportSize(viewport);
    await page.screenshot({ path: join(artifacts, `${name}-${label}.png`), fullPage: true });
  }
  await page.setViewportSize(size);
}

async function expectFlash(page, text) {
  const flash = page.locator('main .notice').first();
  await flash.waitFor();
  assert.match(await flash.innerText(), text);
}

async function signIn(page, username, password) {
  await page.goto(`${base}/login`);
  await page.getByLabel('Username').fill(username);
  await page.locator('#f-password').fill(password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

test('a member joins, takes part, and a moderator removes a post', async () => {
  const admin = await (await browser.newContext({ viewport: DESKTOP })).newPage();
  await signIn(admin, 'root', adminPassword);
  await shoot(admin, '01-home-admin');

  // The admin describes themself (so a colleague can find them by skill).
  await admin.goto(`${base}/settings/profile`);
  await admin.getByLabel('Display name').fill('Rita Root');
  await admin.getByLabel('Team').fill('Community team');
  await admin.getByLabel('Skills').fill('Facilitation, Onboarding');
  await admin.getByRole('button', { name: 'Save profile' }).click();
  await expectFlash(admin, /profile is saved/);

  // A group and an event in it.
  await admin.goto(`${base}/groups/new`);
  await admin.getByLabel('Name').fill('Design practice');
  await admin.getByLabel('Address').fill('design');
  await admin.getByLabel('Description').fill('Designers across product teams share **craft** and critique.');
  await shoot(admin, '02-group-new');
  await admin.getByRole('button', { name: 'Create group' }).click();
  await expectFlash(admin, /Group created/);
  await admin.goto(`${base}/g/design/events/new`);
  await admin.getByLabel('Title').fill('Design critique night');
  const day = new Date(Date.now() + 3 * 86400000).toISOString().slice(0, 10);
  await admin.getByLabel('Starts').fill(`${day}T18:00`);
  await admin.getByLabel('Ends').fill(`${day}T20:00`);
  await admin.getByLabel('Time zone').fill('Europe/Berlin');
  await admin.getByLabel('Place').fill('Berlin office, room 4');
  await admin.getByLabel('Capacity').fill('12');
  await admin.getByLabel('Description').fill('Bring work in progress.');
  await shoot(admin, '03-event-form');
  await admin.getByRole('button', { name: 'Save event' }).click();
  await expectFlash(admin, /Event created/);
  const eventUrl = admin.url();

  // An invite from the command line, as a community manager would make it.
  const invite = cli('admin', 'invite', 'create').trim().split('\n').pop();
  assert.match(invite, /\/invite\/[0-9a-f]+$/);

  // The new member, on a phone.
  const ada = await (await browser.newContext({ viewport: PHONE })).newPage();
  await ada.goto(invite);
  await shoot(ada, '04-invite');
  await ada.getByLabel('Username').fill('ada');
  await ada.getByLabel('Display name').fill('Ada Lovelace');
  await ada.locator('#f-password').fill('analytical engine');
  await ada.getByLabel('Password again').fill('analytical engine');
  await ada.getByRole('button', { name: 'Create my account' }).click();
  await ada.waitForURL(/\/settings\/profile$/);
  await ada.getByLabel('Job title').fill('Product designer');
  await ada.getByLabel('Team').fill('Payments');
  await ada.getByLabel('Location').fill('Berlin');
  await ada.getByLabel('Skills').fill('Typography, Prototyping');
  await ada.getByLabel('About you').fill('I design **checkout flows**.');
  await shoot(ada, '05-profile-edit');
  await ada.getByRole('button', { name: 'Save profile' }).click();
  await expectFlash(ada, /profile is saved/);
  await shoot(ada, '06-profile');

  // Join the group and start a discussion.
  await ada.goto(`${base}/groups`);
  await shoot(ada, '07-groups');
  await ada.getByRole('link', { name: 'Design practice' }).click();
  await ada.getByRole('button', { name: 'Join group' }).click();
  await expectFlash(ada, /Welcome to Design practice/);
  await ada.getByRole('link', { name: 'New discussion' }).click();
  await ada.getByLabel('Title').fill('How do you run design crits remotely?');
  await ada.getByLabel('Message').fill('We tried *async* crits in Figma. What works for you?');
  await ada.getByRole('button', { name: 'Post discussion' }).click();
  await expectFlash(ada, /discussion is posted/);
  await ada.getByLabel('Your reply').last().fill('Follow-up: timeboxing helped us a lot.');
  await ada.getByRole('button', { name: 'Post reply' }).last().click();
  await expectFlash(ada, /Reply posted/);
  const threadUrl = ada.url().split('#')[0];
  await shoot(ada, '08-thread');

  // RSVP to the event.
  await ada.goto(eventUrl);
  await ada.getByRole('button', { name: 'Going', exact: true }).click();
  await expectFlash(ada, /See you there/);
  assert.match(await ada.locator('main').innerText(), /You are going/);
  await shoot(ada, '09-event');

  // Upload a file to the library.
  await ada.goto(`${base}/g/design/library`);
  await ada.locator('#f-file').setInputFiles({
    name: 'crit-checklist.txt', mimeType: 'text/plain', buffer: Buffer.from('1. Context\n2. Goals\n3. Feedback\n'),
  });
  await ada.getByLabel('Title').first().fill('Crit checklist');
  await ada.getByRole('button', { name: 'Upload' }).click();
  await expectFlash(ada, /File uploaded/);
  assert.match(await ada.locator('main').innerText(), /Crit checklist/);
  await shoot(ada, '10-library');

  // Find a colleague by skill.
  await ada.goto(`${base}/members`);
  await ada.getByLabel('Skill').fill('facil');
  await ada.getByRole('button', { name: 'Search' }).click();
  await ada.getByRole('link', { name: 'Rita Root' }).waitFor();
  await shoot(ada, '11-directory');

  // The moderator removes Ada's reply with a reason.
  await admin.goto(threadUrl);
  await admin.locator('article.reply').first().getByText('Remove…').click();
  await admin.getByLabel('Reason for removal (shown to the author)').last().fill('Please keep replies on topic.');
  await admin.getByRole('button', { name: 'Remove reply' }).click();
  await expectFlash(admin, /author was told why/);

  // Ada sees why, on the thread and in her notifications.
  await ada.goto(threadUrl);
  assert.match(await ada.locator('article.reply').first().innerText(),
               /A moderator removed this reply\. Reason: Please keep replies on topic\./);
  await shoot(ada, '12-thread-removed');
  await ada.goto(`${base}/notifications`);
  assert.match(await ada.locator('main').innerText(), /Reason: Please keep replies on topic/);
  await shoot(ada, '13-notifications');

  // A few admin pages.
  await admin.goto(`${base}/g/design`);
  assert.match(await admin.locator('main').innerText(), /How do you run design crits remotely\?/);
  await shoot(admin, '14-group');
  await admin.goto(`${base}/admin/audit`);
  assert.match(await admin.locator('main').innerText(), /reply\.remove/);
  await shoot(admin, '15-audit');
});

test('an upload over the limit gets a readable 413 page', async () => {
  const page = await (await browser.newContext({ viewport: DESKTOP })).newPage();
  await signIn(page, 'ada', 'analytical engine');
  await page.goto(`${base}/g/design/library`);
  await page.locator('#f-file').setInputFiles({
    name: 'big.bin', mimeType: 'application/octet-stream', buffer: Buffer.alloc(1536 * 1024, 7),
  });
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/library/files')),
    page.getByRole('button', { name: 'Upload' }).click(),
  ]);
  assert.equal(response.status(), 413);
  assert.match(await page.locator('main').innerText(), /too large to upload/);
  await shoot(page, '16-upload-too-large');
});
