/** Lists and reads the entries of a ZIP file (no external `unzip` needed). */
import { readFileSync } from 'node:fs';
import { inflateRawSync } from 'node:zlib';

/** One entry: its name, uncompressed size and a reader. */
export interface ZipEntry {
  readonly name: string;
  readonly size: number;
  read(): Buffer;
}

/** The entries of the ZIP at `path`, from its central directory. */
export function readZip(path: string): ZipEntry[] {
  const zip = readFileSync(path);
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const entries: ZipEntry[] = [];
  for (let i = 0; i < count; i++) {
    const method = zip.readUInt16LE(at + 10);
    const compressed = zip.readUInt32LE(at + 20);
    const size = zip.readUInt32LE(at + 24);
    const nameLength = zip.readUInt16LE(at + 28);
    const extra = zip.readUInt16LE(at + 30);
    const comment = zip.readUInt16LE(at + 32);
    const local = zip.readUInt32LE(at + 42);
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
    const dataStart = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const raw = zip.subarray(dataStart, dataStart + compressed);
    entries.push({ name, size, read: () => (method === 8 ? inflateRawSync(raw) : Buffer.from(raw)) });
    at += 46 + nameLength + extra + comment;
  }
  return entries;
}
