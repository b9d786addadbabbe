// The README's JavaScript examples type-check against the typings wasm-bindgen generates from
// the engine (target/engine/pkg/corpus_viewer.d.ts, built by ./build.sh): a method, an option or
// a parameter that the README shows and the typings lack, or declare otherwise, fails here.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../..", import.meta.url));
const target = process.env.CARGO_TARGET_DIR ?? join(root, "target");
const typings = join(target, "engine/pkg/corpus_viewer.d.ts");
if (!existsSync(typings)) throw new Error(`${typings} is missing: run ./build.sh first`);
const tsc = join(root, "node_modules/.bin/tsc");

/** The ```js blocks of the README. */
function readmeExamples() {
  const readme = readFileSync(join(root, "README.md"), "utf8");
  return [...readme.matchAll(/```js\n([\s\S]*?)```/g)].map((m) => m[1]);
}

/**
 * Type-checks `code` with the typings in scope; returns tsc's complaints (empty when none).
 * Null checks are off unless asked for: the README's examples leave out null tests.
 */
function typeCheck(code, { nullChecks = false } = {}) {
  const dir = mkdtempSync(join(tmpdir(), "corpus-viewer-typings-"));
  try {
    copyFileSync(typings, join(dir, "corpus_viewer.d.ts"));
    const prelude = [
      'import type { Corpus } from "./corpus_viewer";',
      "// The element's engine, once it fired ready.",
      'declare global { interface HTMLElementTagNameMap { "corpus-viewer": HTMLElement & { readonly corpus: Corpus } } }',
      "export {};",
    ].join("\n");
    writeFileSync(join(dir, "example.ts"), `${prelude}\n${code}`);
    const args = ["--noEmit", "--strict", "--strictNullChecks", String(nullChecks), "--target", "es2022", "--module", "esnext",
      "--moduleResolution", "bundler", "--lib", "esnext,dom", "--skipLibCheck", "false", join(dir, "example.ts")];
    try {
      execFileSync(tsc, args, { encoding: "utf8", stdio: "pipe" });
      return "";
    } catch (error) {
      return `${error.stdout}${error.stderr}`;
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test("the README shows the JavaScript API", () => {
  const examples = readmeExamples();
  assert.ok(examples.some((code) => code.includes("corpus.search(")), "an example of search");
});

test("every JavaScript example of the README type-checks against the generated typings", () => {
  for (const code of readmeExamples()) assert.equal(typeCheck(code), "", code);
});

test("the answers' types are generated from the engine's types, null where JavaScript gets null", () => {
  const declared = readFileSync(typings, "utf8");
  for (const name of ["DocumentMeta", "DocumentInfo", "DocumentView", "SearchResult", "SearchHit", "Highlighted", "Explanation", "Contribution",
    "Concordance", "ConcordanceLine", "Occurrences", "Overview", "SourceCount", "TermCount"]) {
    assert.equal(declared.split(`export interface ${name} `).length, 2, `${name} declared once`);
  }
  const viewer = 'const corpus = document.querySelector("corpus-viewer").corpus;\n';
  const checks = [
    "const date: string | null = corpus.documents()[0].date;",
    "const url: string | null = corpus.document(\"id\").url;",
    "const kind: \"exact\" | \"stem\" | \"prefix\" | \"fuzzy\" = corpus.search(\"x\", { explain: true }).hits[0].explanation.contributions[0].kind;",
    "const [start, end]: [number, number] = corpus.concordance(\"x\").lines[0].range;",
    "const top: number = corpus.overview().topTerms[0].count;",
  ];
  assert.equal(typeCheck(`${viewer}${checks.join("\n")}`), "");
  const strict = { nullChecks: true };
  const element = 'const corpus = document.querySelector("corpus-viewer")!.corpus;\n';
  assert.equal(typeCheck(`${element}const date: string | null = corpus.documents()[0].date;\n`, strict), "");
  assert.match(typeCheck(`${element}const date: string = corpus.documents()[0].date;\n`, strict), /null/);
});

test("the check fails for a call the typings do not allow", () => {
  const viewer = 'const corpus = document.querySelector("corpus-viewer").corpus;\n';
  assert.match(typeCheck(`${viewer}corpus.search("x", { limt: 3 });`), /limt/);
  assert.match(typeCheck(`${viewer}corpus.serch("x");`), /serch/);
  assert.match(typeCheck(`${viewer}const n: string = corpus.search("x").total;`), /not assignable/);
  assert.equal(typeCheck(`${viewer}corpus.documents(); corpus.document("id"); corpus.concordance("x");`), "");
});
