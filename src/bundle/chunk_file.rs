//! The file a chunk of a chunked viewer is written as: one classic script that serves both ways
//! a page loads it. From `file://`, where pages may not fetch, the page adds it as a script
//! read as windows-1252 (`charset` on the element), and it hands its bytes over as a string of
//! one character a byte; over http the page fetches the same file and takes the bytes out of
//! the string literal itself ([`chunk_from_file`], and `chunkFromFile` in the page).
//!
//! The bytes stand in a JavaScript string literal as they are, but for the four a literal may
//! not hold raw: `"`, `\`, line feed and carriage return, written `\"`, `\\`, `\n` and `\r`.
//! Every other byte is one character in windows-1252 (bytes 0x80–0x9F are characters such as
//! `€` there, which the page maps back), so the file is about 1.6% longer than the chunk (four
//! bytes in 256 take two), where base64 would make it a third longer, and one file a chunk
//! rather than two halves what a build writes.

/// What a chunk's file holds before its bytes.
pub const CHUNK_FILE_START: &[u8] =
    b"document.currentScript.dispatchEvent(new CustomEvent(\"corpus-viewer-chunk\", { detail: \"";

/// What a chunk's file holds after its bytes.
pub const CHUNK_FILE_END: &[u8] = b"\" }));\n";

/// The escaped form of `byte` in the string literal, or `None` for a byte written as it is.
const fn escape(byte: u8) -> Option<u8> {
    match byte {
        b'"' => Some(b'"'),
        b'\\' => Some(b'\\'),
        b'\n' => Some(b'n'),
        b'\r' => Some(b'r'),
        _ => None,
    }
}

/// The byte an escape `\c` in the string literal stands for, if `c` is one the file uses.
fn unescape(c: u8) -> Option<u8> {
    match c {
        b'"' => Some(b'"'),
        b'\\' => Some(b'\\'),
        b'n' => Some(b'\n'),
        b'r' => Some(b'\r'),
        _ => None,
    }
}

/// The file of a chunk of `bytes`: a classic script that hands them, as the `detail` of a
/// `corpus-viewer-chunk` event on its own element, to the page that added it, and defines no
/// name.
pub fn chunk_file(bytes: &[u8]) -> Vec<u8> {
    // Room for twice the share of escapes that bytes of deflated data have (4 in 256).
    let room = CHUNK_FILE_START.len() + bytes.len() + bytes.len() / 32 + CHUNK_FILE_END.len();
    let mut file = Vec::with_capacity(room);
    file.extend_from_slice(CHUNK_FILE_START);
    let mut from = 0;
    while let Some(offset) = bytes[from..].iter().position(|&b| ESCAPED[usize::from(b)]) {
        let at = from + offset;
        file.extend_from_slice(&bytes[from..at]);
        file.extend_from_slice(&[b'\\', escape(bytes[at]).unwrap_or(bytes[at])]);
        from = at + 1;
    }
    file.extend_from_slice(&bytes[from..]);
    file.extend_from_slice(CHUNK_FILE_END);
    file
}

/// Whether each byte is escaped in a chunk's file.
const ESCAPED: [bool; 256] = {
    let mut escaped = [false; 256];
    let mut byte = 0;
    while byte < 256 {
        escaped[byte] = escape(byte as u8).is_some();
        byte += 1;
    }
    escaped
};

/// The manifest's script, for pages opened from `file://`: the same script as a chunk's file,
/// its bytes in base64, which a browser reads faster (see `chunk_files` in `crate::bundle`).
pub fn manifest_file(bytes: &[u8]) -> Vec<u8> {
    use base64::Engine as _;
    let base64 = base64::engine::general_purpose::STANDARD.encode(bytes);
    [CHUNK_FILE_START, base64.as_bytes(), CHUNK_FILE_END].concat()
}

/// The chunk a chunk's file holds, or `None` when `file` is not one as [`chunk_file`] writes
/// them (cut short, or changed where it escapes a byte).
pub fn chunk_from_file(file: &[u8]) -> Option<Vec<u8>> {
    let literal = file
        .strip_prefix(CHUNK_FILE_START)?
        .strip_suffix(CHUNK_FILE_END)?;
    let mut bytes = Vec::with_capacity(literal.len());
    let mut rest = literal.iter();
    while let Some(&byte) = rest.next() {
        match byte {
            b'\\' => bytes.push(unescape(*rest.next()?)?),
            // Raw, these would end the literal or the line: the file was changed.
            b'"' | b'\n' | b'\r' => return None,
            _ => bytes.push(byte),
        }
    }
    Some(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_byte_comes_back_from_its_chunk_file() {
        let bytes: Vec<u8> = (0..=255u8).chain((0..=255u8).rev()).collect();
        let file = chunk_file(&bytes);
        // Four bytes of 256 take two, twice over.
        assert_eq!(
            file.len(),
            CHUNK_FILE_START.len() + bytes.len() + 8 + CHUNK_FILE_END.len()
        );
        assert_eq!(chunk_from_file(&file).as_deref(), Some(&bytes[..]));
        assert_eq!(chunk_from_file(&chunk_file(b"")).as_deref(), Some(&b""[..]));
        let literal = &file[CHUNK_FILE_START.len()..file.len() - CHUNK_FILE_END.len()];
        // No byte that would end the literal or its line stands raw in it.
        let mut raw = Vec::new();
        let mut bytes_of_literal = literal.iter();
        while let Some(&byte) = bytes_of_literal.next() {
            if byte == b'\\' {
                bytes_of_literal.next();
            } else {
                raw.push(byte);
            }
        }
        assert_eq!(raw.len(), bytes.len() - 8);
        assert!(!raw.iter().any(|b| [b'"', b'\n', b'\r'].contains(b)));
        assert_eq!(
            String::from_utf8_lossy(&chunk_file(b"a\"b\\c\nd\re")),
            "document.currentScript.dispatchEvent(new CustomEvent(\"corpus-viewer-chunk\", { detail: \"a\\\"b\\\\c\\nd\\re\" }));\n"
        );
    }

    #[test]
    fn a_chunk_file_cut_short_or_changed_where_it_escapes_gives_nothing() {
        let file = chunk_file(b"x\"y\nz");
        assert_eq!(chunk_from_file(&file[..file.len() - 1]), None);
        assert_eq!(chunk_from_file(&file[1..]), None);
        // `\"` made `\q`, and `\n` made a raw quote.
        let at = CHUNK_FILE_START.len() + 2;
        let mut changed = file.clone();
        changed[at] = b'q';
        assert_eq!(chunk_from_file(&changed), None);
        let mut changed = file.clone();
        changed[at + 3] = b'"';
        changed[at + 2] = b'y';
        assert_eq!(chunk_from_file(&changed), None);
        // A backslash last in the literal escapes the closing quote.
        let mut ending = CHUNK_FILE_START.to_vec();
        ending.push(b'\\');
        ending.extend_from_slice(CHUNK_FILE_END);
        assert_eq!(chunk_from_file(&ending), None);
    }
}
