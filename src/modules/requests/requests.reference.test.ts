import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type TestContext } from '../../../tests/setup/app.js';
import { buildRequestInput, loginAs } from '../../../tests/factories/index.js';
import { isUniqueViolation } from '../../db/unique-violation.js';
import { eventsOf, findRequest } from './requests.queries.js';
import { allocateReference } from './requests.reference.queries.js';
import { createRequest, updateRequest } from './requests.service.js';
import type { CreateRequestInput, UpdateRequestInput } from './requests.schemas.js';

const editOf = (input: CreateRequestInput, receivedOn: string): UpdateRequestInput => ({
  ...input,
  receivedOn,
  status: 'in_progress',
});

describe(`the register's numbering (${process.env.TEST_DB ?? 'sqlite'})`, () => {
  let ctx: TestContext;
  before(async () => {
    ctx = await createTestApp();
  });
  after(async () => ctx.close());

  it('tells a unique violation by the engine’s error code, and nothing else', async () => {
    const { user } = await loginAs(ctx);
    const { reference } = await createRequest(
      ctx.db,
      ctx.app.vault,
      await buildRequestInput(ctx.db, { receivedOn: '2019-03-04' }),
      user,
    );
    const row = await ctx.db
      .selectFrom('requests')
      .selectAll()
      .where('reference', '=', reference)
      .executeTakeFirstOrThrow();
    const { id: _id, ...copy } = row;
    const duplicate = await ctx.db
      .insertInto('requests')
      .values(copy)
      .execute()
      .then(
        () => null,
        (error: unknown) => error,
      );
    assert.ok(duplicate, 'the copy must be refused');
    assert.equal(isUniqueViolation(duplicate), true);
    const duplicateKey = await ctx.db
      .insertInto('settings')
      .values([
        { key: 'test.unique', value: 'a' },
        { key: 'test.unique', value: 'b' },
      ])
      .execute()
      .then(
        () => null,
        (error: unknown) => error,
      );
    assert.equal(isUniqueViolation(duplicateKey), true, 'a primary key counts too');
    const notNull = await ctx.db
      .insertInto('settings')
      .values({ key: 'test.null', value: null as unknown as string })
      .execute()
      .then(
        () => null,
        (error: unknown) => error,
      );
    assert.ok(notNull, 'a missing value must be refused');
    assert.equal(isUniqueViolation(notNull), false);
    assert.equal(isUniqueViolation(new Error('UNIQUE constraint failed: requests.reference')), false);
    assert.equal(isUniqueViolation('duplicate key'), false);
  });

  it('numbers per year of reception, the register and the import alike', async () => {
    const { user } = await loginAs(ctx);
    const first = await createRequest(
      ctx.db,
      ctx.app.vault,
      await buildRequestInput(ctx.db, { receivedOn: '2017-05-02' }),
      user,
    );
    const second = await createRequest(
      ctx.db,
      ctx.app.vault,
      await buildRequestInput(ctx.db, { receivedOn: '2017-11-30' }),
      user,
    );
    assert.deepEqual([first.reference, second.reference], ['2017-001', '2017-002']);
    assert.deepEqual(await allocateReference(ctx.db, 2017), { seq: 3, reference: '2017-003' });
    assert.deepEqual(await allocateReference(ctx.db, 2016), { seq: 1, reference: '2016-001' });
  });

  it('gives a request moved into another year the next reference of that year, and keeps the old one in its timeline', async () => {
    const { user } = await loginAs(ctx);
    const input = await buildRequestInput(ctx.db, { receivedOn: '2014-12-30' });
    const moved = await createRequest(ctx.db, ctx.app.vault, input, user);
    await createRequest(ctx.db, ctx.app.vault, await buildRequestInput(ctx.db, { receivedOn: '2015-01-05' }), user);
    assert.equal(moved.reference, '2014-001');

    // Within the same year: the reference stays.
    await updateRequest(ctx.db, moved.id, editOf(input, '2014-12-29'), user);
    assert.equal((await findRequest(ctx.db, moved.id))?.reference, '2014-001');

    // It was in fact received on 2 January 2015.
    await updateRequest(ctx.db, moved.id, editOf(input, '2015-01-02'), user);
    const row = await findRequest(ctx.db, moved.id);
    assert.equal(row?.year, 2015);
    assert.equal(row?.reference, '2015-002');
    assert.equal(row?.seq, 2);
    const events = await eventsOf(ctx.db, moved.id);
    const change = events.find((e) => e.type === 'reference');
    assert.equal(change?.body, 'Reçue en 2015 : la référence 2014-001 devient 2015-002.');

    // The register finds it by its new number, and the next one of 2015 follows it.
    const { agent } = await loginAs(ctx);
    const search = await agent.get('/demandes?q=2015-002');
    assert.match(search.body, new RegExp(`/demandes/${moved.id}"`));
    const next = await createRequest(
      ctx.db,
      ctx.app.vault,
      await buildRequestInput(ctx.db, { receivedOn: '2015-06-01' }),
      user,
    );
    assert.equal(next.reference, '2015-003');
  });
});
