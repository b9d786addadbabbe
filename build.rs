//! Embeds the corpus index named by `CORPUS_INDEX` (a file written by `corpus-viewer index`)
//! into the Wasm module. Without it the module holds no corpus and says so when opened.

use std::path::{Path, PathBuf};

fn main() {
    println!("cargo:rerun-if-env-changed=CORPUS_INDEX");
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    let target = out.join("corpus.bin");
    match std::env::var_os("CORPUS_INDEX") {
        Some(path) if !path.is_empty() => {
            let path = Path::new(&path);
            println!("cargo:rerun-if-changed={}", path.display());
            if let Err(e) = std::fs::copy(path, &target) {
                panic!("CORPUS_INDEX={}: {e}", path.display());
            }
        }
        _ => std::fs::write(&target, []).expect("OUT_DIR is writable"),
    }
}
