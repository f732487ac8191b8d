import { sql, type Kysely } from 'kysely';

/**
 * The content of the electronic patient record (manual 003 §4.4, issue 15) and the insured person's
 * access protocol.
 *
 * - `epa_record_keys`: each record's own data key (32 random bytes), stored only encrypted under the
 *   server's file key (AES-256-GCM, the record's id as associated data); made on the record's first use.
 * - `epa_documents`: a document's metadata in clear (Typ, Titel, Autor, Erstelldatum, Zugriffe, type,
 *   size) and its bytes encrypted under the record's key (the document's and the record's ids as
 *   associated data). Deleting the row deletes the bytes; deleting the record deletes its documents.
 *   The indexes serve the list: a record's documents sorted by each column, and its filters.
 * - `epa_protocol`: every access to a record, login, device registration and representative action,
 *   for the insured to read. Append-only as the audit log is: a trigger refuses every UPDATE and
 *   TRUNCATE, and every DELETE but of entries older than three years by the database's own clock
 *   (the retention job's), so not even the application can remove a recent entry. No foreign key: an
 *   entry outlives the document it names and cannot be removed by a cascade.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table epa_record_keys (
      record_id text primary key references epa_records (id) on delete cascade,
      iv bytea not null,
      tag bytea not null,
      wrapped_key bytea not null,
      created_at timestamptz not null
    );

    create table epa_documents (
      id text primary key,
      record_id text not null references epa_records (id) on delete cascade,
      class_code text not null,
      title text not null check (length(title) between 1 and 200),
      author_kind text not null check (author_kind in ('insured', 'institution')),
      author text not null,
      created_at timestamptz not null,
      access_count integer not null default 0 check (access_count >= 0),
      content_type text not null check (content_type in ('application/pdf', 'image/jpeg', 'image/png', 'image/tiff')),
      file_name text not null,
      size integer not null check (size > 0 and size <= 26214400),
      added_by text not null,
      iv bytea not null,
      tag bytea not null,
      content bytea not null
    );
    create index epa_documents_created on epa_documents (record_id, created_at desc, id);
    create index epa_documents_title on epa_documents (record_id, lower(title));
    create index epa_documents_author on epa_documents (record_id, author);
    create index epa_documents_class on epa_documents (record_id, class_code, created_at desc);

    create table epa_protocol (
      id bigserial primary key,
      insured_id text not null,
      at timestamptz not null,
      kind text not null check (kind in ('access', 'login', 'device', 'representation')),
      action text not null,
      actor_kind text not null check (actor_kind in ('insured', 'representative', 'staff', 'system')),
      actor_id text,
      actor_name text,
      document_id text,
      document_title text,
      device_id text,
      device_name text,
      result text not null check (result in ('success', 'denied', 'failed')),
      data jsonb not null default '{}'
    );
    create index epa_protocol_person on epa_protocol (insured_id, at desc, id desc);
    create index epa_protocol_person_kind on epa_protocol (insured_id, kind, at desc, id desc);
    create index epa_protocol_at on epa_protocol (at);

    create function epa_protocol_append_only() returns trigger language plpgsql as $$
    begin
      if tg_op = 'DELETE' and old.at < now() - interval '3 years' then
        return old;
      end if;
      raise exception 'epa_protocol is append-only (entries are deleted only after three years)';
    end;
    $$;
    create trigger epa_protocol_no_update before update or delete on epa_protocol
      for each row execute function epa_protocol_append_only();
    create trigger epa_protocol_no_truncate before truncate on epa_protocol
      for each statement execute function epa_protocol_append_only();
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('not reversible');
}
