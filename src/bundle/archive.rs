//! A viewer's files as one ZIP archive, for the maker page: a browser saves one file, and a
//! chunked viewer is a folder. The entries are stored as they are (the chunks are deflated
//! already), each with its CRC-32 (crc32fast), in the archive format every system unpacks
//! (PKWARE's APPNOTE, without its 64-bit extension: an archive past 4 GiB or 65,535 files is
//! refused, and the command writes such viewers).

use crate::error::BuildError;

/// Local file header, central directory header, end of central directory.
const LOCAL: u32 = 0x0403_4b50;
const CENTRAL: u32 = 0x0201_4b50;
const END: u32 = 0x0605_4b50;
/// Version 2.0 of the format: what stored entries and folders need.
const VERSION: u16 = 20;
/// General purpose flag 11: names are UTF-8.
const UTF8_NAMES: u16 = 1 << 11;
/// 1980-01-01 00:00 in MS-DOS time: the archive of the same files is the same bytes.
const DOS_DATE: u16 = (1 << 5) | 1;

/// The files (`path`, bytes), in order, as one stored ZIP archive.
pub fn zip_stored(files: &[(String, Vec<u8>)]) -> Result<Vec<u8>, BuildError> {
    let too_large = || {
        BuildError::Bundle(format!(
            "this viewer ({} files, {} MB) is too large for one archive: make it with the \
             corpus-viewer command, which writes the folder itself",
            files.len(),
            files.iter().map(|(_, b)| b.len() as u64).sum::<u64>() / 1_000_000
        ))
    };
    let entries = u16::try_from(files.len()).map_err(|_| too_large())?;
    let total: usize = files.iter().map(|(p, b)| 30 + p.len() + b.len()).sum();
    let mut out = Vec::with_capacity(total);
    let mut central = Vec::new();
    for (path, bytes) in files {
        let offset = u32::try_from(out.len()).map_err(|_| too_large())?;
        let size = u32::try_from(bytes.len()).map_err(|_| too_large())?;
        let name = u16::try_from(path.len()).map_err(|_| too_large())?;
        let crc = crc32fast::hash(bytes);
        let fields = |out: &mut Vec<u8>| {
            out.extend_from_slice(&UTF8_NAMES.to_le_bytes());
            out.extend_from_slice(&0u16.to_le_bytes()); // stored
            out.extend_from_slice(&0u16.to_le_bytes()); // time
            out.extend_from_slice(&DOS_DATE.to_le_bytes());
            out.extend_from_slice(&crc.to_le_bytes());
            out.extend_from_slice(&size.to_le_bytes()); // compressed
            out.extend_from_slice(&size.to_le_bytes()); // uncompressed
            out.extend_from_slice(&name.to_le_bytes());
            out.extend_from_slice(&0u16.to_le_bytes()); // extra field
        };
        out.extend_from_slice(&LOCAL.to_le_bytes());
        out.extend_from_slice(&VERSION.to_le_bytes());
        fields(&mut out);
        out.extend_from_slice(path.as_bytes());
        out.extend_from_slice(bytes);

        central.extend_from_slice(&CENTRAL.to_le_bytes());
        central.extend_from_slice(&VERSION.to_le_bytes()); // made by
        central.extend_from_slice(&VERSION.to_le_bytes()); // needed
        fields(&mut central);
        central.extend_from_slice(&[0; 6]); // comment, disk, internal attributes
        central.extend_from_slice(&0u32.to_le_bytes()); // external attributes
        central.extend_from_slice(&offset.to_le_bytes());
        central.extend_from_slice(path.as_bytes());
    }
    let central_offset = u32::try_from(out.len()).map_err(|_| too_large())?;
    let central_size = u32::try_from(central.len()).map_err(|_| too_large())?;
    out.extend_from_slice(&central);
    out.extend_from_slice(&END.to_le_bytes());
    out.extend_from_slice(&[0; 4]); // this disk, the central directory's disk
    out.extend_from_slice(&entries.to_le_bytes());
    out.extend_from_slice(&entries.to_le_bytes());
    out.extend_from_slice(&central_size.to_le_bytes());
    out.extend_from_slice(&central_offset.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes()); // comment
    u32::try_from(out.len()).map_err(|_| too_large())?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn u16_at(bytes: &[u8], at: usize) -> usize {
        u16::from_le_bytes([bytes[at], bytes[at + 1]]) as usize
    }

    fn u32_at(bytes: &[u8], at: usize) -> usize {
        u32::from_le_bytes(bytes[at..at + 4].try_into().unwrap()) as usize
    }

    /// The entries an archive's central directory lists, read back from their local headers.
    fn entries(archive: &[u8]) -> Vec<(String, Vec<u8>)> {
        let end = archive.len() - 22;
        assert_eq!(u32_at(archive, end), END as usize);
        let (count, mut at) = (u16_at(archive, end + 10), u32_at(archive, end + 16));
        (0..count)
            .map(|_| {
                assert_eq!(u32_at(archive, at), CENTRAL as usize);
                let (crc, size, name) = (
                    u32_at(archive, at + 16),
                    u32_at(archive, at + 24),
                    u16_at(archive, at + 28),
                );
                let local = u32_at(archive, at + 42);
                let path = String::from_utf8(archive[at + 46..at + 46 + name].to_vec()).unwrap();
                at += 46 + name;
                assert_eq!(u32_at(archive, local), LOCAL as usize);
                assert_eq!(u32_at(archive, local + 14), crc);
                let data = local + 30 + u16_at(archive, local + 26);
                let bytes = archive[data..data + size].to_vec();
                assert_eq!(crc32fast::hash(&bytes) as usize, crc);
                (path, bytes)
            })
            .collect()
    }

    #[test]
    fn the_archive_lists_every_file_with_its_bytes() {
        let files = vec![
            ("index.html".to_string(), b"<!doctype html>".to_vec()),
            ("corpus/0a1b.bin".to_string(), vec![0, 255, 7, 7, 7]),
            ("corpus/caf\u{e9}.js".to_string(), Vec::new()),
        ];
        let archive = zip_stored(&files).unwrap();
        assert_eq!(entries(&archive), files);
        assert_eq!(
            zip_stored(&files).unwrap(),
            archive,
            "the same bytes every time"
        );
    }

    #[test]
    fn more_files_than_the_format_counts_are_refused() {
        let files: Vec<(String, Vec<u8>)> =
            (0..70_000).map(|i| (format!("{i}"), Vec::new())).collect();
        let error = zip_stored(&files).unwrap_err().to_string();
        assert!(error.contains("70000 files"), "{error}");
        assert!(error.contains("corpus-viewer command"), "{error}");
    }
}
