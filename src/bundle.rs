//! Assembling the viewer script, the corpus scripts and the single-file page.
//!
//! The engine (the Wasm module and its glue) and the interface are the same for every corpus;
//! a corpus is data, its index (see `crate::index`) as base64.
//!
//! - The viewer script is one classic script: the glue of wasm-bindgen's `no-modules` target,
//!   the Wasm module (`CORPUS_VIEWER_WASM`, base64), optionally one corpus (`CORPUS_VIEWER_NAME`
//!   and `CORPUS_VIEWER_INDEX`), then the interface's scripts, all inside one function scope,
//!   so a page gains no global name but the custom element's. With its corpus inside, one
//!   `<script src>` embeds a viewer in any page. A classic script is also the one form that
//!   runs from `file://`: module scripts and fetched files are blocked there.
//! - A corpus script registers one more corpus with the viewer already on the page, which
//!   opens it in the same engine.
//! - The single-file page keeps the module and each index in data blocks (`<script
//!   type="application/octet-stream">`) before the viewer script: the browser stores a data
//!   block's text without parsing it as JavaScript, which for a corpus of megabytes saves a
//!   large share of the time to first results.

use base64::Engine as _;

use crate::error::BuildError;
use crate::parallel::side_by_side;

pub mod archive;
mod chunk_file;

pub use chunk_file::{chunk_file, chunk_from_file, manifest_file};

/// The most characters of base64 one data block or string may take in a page. A browser holds
/// each as one string, and V8's strings hold at most 2^29 − 24 characters (536,870,888): past
/// that Chromium fails to read it ("WebAssembly.compile(): BufferSource argument is empty" for
/// a module). The limit leaves a margin below it.
pub const MAX_BASE64_CHARS: u64 = 500_000_000;

/// The line of the HTML shell that the script replaces.
pub const SCRIPT_PLACEHOLDER: &str = "<!-- corpus-viewer:script -->";

/// A corpus for a page: its name (letters, digits, `-` and `_`) and its index's bytes.
#[derive(Debug, Clone, Copy)]
pub struct CorpusData<'a> {
    /// The value of the element's `corpus` attribute that shows it.
    pub name: &'a str,
    /// The serialized index (`Index::serialize`), or the manifest of a chunked one.
    pub index: &'a [u8],
    /// For a chunked index, the folder of its chunks, relative to the page, ending in `/`.
    pub chunks: Option<&'a str>,
}

/// The folder a chunked viewer keeps its chunks in, beside its page.
pub const CHUNK_FOLDER: &str = "corpus/";

/// Past this many bytes of index a viewer is chunked unless asked otherwise: a single page
/// that large takes seconds to open and keeps its whole corpus in memory.
pub const CHUNKED_FROM_BYTES: u64 = 32 * 1024 * 1024;

/// The viewer script, standing alone (to be served as a file): `glue`, the `wasm` module, the
/// `corpus` if any, and the interface's `scripts`, in that order, in one function scope.
pub fn viewer_script(
    glue: &str,
    wasm: &[u8],
    corpus: Option<CorpusData<'_>>,
    scripts: &[String],
) -> Result<String, BuildError> {
    check_base64_size("the engine", wasm.len() as u64, MAX_BASE64_CHARS)?;
    let (name, index) = match corpus {
        Some(corpus) => {
            check_name(corpus.name)?;
            (format!("\"{}\"", corpus.name), index_literal(corpus)?)
        }
        None => ("null".into(), "null".into()),
    };
    script(
        glue,
        &format!("\"{}\"", base64(wasm)),
        &name,
        &index,
        scripts,
    )
}

/// A script that registers `corpus` with the viewer of the page (defined by a viewer script
/// before or after it), to be opened in that viewer's engine. A chunked corpus is registered
/// by its manifest's name and its folder of chunks, found beside the script wherever the page
/// that includes it is.
pub fn corpus_script(corpus: CorpusData<'_>) -> Result<String, BuildError> {
    check_name(corpus.name)?;
    let (method, base) = match corpus.chunks {
        None => ("registerCorpus", ""),
        Some(_) => ("registerChunkedCorpus", ", base"),
    };
    let register = format!(
        "{method}(\"{}\", {}{base})",
        corpus.name,
        index_literal(corpus)?
    );
    Ok(format!(
        "(() => {{\n\"use strict\";\nconst base = document.currentScript?.src || document.baseURI;\nconst register = () => customElements.get(\"corpus-viewer\").{register};\nif (customElements.get(\"corpus-viewer\")) register();\nelse customElements.whenDefined(\"corpus-viewer\").then(register);\n}})();\n"
    ))
}

