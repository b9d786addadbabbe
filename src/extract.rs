//! The readable text of Markdown and HTML files, with the byte ranges of their headings, so the
//! reader can show headings as headings. Runs at build time, natively.

use std::ops::Range;

use pulldown_cmark::{Event, Parser, Tag, TagEnd};
use scraper::{Html, Node};

/// Text extracted from a marked-up file.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Extracted {
    /// The text: blocks separated by blank lines.
    pub text: String,
    /// Byte ranges of the headings in `text`, in order.
    pub headings: Vec<Range<usize>>,
    /// The document's own title (an HTML `<title>`), if it has one.
    pub title: Option<String>,
    /// The language the document states (the `lang` of an HTML `<html>`), if any.
    pub lang: Option<String>,
}

/// Builds text block by block, collapsing whitespace inside blocks.
#[derive(Default)]
struct TextBuilder {
    out: Extracted,
    heading_start: Option<usize>,
    preformatted: usize,
}

impl TextBuilder {
    fn text(&mut self, text: &str) {
        if self.preformatted > 0 {
            self.out.text.push_str(text);
            return;
        }
        for c in text.chars() {
            if c.is_whitespace() {
                if !self.out.text.is_empty() && !self.out.text.ends_with(char::is_whitespace) {
                    self.out.text.push(' ');
                }
            } else {
                self.out.text.push(c);
            }
        }
    }

    /// Ends the current line.
    fn line_break(&mut self) {
        self.trim_trailing_spaces();
        if !self.out.text.is_empty() && !self.out.text.ends_with('\n') {
            self.out.text.push('\n');
        }
    }

    /// Ends the current block: a blank line follows.
    fn block_break(&mut self) {
        self.line_break();
        if !self.out.text.is_empty() && !self.out.text.ends_with("\n\n") {
            self.out.text.push('\n');
        }
    }

    fn start_heading(&mut self) {
        self.block_break();
        self.heading_start = Some(self.out.text.len());
    }

    fn end_heading(&mut self) {
        self.trim_trailing_spaces();
        if let Some(start) = self.heading_start.take() {
            if self.out.text.len() > start {
                self.out.headings.push(start..self.out.text.len());
            }
        }
        self.block_break();
    }

    fn trim_trailing_spaces(&mut self) {
        let trimmed = self.out.text.trim_end_matches([' ', '\t']).len();
        self.out.text.truncate(trimmed);
    }

    fn finish(mut self) -> Extracted {
        let trimmed = self.out.text.trim_end().len();
        self.out.text.truncate(trimmed);
        self.out
    }
}

/// The text of a CommonMark document: markup dropped, link and image text kept, headings as
/// their own blocks.
pub fn markdown(source: &str) -> Extracted {
    let mut builder = TextBuilder::default();
    for event in Parser::new(source) {
        match event {
            Event::Start(Tag::Heading { .. }) => builder.start_heading(),
            Event::End(TagEnd::Heading(_)) => builder.end_heading(),
            Event::Start(Tag::CodeBlock(_)) => {
                builder.block_break();
                builder.preformatted += 1;
            }
            Event::End(TagEnd::CodeBlock) => {
                builder.preformatted -= 1;
                builder.block_break();
            }
            Event::Start(Tag::Item) => {
                builder.line_break();
                builder.text("• ");
            }
            Event::End(
                TagEnd::Paragraph | TagEnd::List(_) | TagEnd::BlockQuote(_) | TagEnd::Table,
            ) => builder.block_break(),
            Event::End(TagEnd::Item | TagEnd::TableRow | TagEnd::TableHead) => builder.line_break(),
            Event::End(TagEnd::TableCell) => builder.text(" "),
            Event::Text(text) | Event::Code(text) => builder.text(&text),
            Event::SoftBreak => builder.text(" "),
            Event::HardBreak => builder.line_break(),
            Event::Rule => builder.block_break(),
            _ => {}
        }
    }
    builder.finish()
}

