import { sql, type Kysely } from 'kysely';

/** "Nachrichten und Briefe im Postfach": messages of a company with its insurer, both ways, with attachments. */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table postbox_messages (
      id text primary key,
      portal text not null,
      company text not null,
      insurer_id text not null,
      direction text not null check (direction in ('to_insurer', 'to_company')),
      kind text not null check (kind in ('message', 'letter')),
      subject text not null,
      body text not null,
      author_account_id text references accounts (id) on delete set null,
      author_staff_id text references staff (id) on delete set null,
      in_reply_to text references postbox_messages (id) on delete set null,
      created_at timestamptz not null
    );
    create index postbox_company on postbox_messages (portal, company, created_at);
    create index postbox_insurer on postbox_messages (insurer_id, direction, created_at);
    create table postbox_reads (
      message_id text not null references postbox_messages (id) on delete cascade,
      reader text not null,
      read_at timestamptz not null,
      primary key (message_id, reader)
    );
    alter table files add column message_id text references postbox_messages (id) on delete cascade;
    create index files_message on files (message_id);
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('not reversible');
}
