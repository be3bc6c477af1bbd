import assert from 'node:assert/strict';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

/**
 * The deployment recipes of docs/operations.md, checked as far as this machine
 * allows: the systemd unit passes `systemd-analyze verify` and its command
 * really serves Vigie; the nginx site passes `nginx -t`. scripts/test-deploy.sh
 * installs nginx from Debian's packages first.
 */
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const DEPLOY = path.join(ROOT, 'docs/deploy');

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

describe('deployment recipes', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'vigie-deploy-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('the systemd unit is valid, and its command starts Vigie, which answers and stops cleanly', async () => {
    const unit = readFileSync(path.join(DEPLOY, 'vigie.service'), 'utf8').replaceAll('/srv/vigie', ROOT);
    const file = path.join(dir, 'vigie.service');
    writeFileSync(file, unit);
    // verify prints a warning (exit 0) for an unknown key or value: none is allowed.
    const verify = execFileSync('systemd-analyze', ['verify', file], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    assert.equal(verify.trim(), '');

    const execStart = /^ExecStart=(.+)$/m.exec(unit)?.[1]?.split(/\s+/) ?? [];
    const [command, ...args] = execStart;
    assert.ok(command, 'ExecStart is set');
    const port = await freePort();
    const child = spawn(command, args, {
      cwd: /^WorkingDirectory=(.+)$/m.exec(unit)?.[1],
      env: {
        PATH: process.env.PATH ?? '',
        NODE_ENV: /Environment=NODE_ENV=(\w+)/.exec(unit)?.[1] ?? '',
        PUBLIC_URL: 'https://vigie.exemple.be',
        HOST: '127.0.0.1',
        PORT: String(port),
        DATA_DIR: path.join(dir, 'data'),
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    // `vigie serve` prints its address or the setup link once it listens: wait for that, not for a time.
    const listening = new Promise<boolean>((resolve) => {
      child.stdout.on('data', (d: Buffer) => {
        output += d.toString();
        if (/installation\?jeton=|écoute sur/.test(output)) resolve(true);
      });
      child.on('close', () => resolve(false));
    });
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    try {
      assert.ok(await listening, `the server started: ${output}`);
      const health = await fetch(`http://127.0.0.1:${port}/healthz`);
      assert.equal(health.status, 200);
      assert.match(output, /installation\?jeton=/, 'the first start prints the setup link');
      assert.match(output, /clé de chiffrement des identités vient d'être créée/);
    } finally {
      child.kill('SIGTERM');
    }
    assert.equal(await exited, 0, 'stops cleanly on SIGTERM (systemctl stop)');
  });

  it('the nginx site passes nginx -t with its log format and a certificate', () => {
    const cert = path.join(dir, 'fullchain.pem');
    const key = path.join(dir, 'privkey.pem');
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-days',
        '1',
        '-subj',
        '/CN=vigie.exemple.be',
        '-keyout',
        key,
        '-out',
        cert,
      ],
      { stdio: 'ignore' },
    );
    const site = readFileSync(path.join(DEPLOY, 'nginx.conf'), 'utf8')
      .replace('/etc/letsencrypt/live/vigie.exemple.be/fullchain.pem', cert)
      .replace('/etc/letsencrypt/live/vigie.exemple.be/privkey.pem', key)
      .replace('/var/log/nginx/vigie.access.log', path.join(dir, 'access.log'));
    writeFileSync(path.join(dir, 'site.conf'), site);
    writeFileSync(
      path.join(dir, 'nginx.conf'),
      [
        `pid ${path.join(dir, 'nginx.pid')};`,
        `error_log ${path.join(dir, 'error.log')};`,
        'events {}',
        'http {',
        `  include ${path.join(DEPLOY, 'nginx-log-format.conf')};`,
        `  include ${path.join(dir, 'site.conf')};`,
        '}',
      ].join('\n'),
    );
    const result = spawnSync('nginx', ['-t', '-c', path.join(dir, 'nginx.conf')], { encoding: 'utf8' });
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stderr, /syntax is ok/);
    assert.match(result.stderr, /test is successful/);
    assert.doesNotMatch(result.stderr, /\[warn\]/, 'no warning either');
  });
});
