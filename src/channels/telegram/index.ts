export {
  createTelegramChannel,
  ALLOWED_UPDATES,
  TELEGRAM_CAPABILITIES,
  type TelegramChannel,
  type TelegramChannelOptions,
  type ChannelLogger,
} from './channel.js';
export { TELEGRAM_WEBHOOK_PATH } from './webhook.js';
