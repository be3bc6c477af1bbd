import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError, INSTALL_DIR, loadConfig, loadDotEnv, parseTrustProxy } from './config.js';

describe('TRUST_PROXY', () => {
  it('is off unless set', () => {
    assert.equal(parseTrustProxy(undefined), false);
    assert.equal(parseTrustProxy(''), false);
    assert.equal(parseTrustProxy('false'), false);
    assert.equal(loadConfig({}).trustProxy, false);
  });

  it('takes a number of proxies, or addresses, ranges and names', () => {
    assert.equal(parseTrustProxy('1'), 1);
    assert.deepEqual(parseTrustProxy('127.0.0.1'), ['127.0.0.1']);
    assert.deepEqual(parseTrustProxy(' loopback , 10.0.0.0/8, fd00::/8 '), ['loopback', '10.0.0.0/8', 'fd00::/8']);
    assert.deepEqual(loadConfig({ TRUST_PROXY: '192.168.1.10' }).trustProxy, ['192.168.1.10']);
  });

  it('refuses « true » and anything that is not an address, with a French message', () => {
    assert.throws(
      () => parseTrustProxy('true'),
      (e: Error) => e instanceof ConfigError && /pas « true »/.test(e.message),
    );
    assert.throws(() => parseTrustProxy('proxy.example.org'), /n’est ni une adresse IP/);
    assert.throws(() => parseTrustProxy('10.0.0.0/33'), /« 10\.0\.0\.0\/33 »/);
    assert.throws(() => parseTrustProxy('999.1.1.1'), /« 999\.1\.1\.1 »/);
    assert.throws(() => parseTrustProxy('25'), /10 proxys au plus/);
  });
});

describe('configuration', () => {
  it('reads .env as the ecosystem writes it: comments, quotes, export, and the real environment wins', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'vigie-env-'));
    const file = path.join(dir, '.env');
    writeFileSync(
      file,
      [
        '# Vigie',
        'VIGIE_TEST_PORT=4199 # le port',
        "VIGIE_TEST_ORG='Mon Comité'",
        'export VIGIE_TEST_LEVEL=warn',
        'VIGIE_TEST_FROM="Vigie <vigie@exemple.be>" # expéditeur',
        'VIGIE_TEST_KEPT=du fichier',
      ].join('\n'),
    );
    process.env.VIGIE_TEST_KEPT = 'de l’environnement';
    try {
      assert.equal(loadDotEnv(file), file);
      assert.equal(process.env.VIGIE_TEST_PORT, '4199');
      assert.equal(process.env.VIGIE_TEST_ORG, 'Mon Comité');
      assert.equal(process.env.VIGIE_TEST_LEVEL, 'warn');
      assert.equal(process.env.VIGIE_TEST_FROM, 'Vigie <vigie@exemple.be>');
      assert.equal(process.env.VIGIE_TEST_KEPT, 'de l’environnement');
      assert.equal(loadDotEnv(path.join(dir, 'absent.env')), null);
    } finally {
      for (const k of ['PORT', 'ORG', 'LEVEL', 'FROM', 'KEPT']) delete process.env[`VIGIE_TEST_${k}`];
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('says in French which variable is wrong and why, never echoing a secret', () => {
    assert.throws(
      () => loadConfig({ PORT: '4199 # port', LOG_LEVEL: 'bavard', ENCRYPTION_KEY: 'secret-trop-court' }),
      (e: Error) =>
        e instanceof ConfigError &&
        /PORT : un nombre entier entre 0 et 65535 \(valeur lue : « 4199 # port »\)/.test(e.message) &&
        /LOG_LEVEL : fatal, error, warn, info, debug, trace ou silent \(valeur lue : « bavard »\)/.test(e.message) &&
        /ENCRYPTION_KEY : 32 octets encodés en base64/.test(e.message) &&
        !e.message.includes('secret-trop-court'),
    );
    assert.throws(
      () => loadConfig({ PUBLIC_URL: 'vigie.exemple.be' }),
      /PUBLIC_URL : doit être une adresse http:\/\/ ou https:\/\/ complète/,
    );
  });

  it('finds the data folder and relative SQLite paths from the install folder, not the current directory', () => {
    const config = loadConfig({});
    assert.equal(INSTALL_DIR, path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..'));
    assert.equal(config.dataDir, path.join(INSTALL_DIR, 'data'));
    assert.deepEqual(config.database, { kind: 'sqlite', file: path.join(INSTALL_DIR, 'data', 'vigie.sqlite') });
    assert.equal(loadConfig({ DATA_DIR: 'ailleurs' }).dataDir, path.join(INSTALL_DIR, 'ailleurs'));
    assert.deepEqual(loadConfig({ DATABASE_URL: 'file:base/v.sqlite' }).database, {
      kind: 'sqlite',
      file: path.join(INSTALL_DIR, 'base', 'v.sqlite'),
    });
    assert.equal(loadConfig({ DATA_DIR: '/srv/vigie' }).dataDir, '/srv/vigie');
  });
});
