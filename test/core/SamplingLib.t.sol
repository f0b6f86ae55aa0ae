// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Test} from "forge-std/Test.sol";
import {RollupLibHarness} from "../../contracts/mocks/RollupLibHarness.sol";

contract SamplingLibTest is Test {
  RollupLibHarness internal lib;

  function setUp() public {
    lib = new RollupLibHarness();
  }

  function test_fuzz_sample_distinctAndInRange(uint256 seed, uint256 setSize, uint256 k) public view {
    setSize = bound(setSize, 1, 1_000_000);
    k = bound(k, 0, setSize < 256 ? setSize : 256);
    uint256[] memory out = lib.sample(seed, setSize, k);
    assertEq(out.length, k);
    for (uint256 i = 0; i < k; ++i) {
      assertLt(out[i], setSize, "index in range");
      for (uint256 j = 0; j < i; ++j) assertTrue(out[i] != out[j], "indices distinct");
    }
  }

  function test_sample_wholeSetIsAPermutation() public view {
    uint256[] memory out = lib.sample(42, 64, 64);
    bool[64] memory seen;
    for (uint256 i = 0; i < 64; ++i) {
      assertFalse(seen[out[i]], "no repeats");
      seen[out[i]] = true;
    }
  }

  function test_sample_sameSeedSameCommitteeOtherSeedOther() public view {
    uint256[] memory a = lib.sample(1, 3000, 128);
    uint256[] memory b = lib.sample(1, 3000, 128);
    uint256[] memory c = lib.sample(2, 3000, 128);
    assertEq(keccak256(abi.encode(a)), keccak256(abi.encode(b)));
    assertTrue(keccak256(abi.encode(a)) != keccak256(abi.encode(c)));
  }

  /// @dev Uniformity: over 96 seeds derived from a fuzzed base, each of 48 indices is drawn 96*16/48 = 32 times
  ///      on average. Chi-square with 47 degrees of freedom must stay under 109 (p ≈ 1e-6 for a uniform sampler).
  /// forge-config: default.fuzz.runs = 16
  function test_fuzz_sample_uniformChiSquare(uint256 base) public view {
    uint256 rounds = 96;
    uint256[48] memory counts;
    for (uint256 r = 0; r < rounds; ++r) {
      uint256[] memory out = lib.sample(uint256(keccak256(abi.encode(base, r))), 48, 16);
      for (uint256 i = 0; i < out.length; ++i) counts[out[i]]++;
    }
    // chi2 * expected = sum (obs - exp)^2, with exp = 32.
    uint256 sumSquares;
    for (uint256 i = 0; i < 48; ++i) {
      uint256 d = counts[i] > 32 ? counts[i] - 32 : 32 - counts[i];
      sumSquares += d * d;
    }
    assertLt(sumSquares, 109 * 32, "chi-square under the p=1e-6 bound");
  }

  /// @dev The position of the first draw over many seeds is uniform too (no bias towards low indices).
  function test_sample_firstDrawUniform() public view {
    uint256[10] memory counts;
    for (uint256 r = 0; r < 500; ++r) counts[lib.sample(r, 10, 1)[0]]++;
    uint256 sumSquares;
    for (uint256 i = 0; i < 10; ++i) {
      uint256 d = counts[i] > 50 ? counts[i] - 50 : 50 - counts[i];
      sumSquares += d * d;
    }
    // chi-square with 9 degrees of freedom under 33.7 (p ≈ 1e-4).
    assertLt(sumSquares * 10, 337 * 50, "first draw chi-square");
  }
}
