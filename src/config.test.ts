import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError, loadConfig, parseTrustProxy } from './config.js';

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
