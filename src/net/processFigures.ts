import { readFileSync } from "node:fs";

/** Gossip message totals of one process (every topic), from its `/metrics`. */
export type GossipCounters = { received: number; published: number; dropped: number };

/** The gossip totals in a `/metrics` text (the sums over topics and reasons). */
export function gossipCounters(text: string): GossipCounters {
  const total = (prefix: string) =>
    text
      .split("\n")
      .filter((l) => l.startsWith(prefix))
      .reduce((n, l) => n + Number(l.split(" ").at(-1)), 0);
  return {
    received: total("sp_node_p2p_messages_received_total{"),
    published: total("sp_node_p2p_messages_published_total{"),
    dropped: total("sp_node_p2p_messages_dropped_total{"),
  };
}

/** The value of an unlabelled metric line `name value` in a `/metrics` text (NaN when absent). */
export function gauge(text: string, name: string): number {
  const line = text.split("\n").find((l) => l.startsWith(`${name} `));
  return line === undefined ? NaN : Number(line.slice(name.length + 1));
}

/** User + system CPU seconds of a Linux process (`/proc/<pid>/stat`, clock ticks of 1/100 s). */
export function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** Resident and peak resident memory of a Linux process, in MB (`/proc/<pid>/status`). */
export function memory(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+)`, "m").exec(status)?.[1] ?? NaN);
  return { rss: round1(kb("VmRSS") / 1024), peak: round1(kb("VmHWM") / 1024) };
}

/** The nearest-rank quantile of ascending `sorted` (NaN for none). */
export function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
}

export const round1 = (x: number) => Math.round(x * 10) / 10;
