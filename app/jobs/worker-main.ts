/** `npm run worker`: the background worker as its own process (run the app with BACKORDER_WORKER=off). */
import { startAppWorker } from "./app-worker.server";

const worker = startAppWorker();
console.info("[worker] running; Ctrl-C to stop");
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    void worker.stop().then(() => process.exit(0));
  });
}
