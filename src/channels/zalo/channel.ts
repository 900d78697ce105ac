// The two Zalo adapters: the Official Account (the citizens' channel) and the Bot Platform.
export { createZaloOaChannel, type ZaloOaChannelOptions } from './oa/channel.js';
export { createZaloBotChannel, type ZaloBotChannelOptions, ZALO_BOT_CAPABILITIES } from './bot/channel.js';
export { ZALO_OA_WEBHOOK_PATH } from './oa/webhook.js';
export { ZALO_BOT_WEBHOOK_PATH } from './bot/webhook.js';
export { parseZaloConfig, type ZaloConfig, type ZaloOaConfig, type ZaloBotConfig } from './config.js';
export { ZaloUnreachableError, ZaloApiError, ZaloConsentNeededError } from './errors.js';
export type { ZaloChannel, ChannelHealth } from './types.js';
export type { ReachabilityMarks } from './reachability.js';
