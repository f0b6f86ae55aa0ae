import {
  type Abi,
  type Address,
  type Hex,
  decodeEventLog,
  decodeFunctionData,
  getAddress,
  encodeAbiParameters,
  isAddressEqual,
  keccak256,
  toHex,
} from "viem";
import type { NetworkConnection } from "hardhat/types/network";
import { type LoadedGovernance, loadGovernance } from "./loadGovernance.js";
import { CommandError } from "../cli/CommandError.js";
import { oneLineMessage as oneLine } from "../cli/runCommandLine.js";
import { decodeRevert } from "../cli/decodeRevert.js";
import { TransactionRevertedError } from "../errors/BaseError.js";
import { rollupAbi } from "../chain/abi.js";
import { readSystemState, type StateReading } from "./systemState.js";

/** A value a client can read, before and after an action. */
export type StateChange = { label: string; before: string; after: string };

/** What one action of a payload did on the snapshot. */
export type SimulatedAction = {
  index: number;
  target: Address;
  targetName: string;
  value: bigint;
  data: Hex;
  call: string;
  gasUsed?: bigint;
  revert?: string;
  changes: StateChange[];
  events: string[];
};

/** The simulation of a whole payload. */
export type SimulationResult = {
  payload: Address;
  timelock: Address;
  blockNumber: bigint;
  actions: SimulatedAction[];
  totalGas: bigint;
  reverted: boolean;
  /** The hard-fork state (canonical rollup, follower set, signalling rights) before the actions. */
  before: StateReading[];
  /** The same after all actions ran (undefined when an action reverted). */
  after?: StateReading[];
  /** Why the payload would fail: `action N (Target.call) reverts Error(args)` or a post-action check's revert. */
  failure?: string;
};

/**
 * Storage slot of the OpenZeppelin Governor's `_governanceCall` queue in `Governance`: EIP712's two string
 * fallbacks (0, 1), Nonces (2), Governor `_name` (3), `_proposals` (4), then `_governanceCall` {begin,end} (5)
 * and its `_data` mapping (6). Inside `Governor.execute` the Governor pushes the hash of each call that targets
 * itself there, and `onlyGovernance` pops it; the simulation pushes them the same way so such actions
 * (parameter changes) run as they would on execution. A test runs a parameter-change payload to keep this honest.
 */
const GOVERNOR_CALL_QUEUE_SLOT = 5n;
const GOVERNOR_CALL_DATA_SLOT = 6n;

/**
 * Runs `payload`'s actions as the Governance timelock would, one by one, on a snapshot of the current chain
 * (in-process network, a fork of the target chain, or `npx hardhat node`), records each action's gas, the changes
 * of the values clients read (Registry canonical rollup, Governance and escrow parameters) and the events, then
 * reverts to the snapshot. Nothing persists.
 */
export async function simulatePayload(
  connection: NetworkConnection,
  { governance: governanceAddress, payload }: { governance: Address; payload: Address },
): Promise<SimulationResult> {
  const { viem, networkHelpers } = connection;
  const loaded = await loadGovernance(connection, governanceAddress);
  const publicClient = loaded.publicClient;
  const payloadContract = await viem.getContractAt("IPayload", payload);
  let actions: readonly { target: Address; value: bigint; data: Hex }[];
  try {
    actions = await payloadContract.read.getActions();
  } catch {
    throw new CommandError("The payload has no getActions().", "an IPayload contract", payload);
  }

  const timelock = loaded.timelock.address;
  const names = contractNames(loaded);
  const abi = [
    ...loaded.governance.abi,
    ...loaded.proposer.abi,
    ...loaded.registry.abi,
    ...loaded.escrow.abi,
    ...loaded.timelock.abi,
    ...rollupAbi,
  ] as Abi;
  const describe = (error: unknown) => describeRevert(abi, error);
  const views = await readableViews(loaded);
  const blockNumber = await publicClient.getBlockNumber();

  const before = await readSystemState(loaded, describe);
  const snapshot = await networkHelpers.takeSnapshot();
  try {
    await networkHelpers.impersonateAccount(timelock);
    await networkHelpers.setBalance(timelock, 10n ** 20n);
    await queueSelfCalls(connection, loaded.governance.address, actions);
    const wallet = await viem.getWalletClient(timelock);

    const results: SimulatedAction[] = [];
    for (const [index, action] of actions.entries()) {
      const result: SimulatedAction = {
        index,
        target: action.target,
        targetName: names.get(action.target.toLowerCase()) ?? "contract",
        value: action.value,
        data: action.data,
        call: describeCall(abi, action.data),
        changes: [],
        events: [],
      };
      results.push(result);
      const before = await readAll(views);
      try {
        const hash = await wallet.sendTransaction({ to: action.target, value: action.value, data: action.data });
        const receipt = await publicClient.waitForTransactionReceipt({ hash });
        if (receipt.status !== "success") throw new TransactionRevertedError(`action ${index}`, hash);
        result.gasUsed = receipt.gasUsed;
        result.events = receipt.logs.map((log) => describeEvent(abi, names, log));
      } catch (error) {
        result.revert = describe(error);
        break; // the timelock executes a batch atomically: nothing after a revert would run
      }
      const after = await readAll(views);
      result.changes = views
        .map((view, i) => ({ label: view.label, before: before[i], after: after[i] }))
        .filter((change) => change.before !== change.after);
    }
    const reverted = results.find((a) => a.revert !== undefined);
    const after = reverted === undefined ? await readSystemState(loaded, describe) : undefined;
    const failedCheck = after?.find((reading) => reading.required && reading.revert !== undefined);
    const failure =
      reverted !== undefined
        ? `action ${reverted.index + 1} (${reverted.targetName}.${reverted.call}) reverts ${reverted.revert}`
        : failedCheck !== undefined
          ? `check after the actions (${failedCheck.label}) reverts ${failedCheck.revert}`
          : undefined;
    return {
      payload: getAddress(payload),
      timelock,
      blockNumber,
      actions: results,
      totalGas: results.reduce((sum, a) => sum + (a.gasUsed ?? 0n), 0n),
      reverted: failure !== undefined,
      before,
      after,
      failure,
    };
  } finally {
    await snapshot.restore();
  }
}

