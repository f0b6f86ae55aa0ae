import { describe, it } from "mocha";
import { expect } from "chai";
import { readFile } from "node:fs/promises";
import { NodeMetrics } from "../../src/node/run/metrics.js";

describe("docs/grafana-node.json against node:run's metrics", () => {
  it("charts only metrics the node exports, and every metric the node exports", async () => {
    const dashboard = JSON.parse(await readFile("docs/grafana-node.json", "utf8")) as {
      panels: { title: string; targets?: { expr: string }[] }[];
    };
    const charted = new Set<string>();
    for (const panel of dashboard.panels)
      for (const { expr } of panel.targets ?? [])
        for (const name of expr.match(/sp_node_[a-z0-9_]+/g) ?? [])
          charted.add(name.replace(/_(bucket|count|sum)$/, ""));
    const exported = (await new NodeMetrics().registry.getMetricsAsJSON()).map((m) => m.name);
    for (const name of charted) expect(exported, `${name} is charted`).to.include(name);
    for (const name of exported) expect([...charted], `${name} has a panel`).to.include(name);
  });
});