/// Elements whose content is never shown.
const HIDDEN: &[&str] = &[
    "script", "style", "noscript", "template", "head", "svg", "math", "iframe", "object",
];
/// Elements that start a new block of text.
const BLOCKS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "body",
    "details",
    "div",
    "dl",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "header",
    "hr",
    "main",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "ul",
];

/// The visible text of an HTML document: scripts, styles and the head dropped, blocks separated,
/// headings `h1`–`h6` as their own blocks, and the `<title>` as the title.
pub fn html(source: &str) -> Extracted {
    let document = Html::parse_document(source);
    let mut builder = TextBuilder::default();
    walk(document.tree.root(), &mut builder);
    let mut extracted = builder.finish();
    extracted.title = document
        .tree
        .root()
        .descendants()
        .find_map(|node| match node.value() {
            Node::Element(e) if e.name() == "title" => {
                let text: String = node
                    .children()
                    .filter_map(|c| c.value().as_text().map(|t| t.to_string()))
                    .collect();
                let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
                (!text.is_empty()).then_some(text)
            }
            _ => None,
        });
    extracted.lang = document
        .root_element()
        .value()
        .attr("lang")
        .map(str::to_string);
    extracted
}

fn walk(node: ego_tree::NodeRef<'_, Node>, builder: &mut TextBuilder) {
    match node.value() {
        Node::Text(text) => builder.text(text),
        Node::Element(element) => {
            let name = element.name();
            if HIDDEN.contains(&name) || element.attr("hidden").is_some() {
                return;
            }
            let heading = matches!(name, "h1" | "h2" | "h3" | "h4" | "h5" | "h6");
            let block = BLOCKS.contains(&name);
            let line = matches!(name, "li" | "tr" | "dt" | "dd");
            if heading {
                builder.start_heading();
            } else if block {
                builder.block_break();
            } else if line {
                builder.line_break();
            }
            if name == "pre" {
                builder.preformatted += 1;
            }
            if name == "br" {
                builder.line_break();
            }
            for child in node.children() {
                walk(child, builder);
            }
            if name == "pre" {
                builder.preformatted -= 1;
            }
            if heading {
                builder.end_heading();
            } else if line {
                builder.line_break();
            } else if block {
                builder.block_break();
            } else if matches!(name, "td" | "th") {
                builder.text(" ");
            }
        }
        Node::Document | Node::Fragment => {
            for child in node.children() {
                walk(child, builder);
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headings(e: &Extracted) -> Vec<&str> {
        e.headings.iter().map(|r| &e.text[r.clone()]).collect()
    }

    #[test]
    fn markdown_keeps_text_and_headings_and_drops_markup() {
        let e = markdown("# The *Title*\n\nSome **bold** [link](http://x) text.\nNext line.\n\n## Part two\n\n- one\n- two\n\n```\ncode  kept\n```\n");
        assert_eq!(
            e.text,
            "The Title\n\nSome bold link text. Next line.\n\nPart two\n\n• one\n• two\n\ncode  kept"
        );
        assert_eq!(headings(&e), ["The Title", "Part two"]);
    }

    #[test]
    fn html_keeps_visible_text_only() {
        let e = html(
            "<!doctype html><html><head><title> A  page </title><style>p{color:red}</style>\
             <script>alert(1)</script></head><body><h1>Heading</h1><p>First <b>para</b>\n graph.</p>\
             <script>var x = 1;</script><div hidden>secret</div><ul><li>a</li><li>b</li></ul>\
             <p>Caf&eacute; &amp; more<br>after break</p></body></html>",
        );
        assert_eq!(
            e.text,
            "Heading\n\nFirst para graph.\n\na\nb\n\nCafé & more\nafter break"
        );
        assert_eq!(headings(&e), ["Heading"]);
        assert_eq!(e.title.as_deref(), Some("A page"));
    }

    #[test]
    fn html_without_title_or_body_still_reads() {
        let e = html("just text");
        assert_eq!(e.text, "just text");
        assert_eq!(e.title, None);
        assert!(html("").text.is_empty());
    }
}
