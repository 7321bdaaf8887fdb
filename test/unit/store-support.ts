/** Shared by the store tests. */

/** Waits (at most 10 s) until the process uses under 5 % of a core over half a second: replacement replicas loaded. */
export async function settled(): Promise<void> {
  for (let i = 0; i < 20; i++) {
    const cpu = process.cpuUsage();
    await new Promise((resolve) => setTimeout(resolve, 500));
    const used = process.cpuUsage(cpu);
    if (used.user + used.system < 25_000) return;
  }
}
