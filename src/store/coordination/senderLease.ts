// One outbox sender at a time across replicas. On PostgreSQL the sender is whichever
// replica holds a session-level advisory lock on a connection it keeps out of the pool:
// the lock lives exactly as long as that session, so a replica that stops, crashes or loses
// its connection frees it, and the next replica to ask becomes the sender.
import type pg from 'pg';

/** The right to be the one replica that sends the outbox. */
export interface SenderLease {
  /**
   * Becomes the sender if no other replica is, or checks that this one still is; true
   * while it is. A replica calls it before each round of sending, so that one which was
   * not the sender takes over once the sender is gone.
   */
  acquire(): Promise<boolean>;
  /** Stops being the sender (on shutdown), so that another replica can take over at once. */
  release(): Promise<void>;
  /** Whether this replica is the sender, as far as it knows: false once its connection is lost. */
  holding(): boolean;
}

/** SQLite: one process, hence one sender; the lease is granted whenever it is asked for. */
export function sqliteSenderLease(): SenderLease {
  let held = false;
  return {
    acquire: async () => (held = true),
    release: async () => {
      held = false;
    },
    holding: () => held,
  };
}

// The sender's lock is (SENDER_LOCK, hashtext(current_schema())): "send" in ASCII, apart
// from the one-bigint migration lock and the person locks ("turn"). Advisory locks belong
// to the database, not the schema, so the schema's hash keeps two installations (or two
// test runs) in different schemas of one database from electing one sender between them.
const SENDER_LOCK = 0x73656e64;
const TRY_LOCK = 'SELECT pg_try_advisory_lock($1::int4, hashtext(current_schema())) AS got';
const UNLOCK = 'SELECT pg_advisory_unlock($1::int4, hashtext(current_schema()))';

/**
 * PostgreSQL: the lease is `pg_try_advisory_lock` held on a client checked out of `pool`
 * and kept until release (the pool has one connection fewer meanwhile). The lock goes with
 * the session, so another replica acquires it once this one releases it, or its process or
 * connection dies. After a network cut the server may let the lock go before this replica
 * hears of it (at its next acquire() at the latest); the outbox is to claim each message
 * with FOR UPDATE SKIP LOCKED and a lease of its own (docs/storage.md), so that two senders
 * overlapping that briefly still send nothing twice.
 */
export function postgresSenderLease(pool: pg.Pool): SenderLease {
  let held: { client: pg.PoolClient; detach(): void } | undefined;
  // acquire and release one at a time, so that two calls never check out two clients.
  let queue: Promise<unknown> = Promise.resolve();
  const serially = <T>(op: () => Promise<T>): Promise<T> => {
    const result = queue.then(op);
    queue = result.catch(() => undefined);
    return result;
  };

  // A dead connection: forget it and have the pool destroy it. Its listeners stay, so that a
  // second error from the same client (pg may report one failure twice) is still caught.
  const lose = (lease: typeof held, error: Error) => {
    if (!lease || held !== lease) return;
    held = undefined;
    lease.client.release(error);
  };

  const acquire = async (): Promise<boolean> => {
    const current = held;
    if (current) {
      try {
        await current.client.query('SELECT 1');
        return true;
      } catch (error) {
        lose(current, error as Error);
      }
    }
    const client = await pool.connect();
    let got: boolean;
    try {
      const { rows } = await client.query<{ got: boolean }>(TRY_LOCK, [SENDER_LOCK]);
      got = rows[0]?.got === true;
    } catch (error) {
      client.release(error as Error);
      throw error;
    }
    if (!got) {
      client.release();
      return false;
    }
    // A checked-out client that emits 'error' with no listener would end the process.
    const onError = (error: Error) => lose(lease, error);
    const onEnd = () => lose(lease, new Error('the sender lease connection ended'));
    const lease = {
      client,
      detach: () => {
        client.off('error', onError);
        client.off('end', onEnd);
      },
    };
    client.on('error', onError);
    client.on('end', onEnd);
    held = lease;
    return true;
  };

  const release = async (): Promise<void> => {
    const lease = held;
    if (!lease) return;
    held = undefined; // lose() ignores this client from here on; its listeners still catch errors
    try {
      await lease.client.query(UNLOCK, [SENDER_LOCK]);
    } catch (error) {
      // The session is gone, and the lock with it.
      lease.client.release(error as Error);
      return;
    }
    lease.detach();
    lease.client.release();
  };

  return { acquire: () => serially(acquire), release: () => serially(release), holding: () => held !== undefined };
}
