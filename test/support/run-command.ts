import { spawn } from "node:child_process";

/** Runs a command to its end without blocking the event loop (global setups run theirs side by side); fails when it does. */
export function runCommand(command: string, args: readonly string[], options: { env?: NodeJS.ProcessEnv; showOutput?: boolean } = {}): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env: options.env ?? process.env, stdio: options.showOutput ? "inherit" : "ignore" });
    child.once("error", reject);
    child.once("exit", (code) => (code === 0 ? resolve() : reject(new Error(`${command} ${args.join(" ")} exited with ${code}`))));
  });
}