/// The corpus as a script carries it: its index in base64, as a string; or, for a chunked
/// corpus, `{"chunks": FOLDER, "manifest": NAME}`, the folder relative to the script.
fn index_literal(corpus: CorpusData<'_>) -> Result<String, BuildError> {
    match chunked(corpus)? {
        None => {
            check_base64_size("the index", corpus.index.len() as u64, MAX_BASE64_CHARS)?;
            Ok(format!("\"{}\"", base64(corpus.index)))
        }
        Some((folder, manifest)) => Ok(format!(
            "{{\"chunks\": \"{folder}\", \"manifest\": \"{manifest}\"}}"
        )),
    }
}

/// For a chunked corpus, its folder of chunks and its manifest's name; `None` for one whole
/// in its index; an error for a folder name that is not one.
fn chunked<'a>(corpus: CorpusData<'a>) -> Result<Option<(&'a str, String)>, BuildError> {
    match corpus.chunks {
        None => Ok(None),
        Some(folder) if is_valid_folder(folder) => {
            Ok(Some((folder, crate::index::chunk_name(corpus.index))))
        }
        Some(folder) => Err(BuildError::Bundle(format!(
            "{folder:?} is not a folder name for chunks (letters, digits, - and _, then /)"
        ))),
    }
}

/// A script that follows a chunked corpus's data block in a page: it asks the browser to load
/// the manifest the block names at once, as `loadManifest` in `www/viewer/chunks.js` will ask
/// for it (`NAME.bin` fetched over http(s), the script `NAME.js` from `file://`), while the
/// browser still reads the engine and the viewer's script that follow; the viewer's own request
/// then finds it loaded or on its way. At 1 GB, in fresh browsers, alternated, eight each, the
/// first list showed in 309 and 352 ms from `file://` rather than 370 and 393, and in 428 ms
/// over http rather than 481 (medians); the manifest was asked for 38 ms after the page's
/// start rather than 184. A browser that ignores the hint loads the manifest when asked.
const PRELOAD_MANIFEST: &str = "<script>(() => {
  const block = document.currentScript.previousElementSibling;
  const fetches = /^https?:$/.test(location.protocol);
  const link = document.createElement(\"link\");
  link.rel = \"preload\";
  link.href = block.dataset.corpusViewerChunks + block.dataset.corpusViewerManifest + (fetches ? \".bin\" : \".js\");
  link.as = fetches ? \"fetch\" : \"script\";
  if (fetches) link.crossOrigin = \"anonymous\";
  document.head.append(link);
})();</script>
";

/// The page: `shell` with its [`SCRIPT_PLACEHOLDER`] replaced by the `wasm` module and each of
/// the `corpora` in data blocks and the viewer script (which reads them from there), and its
/// `<title>` by `title` when given.
pub fn page(
    shell: &str,
    glue: &str,
    wasm: &[u8],
    corpora: &[CorpusData<'_>],
    scripts: &[String],
    title: Option<&str>,
) -> Result<String, BuildError> {
    check_base64_size("the engine", wasm.len() as u64, MAX_BASE64_CHARS)?;
    match shell.matches(SCRIPT_PLACEHOLDER).count() {
        1 => {}
        n => {
            return Err(BuildError::Bundle(format!(
                "the HTML shell must hold {SCRIPT_PLACEHOLDER} exactly once, not {n} times"
            )))
        }
    }
    // The corpora first: a chunked corpus's manifest starts loading before the browser reads
    // the engine's two megabytes.
    let mut inline = String::new();
    for corpus in corpora {
        check_name(corpus.name)?;
        check_base64_size("the index", corpus.index.len() as u64, MAX_BASE64_CHARS)?;
        // A chunked corpus's manifest is a file of the folder, named by its hash, which the
        // page loads while it parses the rest; a single page holds its index.
        let (chunks, data) = match chunked(*corpus)? {
            Some((folder, manifest)) => (
                format!(
                    " data-corpus-viewer-chunks=\"{folder}\" data-corpus-viewer-manifest=\"{manifest}\""
                ),
                String::new(),
            ),
            None => (String::new(), base64(corpus.index)),
        };
        inline.push_str(&format!(
            "<script type=\"application/octet-stream\" data-corpus-viewer-index=\"{}\"{chunks}>{data}</script>\n",
            corpus.name,
        ));
        if !chunks.is_empty() {
            inline.push_str(PRELOAD_MANIFEST);
        }
    }
    inline.push_str(&format!(
        "<script type=\"application/octet-stream\" data-corpus-viewer-engine>{}</script>\n",
        base64(wasm)
    ));
    let script = script(glue, "null", "null", "null", scripts)?;
    inline.push_str(&format!("<script>\n{script}</script>"));
    let mut page = shell.replace(SCRIPT_PLACEHOLDER, &inline);
    if corpora.iter().any(|c| c.chunks.is_some()) {
        page = allow_chunks(&page);
    }
    if let (Some(title), Some(start), Some(end)) =
        (title, shell.find("<title>"), shell.find("</title>"))
    {
        if start < end {
            let escaped = title
                .replace('&', "&amp;")
                .replace('<', "&lt;")
                .replace('>', "&gt;");
            page.replace_range(start + "<title>".len()..end, &escaped);
        }
    }
    Ok(page)
}

/// What the maker page needs to make a viewer: the viewer's HTML shell, its engine's glue
/// (`no-modules`) and module, and its interface's scripts joined.
#[derive(Debug, Clone, Copy)]
pub struct ViewerParts<'a> {
    /// The viewer's HTML shell (`www/index.html`).
    pub shell: &'a str,
    /// The engine's glue.
    pub glue: &'a str,
    /// The engine's Wasm module.
    pub engine: &'a [u8],
    /// The interface's scripts, joined.
    pub interface: &'a str,
}

