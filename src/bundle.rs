//! Assembling the single-file page: the HTML shell, with the wasm-bindgen glue, the Wasm module
//! (base64) and the viewer script inlined into one classic `<script>`.
//!
//! A classic inline script is the one form that runs from `file://`: module scripts and fetched
//! Wasm are blocked there by CORS. Everything sits inside one function scope, so the page gains
//! no global name but the custom element's.

use base64::Engine as _;

use crate::error::Error;

/// The line of the HTML shell that the script replaces.
pub const SCRIPT_PLACEHOLDER: &str = "<!-- corpus-viewer:script -->";

/// The viewer script, ready to inline or to serve as one file: the glue of wasm-bindgen's
/// `no-modules` target, the Wasm as `CORPUS_VIEWER_WASM` (base64), then the viewer code, all
/// in one function scope.
pub fn viewer_script(glue: &str, wasm: &[u8], viewer: &str) -> String {
    let encoded = base64::engine::general_purpose::STANDARD.encode(wasm);
    format!(
        "(() => {{\n\"use strict\";\n{glue}\nconst CORPUS_VIEWER_WASM = \"{encoded}\";\n{viewer}\n}})();\n"
    )
}

/// The page: `shell` with its [`SCRIPT_PLACEHOLDER`] replaced by `script` in a `<script>`.
pub fn page(shell: &str, script: &str) -> Result<String, Error> {
    match shell.matches(SCRIPT_PLACEHOLDER).count() {
        1 => {}
        n => {
            return Err(Error::Bundle(format!(
                "the HTML shell must hold {SCRIPT_PLACEHOLDER} exactly once, not {n} times"
            )))
        }
    }
    if script.to_ascii_lowercase().contains("</script") {
        return Err(Error::Bundle(
            "the script contains \"</script\", which would end the inline script early".into(),
        ));
    }
    Ok(shell.replace(SCRIPT_PLACEHOLDER, &format!("<script>\n{script}</script>")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_script_is_inlined_once_inside_one_scope() {
        let script = viewer_script("let wasm_bindgen;", &[0, 97, 115, 109], "customElements;");
        assert!(script.starts_with("(() => {"));
        assert!(script.contains("const CORPUS_VIEWER_WASM = \"AGFzbQ==\";"));
        let html = page(&format!("<body>{SCRIPT_PLACEHOLDER}</body>"), &script).unwrap();
        assert!(html.starts_with("<body><script>\n(() => {"));
        assert!(html.ends_with("})();\n</script></body>"));
    }

    #[test]
    fn a_shell_without_exactly_one_placeholder_is_refused() {
        for shell in ["<body></body>".to_string(), SCRIPT_PLACEHOLDER.repeat(2)] {
            let error = page(&shell, "x").unwrap_err().to_string();
            assert!(error.contains("exactly once"), "{error}");
        }
    }

    #[test]
    fn a_script_that_would_close_the_tag_is_refused() {
        let error = page(SCRIPT_PLACEHOLDER, "let s = '</SCRIPT>';")
            .unwrap_err()
            .to_string();
        assert!(error.contains("</script"), "{error}");
    }
}
