//! The documents as an index writes them: column after column, in one run of bytes that a
//! plain loop reads back (`docs/format.md`, the core's `documents`). Read field by field through
//! serde, half a million documents took a browser over 100 ms before its optimizing compiler
//! had run; and a column of sources or dates, each written once in a table and named by
//! number, deflates to little.

use super::{Documents, Lists, Table, Texts, ABSENT};

/// The fewest bytes a document takes: one for each of its eleven columns.
const LEAST_BYTES: usize = 11;

/// `documents`, written.
pub(super) fn write(documents: &Documents) -> Vec<u8> {
    let mut out = Vec::new();
    varint(&mut out, documents.len() as u32);
    front_coded(&mut out, &documents.ids);
    texts(&mut out, &documents.titles);
    for (i, &has) in documents.has_url.iter().enumerate() {
        let length = documents.urls.get(i).len() as u32;
        varint(&mut out, if has { length + 1 } else { 0 });
    }
    out.extend_from_slice(documents.urls.text.as_bytes());
    table(&mut out, &documents.source_names);
    for &number in &documents.sources {
        varint(&mut out, number);
    }
    for (names, numbers) in [
        (&documents.date_names, &documents.dates),
        (&documents.lang_names, &documents.langs),
    ] {
        table(&mut out, names);
        for &number in numbers {
            varint(&mut out, if number == ABSENT { 0 } else { number + 1 });
        }
    }
    table(&mut out, &documents.tag_names);
    lists(&mut out, &documents.tags, |out, &tag, _| varint(out, tag));
    for ranges in [&documents.headings, &documents.code] {
        lists(&mut out, ranges, |out, &[start, end], _| {
            varint(out, start);
            varint(out, end.saturating_sub(start));
        });
    }
    for &words in &documents.words {
        varint(&mut out, words);
    }
    // Each list of checkpoints as steps, the first from 0.
    let mut previous = 0;
    lists(&mut out, &documents.checkpoints, |out, &offset, first| {
        if first {
            previous = 0;
        }
        varint(out, offset.saturating_sub(previous));
        previous = offset.max(previous);
    });
    out
}

/// Documents read back from what [`write`] wrote; an error that says what does not hold
/// together.
pub(super) fn read(bytes: &[u8]) -> Result<Documents, &'static str> {
    let mut reader = Reader { bytes };
    // Room is never made for more documents than the bytes can hold.
    let count = reader.varint()? as usize;
    if count > bytes.len() / LEAST_BYTES {
        return Err("more documents than bytes");
    }
    let mut documents = Documents::default();
    for column in [
        &mut documents.sources,
        &mut documents.dates,
        &mut documents.langs,
        &mut documents.words,
    ] {
        column.reserve(count);
    }
    documents.has_url.reserve(count);
    documents.urls.ends.reserve(count);
    documents.ids = reader.front_coded(count)?;
    documents.titles = reader.texts(count)?;
    let mut total = 0u32;
    for _ in 0..count {
        let length = reader.varint()?;
        documents.has_url.push(length > 0);
        total = total
            .checked_add(length.saturating_sub(1))
            .ok_or("URLs past 4 GiB")?;
        documents.urls.ends.push(total);
    }
    documents.urls.text = reader.text(total as usize)?;
    documents.urls.check()?;
    documents.source_names = reader.table()?;
    let sources = documents.source_names.names.len() as u32;
    for _ in 0..count {
        let number = reader.varint()?;
        if number >= sources {
            return Err("a source out of range");
        }
        documents.sources.push(number);
    }
    for (names, numbers) in [
        (&mut documents.date_names, &mut documents.dates),
        (&mut documents.lang_names, &mut documents.langs),
    ] {
        *names = reader.table()?;
        let named = names.names.len() as u32;
        for _ in 0..count {
            numbers.push(match reader.varint()? {
                0 => ABSENT,
                number if number <= named => number - 1,
                _ => return Err("a date or language out of range"),
            });
        }
    }
    documents.tag_names = reader.table()?;
    let tags = documents.tag_names.names.len() as u32;
    documents.tags = reader.lists(count, |reader, _| {
        let tag = reader.varint()?;
        (tag < tags).then_some(tag).ok_or("a tag out of range")
    })?;
    let range = |reader: &mut Reader, _| {
        let start = reader.varint()?;
        let end = start
            .checked_add(reader.varint()?)
            .ok_or("a range past 4 GiB")?;
        Ok([start, end])
    };
    documents.headings = reader.lists(count, range)?;
    documents.code = reader.lists(count, range)?;
    for _ in 0..count {
        let words = reader.varint()?;
        documents.words.push(words);
    }
    let mut previous = 0u32;
    documents.checkpoints = reader.lists(count, |reader, first| {
        if first {
            previous = 0;
        }
        let step = reader.varint()?;
        previous = previous
            .checked_add(step)
            .ok_or("a checkpoint past 4 GiB")?;
        Ok(previous)
    })?;
    if !reader.bytes.is_empty() {
        return Err("bytes after the documents");
    }
    Ok(documents)
}

