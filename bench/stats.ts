/**
 * Small figures helpers for the benchmark: the median, and the peak RSS line of /proc.
 *
 * @module
 */

/** The median of `xs` (the mean of the middle two for an even count); NaN if empty. */
export function median(xs: readonly number[]): number {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const h = s.length >> 1;
  return s.length % 2 ? s[h] : (s[h - 1] + s[h]) / 2;
}

/** The `VmHWM` figure (peak resident set, KiB) of a /proc/PID/status text, or null. */
export function parseVmHwm(status: string): number | null {
  const m = /^VmHWM:\s+(\d+)\s+kB$/m.exec(status);
  return m ? Number(m[1]) : null;
}
