/**
 * Child process: write one benchmark file and print what was written as one
 * JSON line. Usage: `node generate.js cloudtrail|cloudtrail-watched|yandex PATH COUNT SEED`.
 */
import { type Dataset, writeDataset } from './write.js';

const [dataset, path, count, seed] = process.argv.slice(2);
if ((dataset !== 'cloudtrail' && dataset !== 'cloudtrail-watched' && dataset !== 'yandex') || !path || !count || !seed) {
  console.error('usage: generate.js cloudtrail|cloudtrail-watched|yandex PATH COUNT SEED');
  process.exit(64);
}
const written = await writeDataset(dataset as Dataset, path, Number(count), Number(seed));
console.log(JSON.stringify(written));
