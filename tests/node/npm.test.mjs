// The npm package (target/corpus-viewer-VERSION.tgz, packed by ./build.sh), installed from the
// tarball into an empty folder and run with a PATH that holds Node and nothing else (no cargo,
// no rustc): it must make the same viewer as the native command, file for file and byte for
// byte, read folders by the same rules, and keep the output folder's rules.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import {
  closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, readdirSync, readlinkSync,
  realpathSync, rmSync, statSync, symlinkSync, truncateSync, writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = fileURLToPath(new URL("../..", import.meta.url));
const target = process.env.CARGO_TARGET_DIR ?? join(root, "target");
const { version } = JSON.parse(readFileSync(join(root, "src/npm/package.json"), "utf8"));
const tarball = join(target, `corpus-viewer-${version}.tgz`);
const command = join(target, "release/corpus-viewer");
if (!existsSync(tarball) || !existsSync(command)) throw new Error("the npm package or the command is missing: run ./build.sh first");

const work = mkdtempSync(join(tmpdir(), "corpus-viewer-npm-"));
process.on("exit", () => rmSync(work, { recursive: true, force: true }));

// A PATH with Node alone.
const bin = join(work, "bin");
mkdirSync(bin);
symlinkSync(process.execPath, join(bin, "node"));
const env = { PATH: bin, HOME: work, npm_config_cache: join(work, "npm-cache"), npm_config_update_notifier: "false" };
const npmCli = realpathSync(execFileSync("sh", ["-c", "command -v npm"], { encoding: "utf8" }).trim());

const project = join(work, "project");
mkdirSync(project);
execFileSync(process.execPath, [npmCli, "install", "--offline", "--no-audit", "--no-fund", "--loglevel=error", tarball], { cwd: project, env, stdio: "pipe" });
const cli = join(project, "node_modules/.bin/corpus-viewer");

/** Runs the package's command with Node alone on the PATH. */
function viaNpm(args) {
  return spawnSync(cli, args, { cwd: project, env, encoding: "utf8" });
}

/** Runs the native command. */
function natively(args) {
  return spawnSync(command, args, { cwd: project, encoding: "utf8" });
}

/** Every file below `dir`, relative path → bytes. */
function files(dir, prefix = "") {
  const out = new Map();
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) for (const [p, b] of files(path, `${prefix}${entry.name}/`)) out.set(p, b);
    else if (entry.isSymbolicLink()) out.set(prefix + entry.name, Buffer.from(`a link to ${readlinkSync(path)}`));
    else if (entry.isFile()) out.set(prefix + entry.name, readFileSync(path));
  }
  return out;
}

let made = 0;
const fresh = (name) => join(work, `${name}-${(made += 1)}`);

test("the package runs where neither cargo nor rustc can be found", () => {
  for (const tool of ["cargo", "rustc"]) {
    const found = spawnSync("sh", ["-c", `command -v ${tool}`], { env: { PATH: env.PATH } });
    assert.notEqual(found.status, 0, `${tool} is on the test's PATH`);
  }
  const help = viaNpm(["--help"]);
  assert.equal(help.status, 0, help.stderr);
  assert.match(help.stdout, /corpus-viewer build DIR/);
});

test("the package's version is the crate's", () => {
  const crate = /^version = "(.*)"$/m.exec(readFileSync(join(root, "Cargo.toml"), "utf8"))[1];
  assert.equal(version, crate);
});

for (const corpus of ["seeds", "tests/fixtures/mixed", "tests/fixtures/rtl"]) {
  test(`the package makes the command's viewer of ${corpus}, every file byte for byte`, () => {
    const dir = join(root, corpus);
    const [fromNpm, fromCommand] = [fresh("npm"), fresh("native")];
    const a = viaNpm(["build", dir, "--out", fromNpm, "--title", "A title"]);
    assert.equal(a.status, 0, a.stderr);
    const b = natively(["build", dir, "--out", fromCommand, "--title", "A title", "--work", work]);
    assert.equal(b.status, 0, b.stderr);
    const [x, y] = [files(fromNpm), files(fromCommand)];
    assert.deepEqual([...x.keys()].sort(), [...y.keys()].sort());
    assert.ok(x.has(`${corpus.split("/").pop()}.index`));
    for (const [path, bytes] of x) assert.equal(Buffer.compare(bytes, y.get(path)), 0, `${path} differs`);
    const counts = (said) => /found (\d+), indexed (\d+), skipped (\d+)/.exec(said).slice(1);
    assert.deepEqual(counts(a.stdout), counts(b.stdout));
  });
}