fn varint(out: &mut Vec<u8>, value: u32) {
    super::super::postings::write_varint(out, value);
}

/// Strings: the length of each, then their bytes.
fn texts(out: &mut Vec<u8>, texts: &Texts) {
    let mut start = 0;
    for &end in &texts.ends {
        varint(out, end - start);
        start = end;
    }
    out.extend_from_slice(texts.text.as_bytes());
}

/// The most bytes a string written by [`front_coded`] shares with the one before: what the
/// strings read back take is then bounded by the bytes read.
const MOST_SHARED: usize = 255;

/// Strings each written as the bytes it shares with the one before (at most [`MOST_SHARED`])
/// and the rest: ids are paths, and neighbours share most of theirs. For each string, how
/// many bytes it shares and how many follow; then those that follow, one string after
/// another.
fn front_coded(out: &mut Vec<u8>, texts: &Texts) {
    let mut previous: &[u8] = &[];
    let mut rests = Vec::new();
    for i in 0..texts.ends.len() {
        let text = texts.get(i).as_bytes();
        let shared = (text.iter().zip(previous))
            .take(MOST_SHARED)
            .take_while(|(a, b)| a == b)
            .count();
        varint(out, shared as u32);
        varint(out, (text.len() - shared) as u32);
        rests.extend_from_slice(&text[shared..]);
        previous = text;
    }
    out.extend_from_slice(&rests);
}

/// A table of names: how many, then each one's length and bytes.
fn table(out: &mut Vec<u8>, table: &Table) {
    varint(out, table.names.len() as u32);
    for name in &table.names {
        varint(out, name.len() as u32);
        out.extend_from_slice(name.as_bytes());
    }
}

/// Lists: the length of each, then their items.
/// `item` writes one item, told whether it is the first of its list.
fn lists<T>(out: &mut Vec<u8>, lists: &Lists<T>, mut item: impl FnMut(&mut Vec<u8>, &T, bool)) {
    let mut start = 0;
    for &end in &lists.ends {
        varint(out, end - start);
        start = end;
    }
    let mut start = 0;
    for &end in &lists.ends {
        for (i, value) in lists.values[start..end as usize].iter().enumerate() {
            item(out, value, i == 0);
        }
        start = end as usize;
    }
}

/// The bytes not yet read.
struct Reader<'a> {
    bytes: &'a [u8],
}

