import { readFile } from 'node:fs/promises';
import { sql } from 'kysely';
import type { Db } from '../../core/db/database.ts';

/**
 * The centroid of every German PLZ (assets/jobmaster/plz-centroids.tsv, built by
 * scripts/build-plz-centroids.mjs from OpenStreetMap and GeoNames data; see README "PLZ data").
 */
export const PLZ_FILE = new URL('../../../assets/jobmaster/plz-centroids.tsv', import.meta.url);
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

/** Fills plz_centroids when it is empty (first start); a later start only counts. */
export async function loadPlzCentroids(db: Db): Promise<number> {
  const present = await sql<{ any: boolean }>`select exists (select 1 from plz_centroids) as any`.execute(db);
  if (present.rows[0]?.any) return 0;
  const rows = parseCentroids(await readFile(PLZ_FILE, 'utf8'));
  // each batch is one statement with one JSON parameter: far quicker than thousands of bound values
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < rows.length; i += BATCH) {
      await sql`
        insert into plz_centroids (postal_code, place, lat, lon)
        select postal_code, place, lat, lon
        from jsonb_to_recordset(${JSON.stringify(rows.slice(i, i + BATCH))}::jsonb) as x(postal_code text, place text, lat double precision, lon double precision)
        on conflict (postal_code) do nothing
      `.execute(trx);
    }
  });
  return rows.length;
}