test("the package makes the command's chunked viewer, every file byte for byte", () => {
  const dir = join(root, "tests/fixtures/mixed");
  const [fromNpm, fromCommand] = [fresh("npm-chunked"), fresh("native-chunked")];
  const a = viaNpm(["build", dir, "--out", fromNpm, "--chunked"]);
  assert.equal(a.status, 0, a.stderr);
  const b = natively(["build", dir, "--out", fromCommand, "--chunked", "--work", work]);
  assert.equal(b.status, 0, b.stderr);
  const [x, y] = [files(fromNpm), files(fromCommand)];
  assert.deepEqual([...x.keys()].sort(), [...y.keys()].sort());
  const chunks = [...x.keys()].filter((path) => /^corpus\/[0-9a-f]{16}\.js$/.test(path));
  assert.ok(chunks.length >= 4, `chunks: ${chunks}`);
  assert.ok(!x.has("mixed.index"), "a chunked viewer has no single index");
  for (const [path, bytes] of x) assert.equal(Buffer.compare(bytes, y.get(path)), 0, `${path} differs`);
  const said = (out) => /a chunked viewer: a manifest of \d+ bytes and \d+ chunks in corpus\//.exec(out)?.[0];
  assert.equal(said(a.stdout), said(b.stdout));
  assert.ok(said(a.stdout), a.stdout);

  const both = viaNpm(["build", dir, "--out", fresh("both"), "--chunked", "--single-file"]);
  assert.equal(both.status, 2);
  assert.match(both.stderr, /--chunked and --single-file exclude each other/);
});

test("a rebuild writes only the files whose bytes changed, as the command's does", () => {
  const corpus = join(root, "tests/fixtures/mixed");
  const rebuild = (run, out, extra) => {
    const first = run(["build", corpus, "--out", out, "--chunked", ...extra]);
    assert.equal(first.status, 0, first.stderr);
    // A file written again is a new file: a new inode.
    const inodes = (dir) => new Map([...files(dir).keys()].map((path) => [path, statSync(join(dir, path)).ino]));
    const before = inodes(out);
    // Each file held open while the build runs, so that the inode of one it replaces is not
    // free for the new file to take.
    const held = [...before.keys()].map((path) => openSync(join(out, path), "r"));
    const again = run(["build", corpus, "--out", out, "--chunked", "--title", "Another title", ...extra]);
    const after = inodes(out);
    for (const fd of held) closeSync(fd);
    assert.equal(again.status, 0, again.stderr);
    const kept = [...before].filter(([path, inode]) => after.get(path) === inode).map(([path]) => path);
    const left = /wrote (\d+) files into .*, and left (\d+) unchanged since the last build/.exec(again.stdout);
    assert.ok(left, again.stdout);
    return { kept: kept.sort(), written: Number(left[1]), left: Number(left[2]) };
  };
  const npm = rebuild(viaNpm, fresh("again-npm"), []);
  // The title is in the page, the scripts and the manifest; the engine and the other chunks stay.
  assert.ok(npm.kept.includes("pkg/corpus_viewer_bg.wasm"), npm.kept.join(" "));
  // Every chunk but the manifest, which names the title.
  assert.ok(npm.kept.filter((path) => path.startsWith("corpus/")).length >= 3, npm.kept.join(" "));
  assert.ok(!npm.kept.includes("index.html"));
  assert.equal(npm.left, npm.kept.length);
  assert.deepEqual(npm, rebuild(natively, fresh("again-native"), ["--work", work]));
});