type View = { label: string; read: () => Promise<unknown> };

function contractNames(loaded: LoadedGovernance): Map<string, string> {
  return new Map([
    [loaded.registry.address.toLowerCase(), "Registry"],
    [loaded.governance.address.toLowerCase(), "Governance"],
    [loaded.proposer.address.toLowerCase(), "GovernanceProposer"],
    [loaded.escrow.address.toLowerCase(), "StakingEscrow"],
    [loaded.timelock.address.toLowerCase(), "Timelock"],
  ]);
}

/** The views to diff, keeping only those the deployed contracts answer. */
async function readableViews(loaded: LoadedGovernance): Promise<View[]> {
  const { registry, governance, proposer, escrow } = loaded;
  const candidates: View[] = [
    { label: "Registry.getCanonicalRollup", read: () => registry.read.getCanonicalRollup() },
    { label: "Registry.numberOfVersions", read: () => registry.read.numberOfVersions() },
    { label: "Governance.votingDelay", read: () => governance.read.votingDelay() },
    { label: "Governance.votingPeriod", read: () => governance.read.votingPeriod() },
    { label: "Governance.quorumNumerator", read: () => governance.read.quorumNumerator() },
    { label: "Governance.proposalThreshold", read: () => governance.read.proposalThreshold() },
    { label: "Governance.guardian", read: () => governance.read.guardian() },
    { label: "Governance.governanceProposer", read: () => governance.read.governanceProposer() },
    { label: "Governance.timelock", read: () => governance.read.timelock() },
    { label: "GovernanceProposer.getCurrentRound", read: () => proposer.read.getCurrentRound() },
    { label: "StakingEscrow.minimumStake", read: () => escrow.read.minimumStake() },
    { label: "StakingEscrow.ejectionThreshold", read: () => escrow.read.ejectionThreshold() },
    { label: "StakingEscrow.exitDelay", read: () => escrow.read.exitDelay() },
    { label: "StakingEscrow.totalStaked", read: () => escrow.read.totalStaked() },
  ];
  const ok = await Promise.all(
    candidates.map((view) =>
      view.read().then(
        () => true,
        () => false,
      ),
    ),
  );
  return candidates.filter((_, i) => ok[i]);
}

async function readAll(views: View[]): Promise<string[]> {
  return Promise.all(views.map((view) => view.read().then(String, (error) => `reverts (${oneLine(error)})`)));
}

async function queueSelfCalls(
  connection: NetworkConnection,
  governance: Address,
  actions: readonly { target: Address; data: Hex }[],
): Promise<void> {
  const selfCalls = actions.filter((action) => isAddressEqual(action.target, governance));
  if (selfCalls.length === 0) return;
  const publicClient = await connection.viem.getPublicClient();
  const current = await publicClient.getStorageAt({
    address: governance,
    slot: toHex(GOVERNOR_CALL_QUEUE_SLOT, { size: 32 }),
  });
  if (current !== undefined && BigInt(current) !== 0n) {
    throw new CommandError("The Governor's call queue is not empty.", "an idle Governor", current);
  }
  for (const [i, action] of selfCalls.entries()) {
    const slot = keccak256(
      encodeAbiParameters([{ type: "uint128" }, { type: "uint256" }], [BigInt(i), GOVERNOR_CALL_DATA_SLOT]),
    );
    await connection.networkHelpers.setStorageAt(governance, slot, keccak256(action.data));
  }
  // begin = 0 (low 128 bits), end = number of queued calls (high 128 bits)
  await connection.networkHelpers.setStorageAt(governance, GOVERNOR_CALL_QUEUE_SLOT, BigInt(selfCalls.length) << 128n);
}

function describeCall(abi: Abi, data: Hex): string {
  try {
    const { functionName, args } = decodeFunctionData({ abi, data });
    return `${functionName}(${(args ?? []).map(String).join(", ")})`;
  } catch {
    return `call ${data.slice(0, 10)}`;
  }
}

function describeEvent(
  abi: Abi,
  names: Map<string, string>,
  log: { address: Address; data: Hex; topics: readonly Hex[] },
) {
  const emitter = names.get(log.address.toLowerCase()) ?? log.address;
  try {
    const { eventName, args } = decodeEventLog({ abi, data: log.data, topics: log.topics as [Hex, ...Hex[]] });
    const fields = Object.entries(args ?? {}).map(([k, v]) => `${k}=${String(v)}`);
    return `${emitter}.${eventName}(${fields.join(", ")})`;
  } catch {
    return `${emitter} log ${log.topics[0] ?? ""}`;
  }
}

/** The custom error an action reverted with, decoded with the system's ABIs when the node returns its data. */
function describeRevert(abi: Abi, error: unknown): string {
  const decoded = decodeRevert(error, abi);
  if (decoded !== undefined) return decoded;
  const named = (error as { details?: string }).details?.match(
    /reverted with (?:custom error|reason string) '([^']+)'/,
  );
  return named?.[1] ?? oneLine(error);
}
