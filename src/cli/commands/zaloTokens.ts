// `zalo:tokens`: stores the OA's first token pair, obtained after the OA administrator's
// consent (or a new pair after the chain broke). The bot refreshes it on its own from then
// on. Tokens are never printed back.
import type { CliCommand } from '../command.js';
import { parseFlags } from '../command.js';
import { parseZaloConfig } from '../../channels/zalo/config.js';
import { OaTokenRepository } from '../../channels/zalo/oa/tokenRepository.js';

export const zaloTokensCommand: CliCommand = {
  name: 'zalo:tokens',
  usage: '--access TOKEN --refresh TOKEN --expires-in SECONDS   store the Zalo OA token pair (or --status)',
  run(args, { config, store, io, now }) {
    const flags = parseFlags(args);
    const oa = parseZaloConfig(config.env).oa;
    if (!oa) {
      io.err('zalo:tokens: set ZALO_APP_ID, ZALO_APP_SECRET and ZALO_OA_SECRET_KEY first (see docs/zalo.md)');
      return 2;
    }
    const repository = new OaTokenRepository(store.db);
    if (flags.status === 'true') {
      const stored = repository.get(oa.appId);
      if (!stored) io.out('No Zalo OA tokens stored yet.');
      else
        io.out(
          [
            `Access token expires ${stored.expiresAt.toISOString()}; pair saved ${stored.updatedAt.toISOString()}.`,
            stored.consentNeededAt ? `Zalo refused the refresh token on ${stored.consentNeededAt.toISOString()}: a new consent is needed.` : 'Refresh chain intact.',
          ].join('\n'),
        );
      return 0;
    }
    const access = flags.access;
    const refresh = flags.refresh;
    const expiresIn = Number(flags['expires-in']);
    if (!access || access === 'true' || !refresh || refresh === 'true') {
      io.err('zalo:tokens: give both --access TOKEN and --refresh TOKEN (from the consent callback)');
      return 1;
    }
    if (!Number.isInteger(expiresIn) || expiresIn <= 0) {
      io.err('zalo:tokens: give --expires-in as the number of seconds Zalo returned (e.g. 90000)');
      return 1;
    }
    repository.save(oa.appId, { accessToken: access, refreshToken: refresh, expiresAt: new Date(now.getTime() + expiresIn * 1000) }, now);
    io.out(`Zalo OA tokens stored for app ${oa.appId}; the access token expires ${new Date(now.getTime() + expiresIn * 1000).toISOString()}. The bot refreshes them from now on.`);
    return 0;
  },
};