/// The maker page: `shell` (`www/make.html`) with its [`SCRIPT_PLACEHOLDER`] replaced by data
/// blocks (base64) for the indexer's module and glue (which its worker runs) and for each of
/// the `viewer`'s parts, and one script: the indexer's glue (`no-modules`) and the maker's
/// `script` in one function scope.
pub fn maker_page(
    shell: &str,
    indexer_glue: &str,
    indexer: &[u8],
    viewer: ViewerParts<'_>,
    script: &str,
) -> Result<String, BuildError> {
    if shell.matches(SCRIPT_PLACEHOLDER).count() != 1 {
        return Err(BuildError::Bundle(format!(
            "the maker's HTML shell must hold {SCRIPT_PLACEHOLDER} exactly once"
        )));
    }
    let blocks: [(&str, &[u8]); 6] = [
        ("indexer", indexer),
        ("indexer-glue", indexer_glue.as_bytes()),
        ("viewer-engine", viewer.engine),
        ("viewer-glue", viewer.glue.as_bytes()),
        ("viewer-interface", viewer.interface.as_bytes()),
        ("viewer-shell", viewer.shell.as_bytes()),
    ];
    let mut inline = String::new();
    for (name, bytes) in blocks {
        inline.push_str(&format!(
            "<script type=\"application/octet-stream\" data-maker=\"{name}\">{}</script>\n",
            base64(bytes)
        ));
    }
    let code = format!("(() => {{\n\"use strict\";\n{indexer_glue}\n{script}\n}})();\n");
    if code.to_ascii_lowercase().contains("</script") {
        return Err(BuildError::Bundle(
            "the maker's script contains \"</script\", which would end it early".into(),
        ));
    }
    inline.push_str(&format!("<script>\n{code}</script>"));
    Ok(shell.replace(SCRIPT_PLACEHOLDER, &inline))
}

/// The names of the files every viewer is made from, as [`EngineFiles::from_named`] takes them:
/// what the command carries inside itself and the npm package ships.
pub const ENGINE_FILE_NAMES: [&str; 13] = [
    "glue.js",
    "engine.wasm",
    "interface.js",
    "indexer-glue.js",
    "indexer.wasm",
    "pkg.js",
    "pkg.d.ts",
    "pkg.wasm",
    "pkg.wasm.d.ts",
    "index.html",
    "make.html",
    "make.js",
    "example.html",
];

/// The files every viewer is made from, whatever makes it (the command, which carries them;
/// the npm package's command, which reads them from the package).
#[derive(Debug, Clone, Copy)]
pub struct EngineFiles<'a> {
    /// The engine's glue, wasm-bindgen's `no-modules` target.
    pub glue: &'a str,
    /// The engine's Wasm module.
    pub engine: &'a [u8],
    /// The interface's scripts, joined.
    pub interface: &'a str,
    /// The indexer's glue (`no-modules`), for the maker page.
    pub indexer_glue: &'a str,
    /// The indexer's Wasm module, for the maker page.
    pub indexer: &'a [u8],
    /// The engine for bundlers and Node (`pkg/`, wasm-bindgen's `web` target): the glue, its
    /// typings, the module and the module's typings.
    pub pkg: [&'a [u8]; 4],
    /// The viewer's HTML shell (`www/index.html`).
    pub shell: &'a str,
    /// The maker's HTML shell (`www/make.html`).
    pub maker_shell: &'a str,
    /// The maker's script (`www/make.js`).
    pub maker_script: &'a str,
    /// The article page with the viewer embedded (`www/example.html`).
    pub example: &'a str,
}

