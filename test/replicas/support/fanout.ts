// A reminder fan-out as the reminder scheduler queues it (enqueueDue.ts): one message per
// official's chat, purpose "reminder", a key per rule, deadline, person and channel (so a
// second pass queues nothing), due now, worthless after the deadline.
import type { Store } from '../../../src/store/index.js';

export const REMINDER_KEY_PREFIX = 'reminder:replicas-test:weekly-report:2026-12-04T17:00';

export async function queueReminders(outbox: Store['outbox'], chats: readonly string[], now = new Date()): Promise<number> {
  let queued = 0;
  const expiresAt = new Date(now.getTime() + 3 * 3600_000);
  // A few at a time, as the scheduler's pass writes them one after the other.
  for (let i = 0; i < chats.length; i += 10)
    await Promise.all(
      chats.slice(i, i + 10).map(async (chat) => {
        const added = await outbox.enqueue(
          {
            idempotencyKey: `${REMINDER_KEY_PREFIX}:${chat}:telegram`,
            channel: 'telegram',
            externalId: chat,
            purpose: 'reminder',
            replies: [
              {
                text: `⏰ Nhắc hạn: báo cáo tuần của đơn vị ${chat} hết hạn lúc 17:00 thứ Sáu 04/12/2026.`,
                choices: [
                  { id: '/baocao', label: 'Báo cáo ngay' },
                  { id: '/nhacnho', label: 'Quản lý nhắc nhở' },
                ],
              },
            ],
            notBefore: now,
            expiresAt,
          },
          now,
        );
        if (added) queued++;
      }),
    );
  return queued;
}
