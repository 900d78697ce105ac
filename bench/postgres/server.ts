// The PostgreSQL server the figures came from, for the report: its version and the settings
// that weigh most on a write per update (durability of each commit) and on reads (cache).
import pg from 'pg';

const SETTINGS = ['server_version', 'fsync', 'synchronous_commit', 'shared_buffers', 'max_connections'];

export async function describeServer(url: string): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ name: string; value: string }>(
      'SELECT name, current_setting(name) AS value FROM unnest($1::text[]) AS name',
      [SETTINGS],
    );
    const [version, ...settings] = rows;
    return `PostgreSQL ${version!.value} at ${new URL(url).host}, ${settings.map((s) => `${s.name} = ${s.value}`).join(', ')}`;
  } finally {
    await client.end();
  }
}
