// The two Zalo adapters: the Official Account (the citizens' channel) and the Bot Platform.
export { createZaloOaChannel } from './oa/channel.js';
export { createZaloBotChannel } from './bot/channel.js';
export { parseZaloConfig } from './config.js';
export type { ZaloChannel } from './types.js';
