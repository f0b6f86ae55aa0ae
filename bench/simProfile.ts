import { getCKzg } from "../src/blob/kzg.js";
import { validatorAccount } from "../src/system/validatorKeys.js";

/** Milliseconds spent per category while a profile is installed. */
export type SimBreakdown = { kzg: number; signing: number; evm: number; rpc: number };

/** RPC methods whose time is EVM execution (transactions, calls, gas estimates, mined blocks) rather than reads. */
const EVM_METHODS = new Set([
  "eth_sendRawTransaction",
  "eth_sendTransaction",
  "eth_call",
  "eth_estimateGas",
  "evm_mine",
  "evm_revert",
  "evm_snapshot",
]);

/**
 * Times a simulated run by category for `npm run bench:sim`: wraps the process's c-kzg functions and the
 * validators' `signTypedData` and `sign` (benchmark only: nothing in `src/` is changed), and classifies the run's RPC time
 * (`observeRpc`) into EVM execution and plain reads. KZG and signing inside an RPC call are not double counted:
 * they run in this process before the call is made.
 */
export function installSimProfile(validators: number) {
  const totals: SimBreakdown = { kzg: 0, signing: 0, evm: 0, rpc: 0 };
  const kzg = getCKzg() as unknown as Record<string, unknown>;
  for (const name of Object.keys(kzg)) {
    const fn = kzg[name];
    if (typeof fn !== "function" || name === "loadTrustedSetup") continue;
    kzg[name] = (...args: unknown[]) => {
      const started = performance.now();
      try {
        return (fn as (...a: unknown[]) => unknown)(...args);
      } finally {
        totals.kzg += performance.now() - started;
      }
    };
  }
  const timed =
    <A extends unknown[], R>(fn: (...a: A) => Promise<R>) =>
    async (...a: A): Promise<R> => {
      const started = performance.now();
      try {
        return await fn(...a);
      } finally {
        totals.signing += performance.now() - started;
      }
    };
  for (let i = 0; i < validators; i++) {
    const account = validatorAccount(i);
    account.signTypedData = timed(account.signTypedData.bind(account)) as typeof account.signTypedData;
    // Attesters sign one EIP-712 digest per header with `sign` (neither calls the other: nothing counted twice).
    account.sign = timed(account.sign!.bind(account));
  }
  return {
    totals,
    observeRpc(method: string, ms: number) {
      if (EVM_METHODS.has(method)) totals.evm += ms;
      else totals.rpc += ms;
    },
    reset() {
      Object.assign(totals, { kzg: 0, signing: 0, evm: 0, rpc: 0 });
    },
  };
}