impl Reader<'_> {
    fn varint(&mut self) -> Result<u32, &'static str> {
        super::super::postings::read_varint(&mut self.bytes).ok_or("a number is cut short")
    }

    fn take(&mut self, length: usize) -> Result<&[u8], &'static str> {
        let (taken, rest) = self
            .bytes
            .split_at_checked(length)
            .ok_or("the documents are cut short")?;
        self.bytes = rest;
        Ok(taken)
    }

    fn text(&mut self, length: usize) -> Result<String, &'static str> {
        let bytes = self.take(length)?;
        String::from_utf8(bytes.to_vec()).map_err(|_| "a string is not UTF-8")
    }

    /// `count` lengths, as where each of the strings or lists they measure ends.
    fn ends(&mut self, count: usize) -> Result<Vec<u32>, &'static str> {
        let mut ends = Vec::with_capacity(count);
        let mut total = 0u32;
        for _ in 0..count {
            total = total
                .checked_add(self.varint()?)
                .ok_or("lengths past 4 GiB")?;
            ends.push(total);
        }
        Ok(ends)
    }

    fn texts(&mut self, count: usize) -> Result<Texts, &'static str> {
        let ends = self.ends(count)?;
        let total = ends.last().copied().unwrap_or(0);
        let texts = Texts {
            text: self.text(total as usize)?,
            ends,
        };
        texts.check()?;
        Ok(texts)
    }

    /// Strings as [`front_coded`] writes them.
    fn front_coded(&mut self, count: usize) -> Result<Texts, &'static str> {
        let mut parts = Vec::with_capacity(count.min(self.bytes.len() / 2));
        let mut total = 0usize;
        // What the strings take read back, known before they are: the buffer is made once
        // (growing it as they came copied the ids of a large collection over and over).
        let (mut length, mut previous) = (0usize, 0usize);
        for _ in 0..count {
            let (shared, rest) = (self.varint()? as usize, self.varint()? as usize);
            if shared > previous.min(MOST_SHARED) {
                return Err("a string shares more than the one before holds");
            }
            total = total.checked_add(rest).ok_or("strings past 4 GiB")?;
            previous = shared + rest;
            length = length
                .checked_add(previous)
                .filter(|&length| length <= u32::MAX as usize)
                .ok_or("strings past 4 GiB")?;
            parts.push((shared, rest));
        }
        let mut rests = self.take(total)?;
        let mut text = Vec::with_capacity(length);
        let mut ends = Vec::with_capacity(count);
        let mut start = 0;
        for (shared, rest) in parts {
            let previous = text.len() - start;
            start = text.len();
            text.extend_from_within(start - previous..start - previous + shared);
            let (own, after) = rests.split_at(rest);
            text.extend_from_slice(own);
            rests = after;
            // Within 4 GiB: `length` was.
            ends.push(text.len() as u32);
        }
        let texts = Texts {
            text: String::from_utf8(text).map_err(|_| "a string is not UTF-8")?,
            ends,
        };
        texts.check()?;
        Ok(texts)
    }

    fn table(&mut self) -> Result<Table, &'static str> {
        let count = self.varint()? as usize;
        if count > self.bytes.len() {
            return Err("more names than bytes");
        }
        let mut table = Table::default();
        for _ in 0..count {
            let length = self.varint()? as usize;
            let name =
                std::str::from_utf8(self.take(length)?).map_err(|_| "a name is not UTF-8")?;
            table.add(name);
        }
        Ok(table)
    }

    /// Lists as [`lists`] writes them; `item` reads one item, told whether it is the first
    /// of its list.
    fn lists<T>(
        &mut self,
        count: usize,
        mut item: impl FnMut(&mut Self, bool) -> Result<T, &'static str>,
    ) -> Result<Lists<T>, &'static str> {
        let ends = self.ends(count)?;
        let total = ends.last().copied().unwrap_or(0);
        if total as usize > self.bytes.len() {
            return Err("more items than bytes");
        }
        let mut values = Vec::with_capacity(total as usize);
        let mut start = 0;
        for &end in &ends {
            for i in start..end {
                values.push(item(self, i == start)?);
            }
            start = end;
        }
        Ok(Lists { values, ends })
    }
}

impl Texts {
    /// Whether each string ends on a character's boundary.
    fn check(&self) -> Result<(), &'static str> {
        let fits = self
            .ends
            .iter()
            .all(|&end| self.text.is_char_boundary(end as usize));
        fits.then_some(())
            .ok_or("a string is cut inside a character")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_string_that_shares_more_than_the_one_before_holds_is_refused() {
        let read = |numbers: &[u32]| {
            let mut bytes = Vec::new();
            for &number in numbers {
                varint(&mut bytes, number);
            }
            bytes.extend_from_slice(b"ab");
            Reader { bytes: &bytes }.front_coded(2).map(|t| t.text)
        };
        assert_eq!(read(&[0, 1, 1, 1]).unwrap(), "aab");
        assert!(read(&[0, 1, 2, 1]).is_err());
        assert!(read(&[0, 1, 1, 2]).is_err(), "more bytes than there are");
    }
}
