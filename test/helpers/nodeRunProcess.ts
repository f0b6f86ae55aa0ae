export { type LogLine, type NodeRunProcess, startNodeRun, until } from "../../src/net/nodeProcess.js";
