// Numbers written without Intl read as Intl.NumberFormat("en") writes them.

import { test } from "node:test";
import assert from "node:assert/strict";
import { decimalFormat, formatNumber, numberFormat } from "../../www/viewer/numbers.js";

const english = new Intl.NumberFormat("en");
const twoDecimals = new Intl.NumberFormat("en", { maximumFractionDigits: 2 });

test("counts are grouped by thousands as Intl groups them", () => {
  for (const value of [0, 1, 12, 999, 1000, 1001, 12345, 180490, 1234567, 987654321, 2 ** 31, 2 ** 53, 1e20, -1, -1000, -1234567]) {
    assert.equal(numberFormat.format(value), english.format(value), String(value));
  }
});

test("decimals round and drop their trailing zeros as Intl does", () => {
  const values = [0.5, 0.125, 0.375, 1.005, 2.675, 1.1, 10.1, 99.999, 999.995, 1234.5678, -0.001, -0.125, -2.5, -1234.567, 0.001, 1e-7, 5e-324, 0.1 + 0.2];
  for (const value of values) {
    assert.equal(decimalFormat.format(value), twoDecimals.format(value), `${value} to 2`);
    assert.equal(numberFormat.format(value), english.format(value), `${value} to 3`);
  }
});

test("random values, large and small, read the same", () => {
  let seed = 7;
  const random = () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  for (let i = 0; i < 20000; i += 1) {
    const value = (random() - 0.3) * 10 ** Math.floor(random() * 22 - 4);
    assert.equal(decimalFormat.format(value), twoDecimals.format(value), `${value} to 2`);
    assert.equal(numberFormat.format(value), english.format(value), `${value} to 3`);
  }
});

test("what toFixed cannot write goes to Intl", () => {
  for (const value of [Infinity, -Infinity, NaN, 1e21, -3.5e25, 1.2345e300]) {
    assert.equal(formatNumber(value, 2), twoDecimals.format(value), String(value));
  }
});
