//! Assembling the viewer script and the single-file page.
//!
//! The script is one classic script: the glue of wasm-bindgen's `no-modules` target, the Wasm
//! module (`CORPUS_VIEWER_WASM`, base64), the corpus name (`CORPUS_VIEWER_NAME`), then the
//! viewer's scripts, all inside one function scope, so a page gains no global name but the
//! custom element's, and two such scripts (two corpora) can share a page. A classic inline
//! script is also the one form that runs from `file://`: module scripts and fetched Wasm are
//! blocked there by CORS.
//!
//! In the single-file page the module sits in a data block (`<script
//! type="application/octet-stream">`) instead of a string in the script: the browser stores a
//! data block's text without parsing it as JavaScript, which for a corpus of megabytes saves a
//! large share of the time to first results.

use base64::Engine as _;

use crate::error::Error;

/// The most characters of base64 the Wasm module may take in a page. A browser holds the
/// module's base64 as one string, and V8's strings hold at most 2^29 − 24 characters
/// (536,870,888): past that Chromium fails with "WebAssembly.compile(): BufferSource argument
/// is empty". The limit leaves a margin below it.
pub const MAX_WASM_BASE64_CHARS: u64 = 500_000_000;

/// About how many bytes the engine adds to the index in the Wasm module.
pub const ENGINE_BYTES: u64 = 1024 * 1024;

/// The line of the HTML shell that the script replaces.
pub const SCRIPT_PLACEHOLDER: &str = "<!-- corpus-viewer:script -->";

/// The viewer script, standing alone (to be served as a file): `glue`, the `wasm` module, the
/// corpus `name` (letters, digits, `-` and `_`) and the viewer `scripts`, in that order, in one
/// function scope.
pub fn viewer_script(
    glue: &str,
    wasm: &[u8],
    name: &str,
    scripts: &[String],
) -> Result<String, Error> {
    check_wasm_size(wasm.len() as u64, MAX_WASM_BASE64_CHARS)?;
    script(glue, &format!("\"{}\"", base64(wasm)), name, scripts)
}

