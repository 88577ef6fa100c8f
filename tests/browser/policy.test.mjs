// Issue 5 in a browser: an admin allows a partner, shares a group with it,
// sees the partner's member join, removes the partner, sees the member
// leave and the audit trail — through the HTML pages of a real node
// (alpha.test) federating over TLS with a second real node (beta.test).
// Both nodes use certificates from a CA made here with the openssl CLI and
// resolve each other through [federation.resolve]; Chromium reaches them by
// name through --host-resolver-rules and trusts the CA's certificates by
// SPKI pin. Every confirmation page is screenshotted into artifacts/.
//
// GUILDHALL_BIN names the binary (ctest sets it); CHROMIUM_PATH the browser.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync, rmSync, existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
const bin = process.env.GUILDHALL_BIN;
const artifacts = process.env.ARTIFACTS_DIR || join(here, 'artifacts');

const nodes = {};  // name -> { domain, port, config, proc, dir }
let dir, browser, adminPassword;

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

function openssl(...args) {
  return execFileSync('openssl', args, { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

// A CA, and a P-256 certificate for `name`.test signed by it.
function issue(name) {
  writeFileSync(join(dir, `${name}.ext`), `subjectAltName=DNS:${name}.test\n`);
  openssl('req', '-new', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes',
          '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', `/CN=${name}.test`);
  openssl('x509', '-req', '-in', `${name}.csr`, '-CA', 'ca.pem', '-CAkey', 'ca.key',
          '-CAcreateserial', '-days', '2', '-out', `${name}.pem`, '-extfile', `${name}.ext`);
  // Chromium is told to trust exactly these keys (no system CA store change).
  const der = execFileSync('sh', ['-c',
    `openssl x509 -in ${name}.pem -pubkey -noout | openssl pkey -pubin -outform der | openssl dgst -sha256 -binary | base64`],
    { cwd: dir, encoding: 'utf8' });
  return der.trim();
}

function cli(name, ...args) {
  return execFileSync(bin, ['-c', nodes[name].config, ...args], { encoding: 'utf8' });
}

async function api(name, token, method, path, body) {
  const n = nodes[name];
  // Node's fetch has no per-request CA option: curl does the TLS with our CA.
  const args = ['-sS', '--cacert', join(dir, 'ca.pem'), '--resolve', `${name}.test:${n.port}:127.0.0.1`,
                '-X', method, '-H', `Authorization: Bearer ${token}`, '-H', 'Accept: application/json'];
  if (body) args.push('-H', 'Content-Type: application/json', '--data', JSON.stringify(body));
  args.push(`https://${n.domain}/api/v1${path}`);
  return JSON.parse(execFileSync('curl', args, { encoding: 'utf8' }) || '{}');
}

async function eventually(probe, what, ms = 30000) {
  const end = Date.now() + ms;
  for (;;) {
    if (await probe()) return;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function startNode(name) {
  const n = nodes[name];
  n.proc = spawn(bin, ['-c', n.config, 'serve', '--ready-file', join(n.dir, 'ready')],
                 { stdio: ['ignore', 'inherit', 'inherit'] });
  await eventually(() => existsSync(join(n.dir, 'ready')), `${name} to serve`, 60000);
}

before(async () => {
  assert.ok(bin, 'GUILDHALL_BIN must name the guildhall binary');
  mkdirSync(artifacts, { recursive: true });
  dir = mkdtempSync(join(tmpdir(), 'guildhall-policy-'));
  openssl('req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes',
          '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '2', '-subj', '/CN=Guildhall policy test CA');
  for (const name of ['alpha', 'beta']) {
    const port = await freePort();
    nodes[name] = { port, domain: `${name}.test:${port}`, dir: join(dir, name) };
    mkdirSync(nodes[name].dir);
    nodes[name].pin = issue(name);
  }
  const resolve = Object.values(nodes).map((n) => `"${n.domain}" = "127.0.0.1:${n.port}"`);
  for (const [name, n] of Object.entries(nodes)) {
    n.config = join(n.dir, 'node.toml');
    writeFileSync(n.config, [
      '[node]', `domain = "${n.domain}"`, `name = "${name}"`, `data_dir = "${join(n.dir, 'data')}"`,
      '[http]', `listen = "127.0.0.1:${n.port}"`, 'public_scheme = "https"', 'shutdown_grace = "2s"',
      `tls_cert = "${join(dir, `${name}.pem`)}"`, `tls_key = "${join(dir, `${name}.key`)}"`,
      '[federation]', 'mode = "allowlist"', `ca_file = "${join(dir, 'ca.pem')}"`, 'allow_private_addresses = true',
      '[federation.resolve]', ...resolve, ''].join('\n'));
  }
  const init = cli('alpha', 'init', '--admin', 'root');
  adminPassword = /password:\s*(\S+)/.exec(init)[1];
  cli('beta', 'init');
  // beta allows alpha (its own admin's decision, made with its CLI).
  cli('beta', 'admin', 'peer', 'allow', nodes.alpha.domain, '--as', 'partner');
  cli('alpha', 'admin', 'group', 'create', 'deals', '--name', 'Deals desk', '--scope', 'partners',
      '--owner', 'root');
  cli('beta', 'admin', 'user', 'create', 'pat');
  nodes.beta.token = cli('beta', 'admin', 'token', 'create', 'pat').trim().split('\n')
    .filter((l) => /^[0-9a-f]{64}$/.test(l.trim())).pop().trim();
  for (const name of Object.keys(nodes)) await startNode(name);
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
           '--disable-background-networking', '--disable-component-update', '--disable-sync',
           `--host-resolver-rules=${Object.values(nodes).map((n) => `MAP ${n.domain.split(':')[0]} 127.0.0.1`).join(',')}`,
           `--ignore-certificate-errors-spki-list=${Object.values(nodes).map((n) => n.pin).join(',')}`],
  });
});

after(async () => {
  if (browser) await browser.close();
  for (const n of Object.values(nodes)) {
    if (n.proc && n.proc.exitCode === null) {
      n.proc.kill('SIGTERM');
      await new Promise((r) => n.proc.once('exit', r));
    }
  }
  if (dir && !process.env.GUILDHALL_KEEP_TEMP) rmSync(dir, { recursive: true, force: true });
});

async function shoot(page, name) {
  await page.screenshot({ path: join(artifacts, `policy-${name}.png`), fullPage: true });
}

async function expectFlash(page, text) {
  const flash = page.locator('main .notice').first();
  await flash.waitFor();
  assert.match(await flash.innerText(), text);
}

// Submits the form in front of the admin, checks the confirmation page
// (the impact is shown before anything changes), then applies.
async function reviewAndApply(page, shot, expectImpact) {
  await page.getByRole('heading', { name: 'Confirm a federation change' }).waitFor();
  if (expectImpact) await expectImpact(page);
  await shoot(page, shot);
  await page.getByRole('button', { name: 'Apply this change' }).click();
}

test('an admin allows a partner, shares a group, sees its member come and go, and the audit trail', async () => {
  const alpha = `https://${nodes.alpha.domain}`;
  const beta = nodes.beta.domain;
  const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  await page.goto(`${alpha}/login`);
  await page.getByLabel('Username').fill('root');
  await page.locator('#f-password').fill(adminPassword);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));

  // Allow beta as a partner.
  await page.goto(`${alpha}/admin/federation/peers`);
  await page.locator('#f-domain').fill(beta);
  await page.locator('#f-state').selectOption('allowed');
  await page.locator('#f-relationship').selectOption('partner');
  await page.locator('#f-note').fill('Our partner in the browser test');
  await page.getByRole('button', { name: 'Review the change' }).click();
  await reviewAndApply(page, '01-allow-confirm', async (p) => {
    assert.match(await p.locator('main').innerText(), new RegExp(`Allow ${beta.replace('.', '\\.')} as partner`));
  });
  await expectFlash(page, /Allow .* as partner/);
  const row = page.locator(`tr[data-domain="${beta}"]`);
  assert.match(await row.innerText(), /partner/);
  assert.match(await row.locator('.peer-state').innerText(), /Allowed/);

  // Share the partners group with it.
  await page.goto(`${alpha}/g/deals/sharing`);
  await page.locator('#shares-domains').fill(beta);
  await page.getByRole('button', { name: 'Review the share list' }).click();
  await reviewAndApply(page, '02-sharing-confirm', async (p) => {
    assert.match(await p.locator('main').innerText(), new RegExp(`Share group deals with ${beta.replace('.', '\\.')}`));
  });
  await expectFlash(page, /Share group deals/);
  await shoot(page, '02-sharing');
  assert.match(await page.locator('code.share').first().innerText(), new RegExp(beta.replace('.', '\\.')));

  // beta's member joins (from beta, as a member would).
  const handle = `deals@${nodes.alpha.domain}`;
  const follow = await api('beta', nodes.beta.token, 'POST', '/follows', { handle });
  assert.ok(!follow.error, JSON.stringify(follow));
  await eventually(async () => {
    const list = await api('beta', nodes.beta.token, 'GET', '/follows');
    return (list.items || []).some((f) => f.handle === handle && f.state === 'accepted');
  }, 'the follow to be accepted');

  // The admin sees the member: on the group's member list and in the peer's counts.
  await eventually(async () => {
    await page.goto(`${alpha}/admin/federation/peers`);
    return (await row.locator('.peer-members').innerText()).trim() === '1';
  }, 'the peers page to count one member');
  await shoot(page, '03-peers-with-member');
  // (a remote member's link is /u/pat@beta.test:PORT)
  const remoteMember = `main a.person[href="/u/pat@${beta}"]`;
  await page.goto(`${alpha}/g/deals/members`);
  assert.equal(await page.locator(remoteMember).count(), 1);

  // Remove the partner: the confirmation shows the member who will leave.
  await page.goto(`${alpha}/admin/federation/peers`);
  await row.getByRole('button', { name: 'Remove' }).click();
  await reviewAndApply(page, '04-remove-confirm', async (p) => {
    assert.equal((await p.locator('.impact-members').innerText()).trim(), '1');
  });
  await expectFlash(page, /Remove .* from the peer list: Done\. 1 remote member left/);
  assert.equal(await page.locator(`tr[data-domain="${beta}"]`).count(), 0);
  await page.goto(`${alpha}/g/deals/members`);
  assert.equal(await page.locator(remoteMember).count(), 0);

  // The audit trail, and its JSON Lines export.
  await page.goto(`${alpha}/admin/federation/audit`);
  const audit = await page.locator('table.audit').innerText();
  for (const action of ['policy.peer.set', 'policy.group.shares', 'policy.peer.remove']) {
    assert.match(audit, new RegExp(action.replace(/\./g, '\\.')));
  }
  await shoot(page, '05-audit');
  const href = await page.getByRole('link', { name: /Export these entries as JSON Lines/ }).getAttribute('href');
  const exported = await page.evaluate(async (url) => (await fetch(url)).text(), href);
  const lines = exported.trim().split('\n').map((l) => JSON.parse(l));
  assert.ok(lines.some((e) => e.action === 'policy.peer.remove' && e.target.includes(beta)), exported);
  assert.ok(lines.every((e) => e.action.startsWith('policy.')), exported);

  await page.goto(`${alpha}/admin/federation/mode`);
  assert.match(await page.locator('.policy-mode').innerText(), /allowlist/);
  await shoot(page, '06-mode');
});
