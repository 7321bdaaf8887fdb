/** Shared by the store tests. */

/**
 * Waits (at most 30 s) until the process uses under 5 % of a core over half a second: replacement replicas loaded. On
 * a loaded machine (the queued suite at load average 16-21, three worker threads per store) a replacement took longer
 * than the 10 s this waited before, and the idle-CPU check after it measured the loading (65-78 ms).
 */
export async function settled(): Promise<void> {
  for (let i = 0; i < 60; i++) {
    const cpu = process.cpuUsage();
    await new Promise((resolve) => setTimeout(resolve, 500));
    const used = process.cpuUsage(cpu);
    if (used.user + used.system < 25_000) return;
  }
}