/// The page: `shell` with its [`SCRIPT_PLACEHOLDER`] replaced by the `wasm` module in a data
/// block and the viewer script (which reads it from there), and its `<title>` by `title` when
/// given.
pub fn page(
    shell: &str,
    glue: &str,
    wasm: &[u8],
    name: &str,
    scripts: &[String],
    title: Option<&str>,
) -> Result<String, Error> {
    check_wasm_size(wasm.len() as u64, MAX_WASM_BASE64_CHARS)?;
    match shell.matches(SCRIPT_PLACEHOLDER).count() {
        1 => {}
        n => {
            return Err(Error::Bundle(format!(
                "the HTML shell must hold {SCRIPT_PLACEHOLDER} exactly once, not {n} times"
            )))
        }
    }
    let script = script(glue, "null", name, scripts)?;
    let inline = format!(
        "<script type=\"application/octet-stream\" data-corpus-viewer-wasm=\"{name}\">{}</script>\n<script>\n{script}</script>",
        base64(wasm)
    );
    let mut page = shell.replace(SCRIPT_PLACEHOLDER, &inline);
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

/// Refuses a Wasm module of `wasm_bytes` bytes whose base64 would be over `limit` characters
/// (in use, [`MAX_WASM_BASE64_CHARS`]), saying what to do instead.
pub fn check_wasm_size(wasm_bytes: u64, limit: u64) -> Result<(), Error> {
    let chars = wasm_bytes.div_ceil(3) * 4;
    if chars <= limit {
        return Ok(());
    }
    let mb = |n: u64| n.div_ceil(1_000_000);
    Err(Error::Bundle(format!(
        "the corpus is too large for a browser to open as one page: its Wasm module of about \
         {} MB takes {} MB as base64, over the {} MB a browser holds in one string. Split the \
         folder into {} or more parts and build each with its own --out and --name (several \
         corpora can share a page)",
        mb(wasm_bytes),
        mb(chars),
        mb(limit),
        chars.div_ceil(limit.max(1)).max(2),
    )))
}

fn base64(bytes: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

/// The script, with `wasm` (a JavaScript expression) as `CORPUS_VIEWER_WASM`.
fn script(glue: &str, wasm: &str, name: &str, scripts: &[String]) -> Result<String, Error> {
    let valid = !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if !valid {
        return Err(Error::Bundle(format!(
            "the corpus name {name:?} may hold only ASCII letters, digits, '-' and '_'"
        )));
    }
    let script = format!(
        "(() => {{\n\"use strict\";\n{glue}\nconst CORPUS_VIEWER_WASM = {wasm};\nconst CORPUS_VIEWER_NAME = \"{name}\";\n{}\n}})();\n",
        scripts.join("\n")
    );
    if script.to_ascii_lowercase().contains("</script") {
        return Err(Error::Bundle(
            "the script contains \"</script\", which would end an inline script early".into(),
        ));
    }
    Ok(script)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_script_holds_everything_inside_one_scope() {
        let script = viewer_script(
            "let wasm_bindgen;",
            &[0, 97, 115, 109],
            "seeds",
            &["a();".into(), "b();".into()],
        )
        .unwrap();
        assert!(script.starts_with("(() => {"));
        assert!(script.contains("const CORPUS_VIEWER_WASM = \"AGFzbQ==\";"));
        assert!(script.contains("const CORPUS_VIEWER_NAME = \"seeds\";\na();\nb();\n})();"));
    }

    #[test]
    fn the_page_keeps_the_module_in_a_data_block_and_takes_the_title() {
        let shell = format!("<title>x</title><body>{SCRIPT_PLACEHOLDER}</body>");
        let html = page(
            &shell,
            "let wasm_bindgen;",
            &[0, 97, 115, 109],
            "seeds",
            &["a();".into()],
            Some("A <b> & c"),
        )
        .unwrap();
        assert!(html.starts_with(
            "<title>A &lt;b&gt; &amp; c</title><body><script type=\"application/octet-stream\" data-corpus-viewer-wasm=\"seeds\">AGFzbQ==</script>\n<script>\n(() => {"
        ));
        assert!(html.contains("const CORPUS_VIEWER_WASM = null;"));
        assert!(html.ends_with("})();\n</script></body>"));
    }

    #[test]
    fn a_module_too_large_for_a_browser_string_is_refused_with_what_to_do() {
        assert!(check_wasm_size(75, 100).is_ok());
        assert!(check_wasm_size(0, 0).is_ok());
        let error = check_wasm_size(76, 100).unwrap_err().to_string();
        assert!(error.contains("too large for a browser"), "{error}");
        assert!(error.contains("--name"), "{error}");
        let error = check_wasm_size(600_000_000, MAX_WASM_BASE64_CHARS)
            .unwrap_err()
            .to_string();
        assert!(
            error.contains("about 600 MB takes 800 MB as base64, over the 500 MB"),
            "{error}"
        );
        assert!(check_wasm_size(370_000_000, MAX_WASM_BASE64_CHARS).is_ok());
    }

    #[test]
    fn a_shell_without_exactly_one_placeholder_is_refused() {
        for shell in ["<body></body>".to_string(), SCRIPT_PLACEHOLDER.repeat(2)] {
            let error = page(&shell, "", &[], "x", &[], None)
                .unwrap_err()
                .to_string();
            assert!(error.contains("exactly once"), "{error}");
        }
    }

    #[test]
    fn a_script_that_would_close_the_tag_or_a_bad_name_is_refused() {
        let error = viewer_script("", &[], "seeds", &["let s = '</SCRIPT>';".into()])
            .unwrap_err()
            .to_string();
        assert!(error.contains("</script"), "{error}");
        for name in ["", "a b", "x\"y", "é"] {
            let error = viewer_script("", &[], name, &[]).unwrap_err().to_string();
            assert!(error.contains("may hold only"), "{name:?}: {error}");
        }
    }
}