test("the package reads a folder by the command's rules: links, hidden, special and oversized files", () => {
  const corpus = fresh("rules");
  const outside = fresh("outside");
  mkdirSync(join(corpus, "sub"), { recursive: true });
  mkdirSync(join(corpus, ".hidden"));
  mkdirSync(outside);
  writeFileSync(join(corpus, "a.txt"), "A document about rivers.");
  writeFileSync(join(corpus, "sub/b.md"), "# Bees\n\nA note on bees.");
  writeFileSync(join(corpus, ".secret.txt"), "hidden");
  writeFileSync(join(corpus, ".hidden/c.txt"), "hidden too");
  writeFileSync(join(outside, "far.txt"), "Out of the folder.");
  writeFileSync(join(corpus, "notes.csv"), "not a document");
  writeFileSync(join(corpus, "empty.txt"), "   ");
  writeFileSync(join(corpus, Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x2e, 0x74, 0x78, 0x74]).toString("latin1")), "named in UTF-8");
  writeFileSync(Buffer.from(`${corpus}/caf\xe8.txt`, "latin1"), "A name that is not UTF-8.");
  writeFileSync(join(corpus, "big.txt"), "");
  truncateSync(join(corpus, "big.txt"), 16 * 1024 * 1024 + 1);
  symlinkSync(join(outside, "far.txt"), join(corpus, "far.txt"));
  symlinkSync(join(corpus, "a.txt"), join(corpus, "same.txt"));
  symlinkSync(outside, join(corpus, "folder-link"));
  symlinkSync(join(corpus, "gone.txt"), join(corpus, "dangling.txt"));
  execFileSync("mkfifo", [join(corpus, "pipe.txt")]);

  const index = (run, out) => {
    const said = run(["index", corpus, out]);
    assert.equal(said.status, 0, said.stderr);
    const skipped = said.stderr.split("\n").filter((l) => l.startsWith("skipped ")).map((l) => l.split(":")[0]).sort();
    const warned = said.stderr.split("\n").filter((l) => l.startsWith("warning: ")).sort();
    return { bytes: readFileSync(out), skipped, warned, counts: /found (\d+), indexed (\d+), skipped (\d+)/.exec(said.stdout).slice(1) };
  };
  const a = index(viaNpm, join(work, "rules-npm.index"));
  const b = index(natively, join(work, "rules-native.index"));
  assert.deepEqual(a.skipped, [
    "skipped .hidden", "skipped .secret.txt", "skipped big.txt", "skipped dangling.txt", "skipped empty.txt",
    "skipped far.txt", "skipped folder-link", "skipped pipe.txt",
  ]);
  assert.deepEqual(a.skipped, b.skipped);
  assert.deepEqual(a.warned, b.warned);
  assert.ok(a.warned.some((w) => w.includes("cafè.txt: the name is not UTF-8")), a.warned.join("\n"));
  assert.deepEqual(a.counts, b.counts);
  assert.equal(a.counts[1], "5", "a, b, café, cafè and the link inside the folder");
  assert.equal(Buffer.compare(a.bytes, b.bytes), 0, "the same index");
});

