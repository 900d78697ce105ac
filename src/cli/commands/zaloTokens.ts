// `zalo:tokens`: stores the OA's first token pair, obtained after the OA administrator's
// consent (or a new pair after the chain broke). The bot refreshes it on its own from then
// on. Tokens are never printed back.
import type { CliCommand } from '../command.js';
import { parseFlags } from '../command.js';
import { cliTranslator } from './campaignCliText.js';
import { parseZaloConfig } from '../../channels/zalo/config.js';
import { OaTokenRepository } from '../../channels/zalo/oa/tokenRepository.js';

export const zaloTokensCommand: CliCommand = {
  name: 'zalo:tokens',
  usage: '--access TOKEN --refresh TOKEN --expires-in SECONDS   store the Zalo OA token pair (or --status)',
  async run(args, ctx) {
    const { config, store, io, now } = ctx;
    const tr = cliTranslator(ctx);
    const flags = parseFlags(args);
    const oa = parseZaloConfig(config.env).oa;
    if (!oa) {
      io.err(tr.t('cli:zalo.notConfigured'));
      return 2;
    }
    const repository = new OaTokenRepository(store);
    if (flags.status === 'true') {
      const stored = await repository.get(oa.appId);
      if (!stored) io.out(tr.t('cli:zalo.none'));
      else
        io.out(
          [
            tr.t('cli:zalo.status', { expires: stored.expiresAt.toISOString(), saved: stored.updatedAt.toISOString() }),
            stored.consentNeededAt
              ? tr.t('cli:zalo.consentNeeded', { at: stored.consentNeededAt.toISOString() })
              : tr.t('cli:zalo.chainIntact'),
          ].join('\n'),
        );
      return 0;
    }
    const access = flags.access;
    const refresh = flags.refresh;
    const expiresIn = Number(flags['expires-in']);
    if (!access || access === 'true' || !refresh || refresh === 'true') {
      io.err(tr.t('cli:zalo.needPair'));
      return 1;
    }
    if (!Number.isInteger(expiresIn) || expiresIn <= 0) {
      io.err(tr.t('cli:zalo.needExpiry'));
      return 1;
    }
    await repository.save(
      oa.appId,
      { accessToken: access, refreshToken: refresh, expiresAt: new Date(now.getTime() + expiresIn * 1000) },
      now,
    );
    io.out(tr.t('cli:zalo.stored', { app: oa.appId, expires: new Date(now.getTime() + expiresIn * 1000).toISOString() }));
    return 0;
  },
};
