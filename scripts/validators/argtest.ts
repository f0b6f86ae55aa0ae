import { mergeGasFigures } from "../../src/bench/gasReport.js";
import { network } from "hardhat";
console.log("ARGV", JSON.stringify(process.argv.slice(2)), typeof mergeGasFigures);
const c = await network.create();
console.log(await c.viem.getPublicClient().then((p) => p.getChainId()));
