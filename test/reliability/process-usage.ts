/** What a process holds, read from /proc (Linux): open files on a database and resident memory. */
import fs from "node:fs";

/** Open file descriptors pointing at the SQLite file or its -wal/-shm companions. */
export function openDatabaseFiles(pid: number, dbFile: string): number {
  const fdDir = `/proc/${pid}/fd`;
  let count = 0;
  for (const fd of fs.readdirSync(fdDir)) {
    try {
      if (fs.readlinkSync(`${fdDir}/${fd}`).startsWith(dbFile)) count++;
    } catch {
      // closed between the listing and the read
    }
  }
  return count;
}

export function residentMegabytes(pid: number): number {
  const line = fs.readFileSync(`/proc/${pid}/status`, "utf8").split("\n").find((l) => l.startsWith("VmRSS:"));
  return Math.round(Number(line?.match(/\d+/)?.[0] ?? Number.NaN) / 1024);
}
