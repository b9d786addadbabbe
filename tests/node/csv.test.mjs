// The concordance's CSV export, as pure logic in Node: every field quoted, and text that a
// spreadsheet would run as a formula neutralised.
import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { concordanceCsv } from "../../www/viewer/concordance.js";

/** The fields of the one data row of `concordanceCsv([line])`. */
function row(line) {
  const text = concordanceCsv([{ id: "d", title: "t", source: "s", position: 0, left: "", match: "m", right: "", range: [0, 1], ...line }]);
  const rows = text.trimEnd().split("\r\n");
  assert.equal(rows.length, 2, text);
  return rows[1].slice(1, -1).split('","');
}

describe("concordance CSV", () => {
  it("neutralises cells that a spreadsheet would read as formulas", () => {
    for (const start of ["=", "+", "-", "@", "\t"]) {
      const fields = row({ title: `${start}HYPERLINK("x")`, source: `${start}1`, id: `${start}id` });
      assert.equal(fields[1], `'${start}HYPERLINK(""x"")`);
      assert.equal(fields[2], `'${start}1`);
      assert.equal(fields[0], `'${start}id`);
    }
    assert.equal(row({ left: "\rleft" })[4], "'\rleft");
  });

  it("leaves ordinary text and numbers as they are", () => {
    const fields = row({ title: "Gaza – a report", left: " the ", position: 12, range: [3, 9] });
    assert.deepEqual(fields, ["d", "Gaza – a report", "s", "12", " the ", "m", "", "3", "9"]);
    assert.equal(row({ title: "a=b" })[1], "a=b", "only a leading sign counts");
  });
});