impl<'a> EngineFiles<'a> {
    /// What a viewer page is made of: its shell, the engine's glue and module, the interface.
    pub fn viewer(&self) -> ViewerParts<'a> {
        ViewerParts {
            shell: self.shell,
            glue: self.glue,
            engine: self.engine,
            interface: self.interface,
        }
    }

    /// The files from their bytes, looked up by the names of [`ENGINE_FILE_NAMES`]; an error
    /// names a missing file, or a text file that is not UTF-8.
    pub fn from_named(
        file: impl Fn(&str) -> Option<&'a [u8]>,
    ) -> Result<EngineFiles<'a>, BuildError> {
        let bytes = |name: &str| {
            file(name)
                .filter(|bytes| !bytes.is_empty())
                .ok_or_else(|| BuildError::Bundle(format!("the engine file {name} is missing")))
        };
        let text = |name: &str| {
            std::str::from_utf8(bytes(name)?)
                .map_err(|_| BuildError::Bundle(format!("the engine file {name} is not UTF-8")))
        };
        Ok(EngineFiles {
            glue: text("glue.js")?,
            engine: bytes("engine.wasm")?,
            interface: text("interface.js")?,
            indexer_glue: text("indexer-glue.js")?,
            indexer: bytes("indexer.wasm")?,
            pkg: [
                bytes("pkg.js")?,
                bytes("pkg.d.ts")?,
                bytes("pkg.wasm")?,
                bytes("pkg.wasm.d.ts")?,
            ],
            shell: text("index.html")?,
            maker_shell: text("make.html")?,
            maker_script: text("make.js")?,
            example: text("example.html")?,
        })
    }
}

/// The files of a viewer of `corpus`, relative to the output folder, in the order they are
/// written: the single-file page (`index.html`, titled `title` when given), the viewer script
/// with the corpus inside (`corpus-viewer.js`), the corpus alone (`NAME.corpus.js`,
/// `NAME.index`), the embedding example (`example.html`), the maker page (`make.html`) and
/// the engine for bundlers and Node (`pkg/`).
pub fn viewer_files(
    engine: &EngineFiles<'_>,
    corpus: CorpusData<'_>,
    title: Option<&str>,
) -> Result<Vec<(String, Vec<u8>)>, BuildError> {
    // The page and the script each carry the engine and the index; the corpus script, the
    // index; the maker page, both engines: made on two cores when there are two.
    let (viewer, others) = side_by_side(
        || -> Result<_, BuildError> {
            let page = viewer_page(engine.viewer(), corpus, title)?;
            let interface = [engine.interface.to_string()];
            let script = viewer_script(engine.glue, engine.engine, Some(corpus), &interface)?;
            Ok((page, script))
        },
        || -> Result<_, BuildError> { Ok((corpus_script(corpus)?, corpus_free_files(engine)?)) },
    );
    let ((page, script), (corpus_script, corpus_free)) = (viewer?, others?);
    let mut files = vec![
        ("index.html".to_string(), page.into_bytes()),
        ("corpus-viewer.js".to_string(), script.into_bytes()),
        (
            format!("{}.corpus.js", corpus.name),
            corpus_script.into_bytes(),
        ),
        (format!("{}.index", corpus.name), corpus.index.to_vec()),
        (
            "example.html".to_string(),
            engine.example.as_bytes().to_vec(),
        ),
    ];
    files.extend(corpus_free);
    Ok(files)
}

/// The page of a viewer of `corpus` (one index, or a manifest and its chunks' folder), made
/// of the `viewer`'s parts.
pub fn viewer_page(
    viewer: ViewerParts<'_>,
    corpus: CorpusData<'_>,
    title: Option<&str>,
) -> Result<String, BuildError> {
    let interface = [viewer.interface.to_string()];
    page(
        viewer.shell,
        viewer.glue,
        viewer.engine,
        &[corpus],
        &interface,
        title,
    )
}

/// The files every viewer has whatever its corpus: the maker page (`make.html`) and the engine
/// for bundlers and Node (`pkg/`).
fn corpus_free_files(engine: &EngineFiles<'_>) -> Result<Vec<(String, Vec<u8>)>, BuildError> {
    let maker = maker_page(
        engine.maker_shell,
        engine.indexer_glue,
        engine.indexer,
        engine.viewer(),
        engine.maker_script,
    )?;
    let mut files = vec![("make.html".to_string(), maker.into_bytes())];
    let pkg = [
        "pkg/corpus_viewer.js",
        "pkg/corpus_viewer.d.ts",
        "pkg/corpus_viewer_bg.wasm",
        "pkg/corpus_viewer_bg.wasm.d.ts",
    ];
    files.extend(
        pkg.iter()
            .zip(engine.pkg)
            .map(|(path, bytes)| (path.to_string(), bytes.to_vec())),
    );
    Ok(files)
}