test("the package keeps the output folder's rules: the user's files are never changed or removed", () => {
  const corpus = join(root, "tests/fixtures/mixed");
  const out = fresh("out");
  const run = (...args) => viaNpm(["build", corpus, "--out", out, ...args]);
  assert.equal(run("--name", "first").status, 0);
  assert.ok(existsSync(join(out, "first.index")));

  // Its own earlier files are replaced, and those it no longer writes removed.
  const again = run("--name", "second");
  assert.equal(again.status, 0, again.stderr);
  assert.ok(existsSync(join(out, "second.index")) && !existsSync(join(out, "first.index")));
  assert.match(again.stdout, /removed what an earlier build wrote and this one does not: first.corpus.js, first.index/);

  // A file the user put there, or changed, is refused by name, and stays as it was.
  writeFileSync(join(out, "notes.txt"), "mine");
  let refused = run("--name", "second");
  assert.equal(refused.status, 1);
  assert.match(refused.stderr, /holds files the build did not write \(notes.txt\)/);
  const page = readFileSync(join(out, "index.html"));
  writeFileSync(join(out, "example.html"), "edited by hand");
  rmSync(join(out, "notes.txt"));
  refused = run("--name", "second");
  assert.match(refused.stderr, /example.html changed since the build wrote it/);
  assert.equal(readFileSync(join(out, "example.html"), "utf8"), "edited by hand");
  assert.deepEqual(readFileSync(join(out, "index.html")), page);

  // Forced, it writes its own files and leaves every other untouched.
  writeFileSync(join(out, "notes.txt"), "mine");
  const forced = run("--name", "second", "--force");
  assert.equal(forced.status, 0, forced.stderr);
  assert.equal(readFileSync(join(out, "notes.txt"), "utf8"), "mine");
  assert.ok(!readdirSync(out).some((name) => name.startsWith(".corpus-viewer-partial-")), "no temporary folder is left");

  // A file of the user's with the name of one the build writes is refused even forced.
  const other = fresh("other");
  mkdirSync(other);
  writeFileSync(join(other, "index.html"), "my page");
  for (const force of [[], ["--force"]]) {
    const said = viaNpm(["build", corpus, "--out", other, ...force]);
    assert.equal(said.status, 1, said.stdout);
    assert.match(said.stderr, force.length ? /never replaces a file it did not write, even with --force/ : /holds files the build did not write \(index.html\)/);
    assert.deepEqual(readdirSync(other), ["index.html"]);
    assert.equal(readFileSync(join(other, "index.html"), "utf8"), "my page");
  }
  // Nor does the index command replace a file, or write into the corpus folder.
  for (const [place, expected] of [[join(other, "index.html"), /already exists/], [join(corpus, "x.index"), /inside the corpus folder/]]) {
    const said = viaNpm(["index", corpus, place]);
    assert.equal(said.status, 1);
    assert.match(said.stderr, expected);
  }
  assert.equal(readFileSync(join(other, "index.html"), "utf8"), "my page");
  assert.ok(!existsSync(join(corpus, "x.index")));

  // The output may not be the corpus folder or inside it; nothing is written there.
  for (const place of [corpus, join(corpus, "viewer")]) {
    const before = files(corpus);
    const said = viaNpm(["build", corpus, "--out", place]);
    assert.equal(said.status, 1);
    assert.match(said.stderr, /is the corpus folder|is inside the corpus folder/);
    assert.deepEqual(files(corpus), before);
  }
});

test("bad input gets a clear message and a failing status, never a stack trace", () => {
  const cases = [
    [["build"], 2, /build takes one folder/],
    [["build", "a", "b"], 2, /build takes one folder/],
    [["build", "x", "--nope"], 2, /unknown option --nope/],
    [["build", join(work, "missing")], 1, /missing: not a folder/],
    [["build", join(root, "seeds"), "--name", "a b", "--out", fresh("x")], 1, /--name may hold only/],
    [["unknown"], 2, /unknown command unknown/],
  ];
  const empty = fresh("empty");
  mkdirSync(empty);
  cases.push([["build", empty, "--out", fresh("y")], 1, /nothing to index/]);
  for (const [args, status, message] of cases) {
    const said = viaNpm(args);
    assert.equal(said.status, status, `${args.join(" ")}: ${said.stderr}`);
    assert.match(said.stderr, message);
    assert.doesNotMatch(said.stderr, /\n\s+at /, "no stack trace");
  }
});

test("the installed package exports the engine, which opens the index it wrote", async () => {
  const out = fresh("engine");
  assert.equal(viaNpm(["build", join(root, "seeds"), "--out", out]).status, 0);
  const entry = join(project, "node_modules/corpus-viewer/pkg/corpus_viewer.js");
  const { initSync, Corpus } = await import(pathToFileURL(entry));
  initSync({ module: readFileSync(join(project, "node_modules/corpus-viewer/pkg/corpus_viewer_bg.wasm")) });
  const corpus = Corpus.fromBytes(readFileSync(join(out, "seeds.index")));
  assert.equal(corpus.documents().length, 5);
  assert.equal(corpus.search("goldstone").total, 1);
  const manifest = JSON.parse(readFileSync(join(project, "node_modules/corpus-viewer/package.json"), "utf8"));
  assert.equal(manifest.exports["."].default, "./pkg/corpus_viewer.js");
});
