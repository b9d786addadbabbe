//! Embeds the prebuilt engine and the interface into the `corpus-viewer` command, so that it
//! makes a viewer by indexing and writing files only (see `src/bin/corpus-viewer.rs`).
//!
//! `./build.sh` builds the engine first and names it in `CORPUS_VIEWER_ENGINE`: a folder with
//! `page/` (wasm-bindgen's `no-modules` glue and module) and `pkg/` (its `web` target), both
//! optimized, `indexer-page/` (the indexer, `no-modules`, for the maker page), and
//! `interface.js` (the interface's scripts, joined in order). Without it (a
//! plain `cargo build` or `cargo test`) every embedded file is empty and the command's `build`
//! says how to get an engine.

use std::path::{Path, PathBuf};

/// The engine's files, as the command embeds them: (path under the engine folder, name).
const ENGINE_FILES: [(&str, &str); 9] = [
    ("indexer-page/corpus_viewer.js", "indexer-glue.js"),
    ("indexer-page/corpus_viewer_bg.wasm", "indexer.wasm"),
    ("interface.js", "interface.js"),
    ("page/corpus_viewer.js", "glue.js"),
    ("page/corpus_viewer_bg.wasm", "engine.wasm"),
    ("pkg/corpus_viewer.js", "pkg.js"),
    ("pkg/corpus_viewer.d.ts", "pkg.d.ts"),
    ("pkg/corpus_viewer_bg.wasm", "pkg.wasm"),
    ("pkg/corpus_viewer_bg.wasm.d.ts", "pkg.wasm.d.ts"),
];

fn main() {
    println!("cargo:rerun-if-env-changed=CORPUS_VIEWER_ENGINE");
    let out =
        PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR")).join("engine");
    std::fs::create_dir_all(&out).expect("OUT_DIR is writable");
    let engine = std::env::var_os("CORPUS_VIEWER_ENGINE").filter(|e| !e.is_empty());
    for (path, name) in ENGINE_FILES {
        match &engine {
            Some(engine) => copy(&Path::new(engine).join(path), &out.join(name)),
            None => write(&out.join(name), b""),
        }
    }
}

fn copy(from: &Path, to: &Path) {
    println!("cargo:rerun-if-changed={}", from.display());
    let bytes = std::fs::read(from)
        .unwrap_or_else(|e| panic!("CORPUS_VIEWER_ENGINE: {}: {e}", from.display()));
    write(to, &bytes);
}

/// Writes only when the bytes differ, so that an unchanged engine does not rebuild the command.
fn write(path: &Path, bytes: &[u8]) {
    if std::fs::read(path).is_ok_and(|old| old == bytes) {
        return;
    }
    std::fs::write(path, bytes).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
}