/// The files of a viewer of a chunked corpus, relative to the output folder: the page
/// (`index.html`), whose data block names the manifest; the viewer script
/// (`corpus-viewer.js`) and the corpus alone (`NAME.corpus.js`), which name it too, and find
/// the chunks beside themselves; the embedding example (`example.html`); the manifest and the
/// chunks in [`CHUNK_FOLDER`] (see `chunk_files`); the maker page and the engine for
/// bundlers and Node. The index in one file (`NAME.index`) is left out: this corpus is too
/// large for one.
pub fn chunked_viewer_files(
    engine: &EngineFiles<'_>,
    name: &str,
    chunked: crate::index::ChunkedIndex,
    title: Option<&str>,
) -> Result<Vec<(String, Vec<u8>)>, BuildError> {
    check_manifest(&chunked)?;
    let corpus = CorpusData {
        name,
        index: &chunked.manifest,
        chunks: Some(CHUNK_FOLDER),
    };
    let page = viewer_page(engine.viewer(), corpus, title)?;
    let interface = [engine.interface.to_string()];
    let script = viewer_script(engine.glue, engine.engine, Some(corpus), &interface)?;
    let mut files = vec![
        ("index.html".to_string(), page.into_bytes()),
        ("corpus-viewer.js".to_string(), script.into_bytes()),
        (
            format!("{name}.corpus.js"),
            corpus_script(corpus)?.into_bytes(),
        ),
        (
            "example.html".to_string(),
            allow_chunks(engine.example).into_bytes(),
        ),
    ];
    files.extend(chunk_files(chunked));
    files.extend(corpus_free_files(engine)?);
    Ok(files)
}

/// A chunked viewer as the maker page saves it, in one archive: the page, which names the
/// manifest, and the manifest and chunks in [`CHUNK_FOLDER`] (the files of
/// [`chunked_viewer_files`] that a reader needs).
pub fn chunked_viewer_archive(
    viewer: ViewerParts<'_>,
    name: &str,
    chunked: crate::index::ChunkedIndex,
    title: Option<&str>,
) -> Result<Vec<u8>, BuildError> {
    check_manifest(&chunked)?;
    let corpus = CorpusData {
        name,
        index: &chunked.manifest,
        chunks: Some(CHUNK_FOLDER),
    };
    let page = viewer_page(viewer, corpus, title)?;
    let mut files = vec![("index.html".to_string(), page.into_bytes())];
    files.extend(chunk_files(chunked));
    archive::zip_stored(&files)
}

/// Refuses a manifest whose base64 would be more than a page can hold.
fn check_manifest(chunked: &crate::index::ChunkedIndex) -> Result<(), BuildError> {
    check_base64_size(
        "the manifest",
        chunked.manifest.len() as u64,
        MAX_BASE64_CHARS,
    )
}

/// The manifest and each chunk of `chunked` as the files of [`CHUNK_FOLDER`]. A chunk is one
/// file, `NAME.js`, that a page fetches over http and adds as a script from `file://` (see
/// [`chunk_file`]). The manifest, which the page waits for while it opens, is written twice,
/// in the forms each way reads fastest: its bytes (`NAME.bin`, fetched over http) and a script
/// of their base64 (`NAME.js`, from `file://`), which a browser reads in half the time a
/// script of one character a byte takes (a string of one byte a character rather than two).
fn chunk_files(chunked: crate::index::ChunkedIndex) -> Vec<(String, Vec<u8>)> {
    let crate::index::ChunkedIndex { manifest, chunks } = chunked;
    let name = crate::index::chunk_name(&manifest);
    let script = manifest_file(&manifest);
    let scripts = crate::parallel::in_parallel(&chunks, crate::parallel::cores(), |(_, bytes)| {
        chunk_file(bytes)
    });
    let mut files = Vec::with_capacity(chunks.len() + 2);
    files.push((format!("{CHUNK_FOLDER}{name}.bin"), manifest));
    files.push((format!("{CHUNK_FOLDER}{name}.js"), script));
    files.extend(
        chunks
            .into_iter()
            .zip(scripts)
            .map(|((chunk, _), file)| (format!("{CHUNK_FOLDER}{chunk}.js"), file)),
    );
    files
}

/// The page's content policy, widened for a chunked corpus: its chunks are files of the page's
/// own origin, fetched over http (`connect-src 'self'`) and added as scripts from `file://`
/// (`script-src 'self'`, which Chromium and Firefox match against sibling files there).
fn allow_chunks(page: &str) -> String {
    page.replacen(
        "script-src 'unsafe-inline' 'wasm-unsafe-eval';",
        "script-src 'unsafe-inline' 'wasm-unsafe-eval' 'self'; connect-src 'self';",
        1,
    )
    // The embedding example, whose script is a file already, fetches the chunks over http.
    .replacen(
        "script-src 'self' 'wasm-unsafe-eval';",
        "script-src 'self' 'wasm-unsafe-eval'; connect-src 'self';",
        1,
    )
}

/// Whether `folder` is a folder name for chunks: letters, digits, `-` and `_`, then `/`.
fn is_valid_folder(folder: &str) -> bool {
    folder.strip_suffix('/').is_some_and(is_valid_name)
}

