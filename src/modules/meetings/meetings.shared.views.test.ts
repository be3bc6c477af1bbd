import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { loginAs } from '../../../tests/factories/index.js';
import { buildMember } from '../../../tests/factories/members.js';
import type { Agent } from '../../../tests/setup/agent.js';
import { createTestApp, type TestContext } from '../../../tests/setup/app.js';

/** Board meetings and plenary assemblies share their form pieces: the same choices, in the same order, the same markup. */
describe(`meetings and assemblies share their form pieces (${process.env.TEST_DB ?? 'sqlite'})`, () => {
  let ctx: TestContext;
  let agent: Agent;
  const now = new Date('2026-11-27T10:00:00Z');
  before(async () => {
    ctx = await createTestApp({}, { clock: () => now });
    ({ agent } = await loginAs(ctx));
    await buildMember(ctx.db, { name: 'Eva Membre', kind: 'individual' });
  });
  after(async () => ctx.close());

  const created = async (url: string, body: Record<string, string>) => {
    const res = await agent.post(url, body);
    assert.equal(res.statusCode, 303, res.body.slice(0, 500));
    return String(res.headers.location).replace(/#.*$/, '');
  };
  /** The labels of the first presence fieldset, in page order. */
  const presenceChoices = (html: string) => {
    const fieldset = /<fieldset class="presence">([\s\S]*?)<\/fieldset>/.exec(html)?.[1] ?? '';
    return [...fieldset.matchAll(/<label for="presence_\d+_(\w+)">([^<]*)<\/label>/g)].map((m) => `${m[1]}:${m[2]}`);
  };

  it('offers present, excused and not said in the same order for a board meeting and an assembly', async () => {
    const meeting = await created('/bureau/reunions/nouvelle', {
      kind: 'meeting',
      heldOn: '2026-12-03',
      startsAt: '19:00',
      endsAt: '',
      place: 'Bruxelles',
      videoUrl: '',
    });
    const assembly = await created('/bureau/assemblees/nouvelle', {
      heldOn: '2026-12-12',
      startsAt: '',
      endsAt: '',
      place: 'Namur',
      videoUrl: '',
      title: '',
    });
    const expected = ['present:Présent·e', 'excused:Excusé·e', 'unknown:Non indiqué'];
    assert.deepEqual(presenceChoices((await agent.get(meeting)).body), expected);
    assert.deepEqual(presenceChoices((await agent.get(`${assembly}/presences`)).body), expected);
  });

  it('shows the « cancelled » checkbox of both forms with the same markup', async () => {
    const meeting = await created('/bureau/reunions/nouvelle', {
      kind: 'retreat',
      heldOn: '2027-01-09',
      startsAt: '',
      endsAt: '',
      place: '',
      videoUrl: '',
    });
    const assembly = await created('/bureau/assemblees/nouvelle', {
      heldOn: '2027-03-13',
      startsAt: '',
      endsAt: '',
      place: 'Liège',
      videoUrl: '',
      title: '',
    });
    for (const page of [`${meeting}/modifier`, `${assembly}/modifier`])
      assert.match(
        (await agent.get(page)).body,
        /<div class="field checkbox"><input type="checkbox" id="cancelled" name="cancelled"/,
        page,
      );
  });
});
