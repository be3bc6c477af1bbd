import { loadOrCreateKey, Vault } from '../lib/vault.js';
import { fillDemo } from '../modules/demo/demo.service.js';
import { requireDb, type CliContext } from './context.js';

/** `vigie demo`: a clearly fictional dataset in an empty register. */
export async function demoCommand(ctx: CliContext): Promise<number> {
  const { key } = loadOrCreateKey(ctx.config.encryptionKey, ctx.config.dataDir);
  ctx.io.out(`${await fillDemo(requireDb(ctx), new Vault(key))}\n`);
  return 0;
}