/// Refuses `what` (the engine or an index) of `bytes` bytes whose base64 would be over `limit`
/// characters (in use, [`MAX_BASE64_CHARS`]), saying what to do instead.
pub fn check_base64_size(what: &str, bytes: u64, limit: u64) -> Result<(), BuildError> {
    let chars = bytes.div_ceil(3) * 4;
    if chars <= limit {
        return Ok(());
    }
    let mb = |n: u64| n.div_ceil(1_000_000);
    Err(BuildError::Bundle(format!(
        "the corpus is too large for a browser to open as one page: {what} of about {} MB takes \
         {} MB as base64, over the {} MB a browser holds in one string. Split the folder into \
         {} or more parts and build each with its own --out and --name (several corpora can \
         share a page)",
        mb(bytes),
        mb(chars),
        mb(limit),
        chars.div_ceil(limit.max(1)).max(2),
    )))
}

/// Whether `name` may name a corpus: ASCII letters, digits, `-` and `_`, at least one.
pub fn is_valid_name(name: &str) -> bool {
    !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

fn check_name(name: &str) -> Result<(), BuildError> {
    if is_valid_name(name) {
        Ok(())
    } else {
        Err(BuildError::Bundle(format!(
            "the corpus name {name:?} may hold only ASCII letters, digits, '-' and '_'"
        )))
    }
}

fn base64(bytes: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

/// The script, with `wasm`, `name` and `index` (JavaScript expressions) as
/// `CORPUS_VIEWER_WASM`, `CORPUS_VIEWER_NAME` and `CORPUS_VIEWER_INDEX`.
fn script(
    glue: &str,
    wasm: &str,
    name: &str,
    index: &str,
    scripts: &[String],
) -> Result<String, BuildError> {
    let script = format!(
        "(() => {{\n\"use strict\";\n{glue}\nconst CORPUS_VIEWER_WASM = {wasm};\nconst CORPUS_VIEWER_NAME = {name};\nconst CORPUS_VIEWER_INDEX = {index};\n{}\n}})();\n",
        scripts.join("\n")
    );
    if script.to_ascii_lowercase().contains("</script") {
        return Err(BuildError::Bundle(
            "the script contains \"</script\", which would end an inline script early".into(),
        ));
    }
    Ok(script)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SEEDS: CorpusData<'static> = CorpusData {
        name: "seeds",
        index: b"CVIX",
        chunks: None,
    };

    #[test]
    fn the_script_holds_everything_inside_one_scope() {
        let script = viewer_script(
            "let wasm_bindgen;",
            &[0, 97, 115, 109],
            Some(SEEDS),
            &["a();".into(), "b();".into()],
        )
        .unwrap();
        assert!(script.starts_with("(() => {"));
        assert!(script.contains("const CORPUS_VIEWER_WASM = \"AGFzbQ==\";"));
        assert!(script.contains(
            "const CORPUS_VIEWER_NAME = \"seeds\";\nconst CORPUS_VIEWER_INDEX = \"Q1ZJWA==\";\na();\nb();\n})();"
        ));
        let engine_only = viewer_script("", &[0], None, &[]).unwrap();
        assert!(engine_only.contains("const CORPUS_VIEWER_NAME = null;"));
    }

    #[test]
    fn a_corpus_script_registers_its_index_once_the_element_is_defined() {
        let script = corpus_script(SEEDS).unwrap();
        assert!(script.contains("registerCorpus(\"seeds\", \"Q1ZJWA==\")"));
        assert!(script.contains("whenDefined(\"corpus-viewer\")"));
        let bad = corpus_script(CorpusData {
            name: "a b",
            index: b"",
            chunks: None,
        });
        assert!(bad.is_err());
    }

    #[test]
    fn the_page_keeps_the_engine_and_each_index_in_data_blocks_and_takes_the_title() {
        let shell = format!("<title>x</title><body>{SCRIPT_PLACEHOLDER}</body>");
        let other = CorpusData {
            name: "other",
            index: b"ab",
            chunks: None,
        };
        let html = page(
            &shell,
            "let wasm_bindgen;",
            &[0, 97, 115, 109],
            &[SEEDS, other],
            &["a();".into()],
            Some("A <b> & c"),
        )
        .unwrap();
        assert!(html.starts_with(
            "<title>A &lt;b&gt; &amp; c</title><body><script type=\"application/octet-stream\" data-corpus-viewer-index=\"seeds\">Q1ZJWA==</script>\n\
             <script type=\"application/octet-stream\" data-corpus-viewer-index=\"other\">YWI=</script>\n\
             <script type=\"application/octet-stream\" data-corpus-viewer-engine>AGFzbQ==</script>\n<script>\n(() => {"
        ));
        // A page that holds its indexes loads nothing more.
        assert!(!html.contains(PRELOAD_MANIFEST));
        assert!(html.contains("const CORPUS_VIEWER_WASM = null;"));
        assert!(html.ends_with("})();\n</script></body>"));
    }

    #[test]
    fn the_maker_page_carries_the_indexer_and_the_viewer_in_data_blocks() {
        let viewer = ViewerParts {
            shell: "<title>v</title>",
            glue: "let wasm_bindgen;",
            engine: &[0, 97, 115, 109],
            interface: "define();",
        };
        let html = maker_page(
            &format!("<body>{SCRIPT_PLACEHOLDER}</body>"),
            "let wasm_bindgen;",
            b"CVIX",
            viewer,
            "make();",
        )
        .unwrap();
        assert!(html.contains("data-maker=\"indexer\">Q1ZJWA==</script>"));
        assert!(html.contains("data-maker=\"viewer-engine\">AGFzbQ==</script>"));
        assert!(html.contains("data-maker=\"viewer-interface\">ZGVmaW5lKCk7</script>"));
        assert!(html.ends_with("\nmake();\n})();\n</script></body>"));
        let error = maker_page("<body></body>", "", b"", viewer, "").unwrap_err();
        assert!(error.to_string().contains("exactly once"), "{error}");
    }

    #[test]
    fn a_chunked_viewer_is_its_page_its_manifest_and_chunks_the_maker_and_the_package() {
        let shell = "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; script-src 'unsafe-inline' 'wasm-unsafe-eval'; img-src data:\"><!-- corpus-viewer:script -->";
        let named = |name: &str| -> Option<&'static [u8]> {
            Some(match name {
                "index.html" => shell.as_bytes(),
                "make.html" => b"<body><!-- corpus-viewer:script --></body>",
                "engine.wasm" | "indexer.wasm" | "pkg.wasm" => b"\0asm",
                "glue.js" | "indexer-glue.js" => b"let wasm_bindgen;",
                "example.html" => {
                    b"content=\"script-src 'self' 'wasm-unsafe-eval'; frame-src 'self'\""
                }
                n if ENGINE_FILE_NAMES.contains(&n) => b"x",
                _ => return None,
            })
        };
        let engine = EngineFiles::from_named(named).unwrap();
        let chunked = crate::index::ChunkedIndex {
            manifest: b"CVMF".to_vec(),
            chunks: vec![("0f".repeat(16), vec![1, 2, 3])],
        };
        let files = chunked_viewer_files(&engine, "big", chunked, None).unwrap();
        let paths: Vec<&str> = files.iter().map(|(p, _)| p.as_str()).collect();
        let chunk = "0f".repeat(16);
        let manifest = crate::index::chunk_name(b"CVMF");
        assert_eq!(manifest.len(), 16);
        assert_eq!(
            paths,
            [
                "index.html",
                "corpus-viewer.js",
                "big.corpus.js",
                "example.html",
                &format!("corpus/{manifest}.bin"),
                &format!("corpus/{manifest}.js"),
                &format!("corpus/{chunk}.js"),
                "make.html",
                "pkg/corpus_viewer.js",
                "pkg/corpus_viewer.d.ts",
                "pkg/corpus_viewer_bg.wasm",
                "pkg/corpus_viewer_bg.wasm.d.ts",
            ]
        );
        // Each chunk is one script of its bytes, which gives them back.
        assert_eq!(
            files[6].1,
            b"document.currentScript.dispatchEvent(new CustomEvent(\"corpus-viewer-chunk\", { detail: \"\x01\x02\x03\" }));\n"
        );
        assert_eq!(chunk_from_file(&files[6].1).unwrap(), [1, 2, 3]);
        let chunked_page = String::from_utf8_lossy(&files[0].1);
        // The page names the manifest, and holds none of its bytes; it asks for them before
        // the browser reads its engine.
        let block = format!(
            "data-corpus-viewer-index=\"big\" data-corpus-viewer-chunks=\"corpus/\" data-corpus-viewer-manifest=\"{manifest}\"></script>\n"
        );
        let at = chunked_page
            .find(&format!("{block}{PRELOAD_MANIFEST}"))
            .unwrap();
        assert!(at < chunked_page.find("data-corpus-viewer-engine").unwrap());
        // The scripts name the manifest and the folder, relative to themselves.
        let named = format!("{{\"chunks\": \"corpus/\", \"manifest\": \"{manifest}\"}}");
        let script = String::from_utf8_lossy(&files[1].1);
        assert!(script.contains(&format!("const CORPUS_VIEWER_INDEX = {named};")));
        let alone = String::from_utf8_lossy(&files[2].1);
        assert!(alone.contains(&format!("registerChunkedCorpus(\"big\", {named}, base)")));
        assert!(alone.contains("const base = document.currentScript?.src || document.baseURI;"));
        // The example fetches the chunks over http.
        assert_eq!(
            files[3].1,
            b"content=\"script-src 'self' 'wasm-unsafe-eval'; connect-src 'self'; frame-src 'self'\""
        );
        // The manifest twice: its bytes, and a script of their base64.
        assert_eq!(files[4].1, b"CVMF");
        assert_eq!(
            String::from_utf8_lossy(&files[5].1),
            "document.currentScript.dispatchEvent(new CustomEvent(\"corpus-viewer-chunk\", { detail: \"Q1ZNRg==\" }));\n"
        );
        assert!(chunked_page
            .contains("script-src 'unsafe-inline' 'wasm-unsafe-eval' 'self'; connect-src 'self';"));
        // A single page keeps its policy as it is.
        let single = page_of(shell, SEEDS);
        assert!(!single.contains("'self'"));
        let bad = CorpusData {
            chunks: Some("../up/"),
            ..SEEDS
        };
        let error = page(shell, "", b"", &[bad], &[], None).unwrap_err();
        assert!(error.to_string().contains("not a folder name"), "{error}");
    }

    fn page_of(shell: &str, corpus: CorpusData<'_>) -> String {
        page(shell, "", b"", &[corpus], &[], None).unwrap()
    }

    #[test]
    fn a_viewer_is_every_file_made_from_the_engine_files_and_one_corpus() {
        let named = |name: &str| -> Option<&'static [u8]> {
            Some(match name {
                "index.html" => b"<title>t</title><!-- corpus-viewer:script -->",
                "make.html" => b"<body><!-- corpus-viewer:script --></body>",
                "engine.wasm" | "indexer.wasm" | "pkg.wasm" => b"\0asm",
                "glue.js" | "indexer-glue.js" => b"let wasm_bindgen;",
                n if ENGINE_FILE_NAMES.contains(&n) => b"x",
                _ => return None,
            })
        };
        let engine = EngineFiles::from_named(named).unwrap();
        let files = viewer_files(&engine, SEEDS, Some("T")).unwrap();
        let paths: Vec<&str> = files.iter().map(|(p, _)| p.as_str()).collect();
        assert_eq!(
            paths,
            [
                "index.html",
                "corpus-viewer.js",
                "seeds.corpus.js",
                "seeds.index",
                "example.html",
                "make.html",
                "pkg/corpus_viewer.js",
                "pkg/corpus_viewer.d.ts",
                "pkg/corpus_viewer_bg.wasm",
                "pkg/corpus_viewer_bg.wasm.d.ts",
            ]
        );
        assert_eq!(files[3].1, b"CVIX");
        assert!(String::from_utf8_lossy(&files[0].1).starts_with("<title>T</title>"));
        assert_eq!(files[8].1, b"\0asm");

        let without_make = |name: &str| named(name).filter(|_| name != "make.js");
        let error = EngineFiles::from_named(without_make).unwrap_err();
        assert!(error.to_string().contains("make.js is missing"), "{error}");
        let not_text = |name: &str| {
            if name == "interface.js" {
                Some(&b"\xff"[..])
            } else {
                named(name)
            }
        };
        let error = EngineFiles::from_named(not_text).unwrap_err();
        assert!(
            error.to_string().contains("interface.js is not UTF-8"),
            "{error}"
        );
    }

    #[test]
    fn data_too_large_for_a_browser_string_is_refused_with_what_to_do() {
        assert!(check_base64_size("the index", 75, 100).is_ok());
        assert!(check_base64_size("the index", 0, 0).is_ok());
        let error = check_base64_size("the index", 76, 100)
            .unwrap_err()
            .to_string();
        assert!(error.contains("too large for a browser"), "{error}");
        assert!(error.contains("--name"), "{error}");
        let error = check_base64_size("the index", 600_000_000, MAX_BASE64_CHARS)
            .unwrap_err()
            .to_string();
        assert!(
            error.contains("the index of about 600 MB takes 800 MB as base64, over the 500 MB"),
            "{error}"
        );
        assert!(check_base64_size("the index", 370_000_000, MAX_BASE64_CHARS).is_ok());
    }

    #[test]
    fn a_shell_without_exactly_one_placeholder_is_refused() {
        for shell in ["<body></body>".to_string(), SCRIPT_PLACEHOLDER.repeat(2)] {
            let error = page(&shell, "", &[], &[], &[], None)
                .unwrap_err()
                .to_string();
            assert!(error.contains("exactly once"), "{error}");
        }
    }

    #[test]
    fn a_script_that_would_close_the_tag_or_a_bad_name_is_refused() {
        let error = viewer_script("", &[], None, &["let s = '</SCRIPT>';".into()])
            .unwrap_err()
            .to_string();
        assert!(error.contains("</script"), "{error}");
        for name in ["", "a b", "x\"y", "é"] {
            let corpus = CorpusData {
                name,
                index: b"",
                chunks: None,
            };
            let error = viewer_script("", &[], Some(corpus), &[])
                .unwrap_err()
                .to_string();
            assert!(error.contains("may hold only"), "{name:?}: {error}");
        }
    }
}
