import { readFile } from 'node:fs/promises';
import { sql } from 'kysely';
import type { Db } from '../../core/db/database.ts';
import { fromProjectRoot } from '../../core/paths.ts';

/**
 * The centroid of every German PLZ (assets/jobmaster/plz-centroids.tsv, built by
 * scripts/build-plz-centroids.mjs from OpenStreetMap and GeoNames data; see README "PLZ data").
 */
export const PLZ_FILE = fromProjectRoot('assets/jobmaster/plz-centroids.tsv');
const BATCH = 5000;

export function parseCentroids(text: string): { postal_code: string; place: string; lat: number; lon: number }[] {
  const rows = [];
  for (const line of text.split('\n')) {
    const [plz, place, lat, lon] = line.split('\t');
    if (!plz || !/^[0-9]{5}$/.test(plz) || !place) continue;
    const la = Number(lat);
    const lo = Number(lon);
    if (!Number.isFinite(la) || !Number.isFinite(lo)) continue;
    rows.push({ postal_code: plz, place, lat: la, lon: lo });
  }
  return rows;
}

/** Fills plz_centroids when it is empty (a fresh database); otherwise it only looks. Inside a transaction, in that transaction. */
export async function loadPlzCentroids(db: Db): Promise<number> {
  const present = await sql<{ any: boolean }>`select exists (select 1 from plz_centroids) as any`.execute(db);
  if (present.rows[0]?.any) return 0;
  const rows = parseCentroids(await readFile(PLZ_FILE, 'utf8'));
  // each batch is one statement with one JSON parameter: far quicker than thousands of bound values;
  // `on conflict do nothing` lets two processes fill a fresh database at the same time
  const insert = async (trx: Db) => {
    for (let i = 0; i < rows.length; i += BATCH) {
      await sql`
        insert into plz_centroids (postal_code, place, lat, lon)
        select postal_code, place, lat, lon
        from jsonb_to_recordset(${JSON.stringify(rows.slice(i, i + BATCH))}::jsonb) as x(postal_code text, place text, lat double precision, lon double precision)
        on conflict (postal_code) do nothing
      `.execute(trx);
    }
  };
  if (db.isTransaction) await insert(db);
  else await db.transaction().execute(insert);
  return rows.length;
}

/** Databases (by their handle) whose centroids are in place: asked once per process. */
const filled = new WeakMap<object, Promise<unknown>>();

/**
 * Whatever reads plz_centroids (a search, a place lookup, refreshSearch, a posting's PLZ check) calls
 * this first: the first call of a process fills the table if it is empty, so a database that never
 * searches never loads it. A transaction's rows count only once it commits, so only a handle outside
 * a transaction is remembered; a failed load is tried again by the next call.
 */
export async function ensurePlzCentroids(db: Db): Promise<void> {
  if (db.isTransaction) {
    await loadPlzCentroids(db);
    return;
  }
  let loading = filled.get(db);
  if (!loading) {
    loading = loadPlzCentroids(db);
    filled.set(db, loading);
    loading.catch(() => filled.delete(db));
  }
  await loading;
}
