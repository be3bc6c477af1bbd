import assert from 'node:assert/strict';
import { connect, type Socket } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { Agent } from '../setup/agent.js';
import { createTestApp, type TestContext } from '../setup/app.js';
import { SERVER_TIMEOUTS } from '../../src/web/limits.js';

/**
 * Issue 9: with Fastify's defaults (request and connection timeouts 0), 200
 * connections trickling a body stayed open 75 s. Here the limits are short
 * (a few hundred milliseconds) and the client is slower than anything the
 * server could wait for: the assertion is that the server closes the
 * connection at all, long before the client would have finished.
 */
describe(`slow clients are dropped; public forms take small bodies (${process.env.TEST_DB ?? 'sqlite'})`, () => {
  let ctx: TestContext;
  let port: number;
  before(async () => {
    ctx = await createTestApp(
      {},
      { timeouts: { requestMs: 400, headersMs: 300, idleMs: 5_000, keepAliveMs: 1_000, checkEveryMs: 50 } },
    );
    await ctx.app.listen({ host: '127.0.0.1', port: 0 });
    const address = ctx.app.server.address();
    port = typeof address === 'object' && address ? address.port : 0;
  });
  after(async () => ctx.close());

  /** Sends `head`, then one byte every 100 ms up to `trickle` bytes; resolves with what the server said when it closed. */
  function slowClient(head: string, trickle: number): Promise<{ answer: string; closedEarly: boolean }> {
    return new Promise((resolve) => {
      const socket: Socket = connect(port, '127.0.0.1');
      let answer = '';
      let sent = 0;
      const timer = setInterval(() => {
        if (sent >= trickle) {
          clearInterval(timer);
          socket.destroy();
          resolve({ answer, closedEarly: false });
          return;
        }
        socket.write('a');
        sent++;
      }, 100);
      socket.on('data', (chunk: Buffer) => (answer += chunk.toString('latin1')));
      socket.on('error', () => undefined);
      socket.on('close', () => {
        clearInterval(timer);
        resolve({ answer, closedEarly: sent < trickle });
      });
      socket.write(head);
    });
  }

  it('closes a request whose body trickles in', async () => {
    // 600 bytes at 10 a second would take a minute.
    const res = await slowClient(
      'POST /connexion HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 600\r\n\r\n',
      600,
    );
    assert.ok(res.closedEarly, 'the server hung up before the body was complete');
    assert.match(res.answer, /^HTTP\/1\.1 408/);
  });

  it('closes a request whose headers never end', async () => {
    const res = await slowClient('GET / HTTP/1.1\r\nHost: localhost\r\nX-Slow: ', 600);
    assert.ok(res.closedEarly, 'the server hung up before the headers were complete');
  });

  it('runs with timeouts by default', () => {
    for (const value of Object.values(SERVER_TIMEOUTS)) assert.ok(value > 0);
    assert.ok(SERVER_TIMEOUTS.headersMs < SERVER_TIMEOUTS.requestMs);
  });

  it('refuses a 100 kB body on a public form, and still takes a normal one', async () => {
    const agent = new Agent(ctx.app);
    await agent.get('/connexion');
    const big = await agent.post('/connexion', { email: 'a@exemple.be', password: 'x'.repeat(100_000) });
    assert.equal(big.statusCode, 413);
    assert.match(big.body, /trop volumineuse/);
    const normal = await agent.post('/connexion', { email: 'a@exemple.be', password: 'un mauvais mot de passe' });
    assert.notEqual(normal.statusCode, 413);
  });
});
