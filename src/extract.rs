//! The readable text of Markdown and HTML files, with the byte ranges of their headings and of
//! their code, so the reader can show headings as headings and code in a monospace face; and
//! what the files say of themselves (title, date, source, language, tags). Runs at build time,
//! natively.

use std::collections::BTreeMap;
use std::ops::Range;

use ego_tree::NodeRef;
use pulldown_cmark::{Event, MetadataBlockKind, Options, Parser, Tag, TagEnd};
use scraper::{Html, Node};

/// Text extracted from a marked-up file.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Extracted {
    /// The text: blocks separated by blank lines.
    pub text: String,
    /// Byte ranges of the headings in `text`, in order.
    pub headings: Vec<Range<usize>>,
    /// Byte ranges of code in `text`, in order and disjoint: code blocks (their line breaks
    /// kept) and inline code, `kbd` and `samp`.
    pub code: Vec<Range<usize>>,
    /// The document's tags as written (a Markdown front matter's `tags`, `keywords` and
    /// `categories`, an HTML `<meta name="keywords">`), each list item or comma-separated part
    /// one tag; see [`tags`] for how they are kept.
    pub tags: Vec<String>,
    /// The document's own title (an HTML `<title>`), if it has one.
    pub title: Option<String>,
    /// The language the document states (the `lang` of an HTML `<html>`, or a Markdown
    /// front matter's `lang`), if any.
    pub lang: Option<String>,
    /// The date a Markdown front matter gives, as written.
    pub date: Option<String>,
    /// The source a Markdown front matter gives (`source`, else `author`).
    pub source: Option<String>,
    /// Where an HTML redirect stub (`<meta http-equiv="refresh">` with a URL) sends its
    /// reader: such a page is not a document.
    pub redirect: Option<String>,
    /// Whether an HTML page held text only in its site chrome (navigation, banners, sidebars),
    /// which is dropped: the page has nothing of its own.
    pub only_chrome: bool,
    /// Why a Markdown front matter could not be read, if it could not.
    pub front_matter_error: Option<String>,
}

/// Builds text block by block, collapsing whitespace inside blocks.
#[derive(Default)]
struct TextBuilder {
    out: Extracted,
    /// Whether the site's chrome is kept (to tell whether a page held anything else).
    keep_chrome: bool,
    heading_start: Option<usize>,
    preformatted: usize,
    /// Where the outermost code element open began, and how many are open (a `code` inside a
    /// `pre` is one range).
    code_start: Option<usize>,
    code_depth: usize,
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

    fn start_code(&mut self) {
        if self.code_depth == 0 {
            self.code_start = Some(self.out.text.len());
        }
        self.code_depth += 1;
    }

    /// Ends a code element; the outermost one becomes a range, without the whitespace at its
    /// ends (a block's last line break, the space that collapsing left before inline code).
    fn end_code(&mut self) {
        self.code_depth = self.code_depth.saturating_sub(1);
        if self.code_depth > 0 {
            return;
        }
        if let Some(start) = self.code_start.take() {
            let code = self.out.text[start..].trim_end();
            // A block keeps the indentation of its first line.
            let kept = if self.preformatted > 0 {
                code.trim_start_matches(['\n', '\r'])
            } else {
                code.trim_start()
            };
            let end = start + code.len();
            let start = end - kept.len();
            if end > start {
                self.out.code.push(start..end);
            }
        }
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
    let options = Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
        | Options::ENABLE_PLUSES_DELIMITED_METADATA_BLOCKS;
    let mut metadata: Option<(MetadataBlockKind, String)> = None;
    let mut front: Option<Result<FrontMatter, String>> = None;
    for event in Parser::new_ext(source, options) {
        if let Some((_, block)) = &mut metadata {
            match event {
                Event::Text(text) => block.push_str(&text),
                Event::End(TagEnd::MetadataBlock(_)) => {
                    if let Some((kind, block)) = metadata.take() {
                        front = Some(FrontMatter::read(kind, &block));
                    }
                }
                _ => {}
            }
            continue;
        }
        match event {
            Event::Start(Tag::MetadataBlock(kind)) => metadata = Some((kind, String::new())),
            Event::Start(Tag::Heading { .. }) => builder.start_heading(),
            Event::End(TagEnd::Heading(_)) => builder.end_heading(),
            Event::Start(Tag::CodeBlock(_)) => {
                builder.block_break();
                builder.preformatted += 1;
                builder.start_code();
            }
            Event::End(TagEnd::CodeBlock) => {
                builder.end_code();
                builder.preformatted -= 1;
                builder.block_break();
            }
            Event::Code(text) => {
                builder.start_code();
                builder.text(&text);
                builder.end_code();
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
            Event::Text(text) => builder.text(&text),
            Event::SoftBreak => builder.text(" "),
            Event::HardBreak => builder.line_break(),
            Event::Rule => builder.block_break(),
            _ => {}
        }
    }
    let mut extracted = builder.finish();
    match front {
        Some(Ok(front)) => {
            extracted.title = front.title;
            extracted.date = front.date;
            extracted.source = front.source;
            extracted.lang = front.lang;
            extracted.tags = front.tags;
        }
        Some(Err(reason)) => extracted.front_matter_error = Some(reason),
        None => {}
    }
    extracted
}

/// What a Markdown front matter (YAML between `---` lines, or TOML between `+++` lines) says
/// of its document.
#[derive(Debug, Default)]
struct FrontMatter {
    title: Option<String>,
    date: Option<String>,
    source: Option<String>,
    lang: Option<String>,
    tags: Vec<String>,
}

impl FrontMatter {
    fn read(kind: MetadataBlockKind, block: &str) -> Result<FrontMatter, String> {
        let fields = match kind {
            MetadataBlockKind::YamlStyle => yaml_fields(block)?,
            MetadataBlockKind::PlusesStyle => toml_fields(block)?,
        };
        let field = |name: &str| {
            fields
                .get(name)
                .and_then(|items| items.first())
                .map(|t| t.trim().to_string())
                .filter(|t| !t.is_empty())
        };
        let listed = ["tags", "keywords", "categories"]
            .iter()
            .filter_map(|name| fields.get(*name))
            .flatten();
        Ok(FrontMatter {
            title: field("title"),
            date: field("date"),
            source: field("source")
                .or_else(|| field("author"))
                .or_else(|| field("authors")),
            lang: field("lang").or_else(|| field("language")),
            tags: tags(listed),
        })
    }
}

/// Tags as an index keeps them: each text split at commas, trimmed, empty ones dropped,
/// sorted and without repeats.
pub fn tags<S: AsRef<str>>(texts: impl IntoIterator<Item = S>) -> Vec<String> {
    let mut tags: Vec<String> = texts
        .into_iter()
        .flat_map(|text| {
            text.as_ref()
                .split(',')
                .map(|tag| tag.split_whitespace().collect::<Vec<_>>().join(" "))
                .collect::<Vec<_>>()
        })
        .filter(|tag| !tag.is_empty())
        .collect();
    tags.sort();
    tags.dedup();
    tags
}

/// The top-level fields of a YAML front matter, each as a list of texts: a scalar as written,
/// a list item by item, a map by its `name` (`author: {name: …}`).
fn yaml_fields(block: &str) -> Result<BTreeMap<String, Vec<String>>, String> {
    use yaml_rust2::{Yaml, YamlLoader};
    fn texts(value: &Yaml) -> Vec<String> {
        match value {
            Yaml::String(s) | Yaml::Real(s) => vec![s.clone()],
            Yaml::Integer(i) => vec![i.to_string()],
            Yaml::Array(items) => items.iter().flat_map(texts).collect(),
            Yaml::Hash(map) => map
                .get(&Yaml::String("name".into()))
                .map(texts)
                .unwrap_or_default(),
            _ => Vec::new(),
        }
    }
    let documents = YamlLoader::load_from_str(block)
        .map_err(|e| format!("its YAML front matter is not valid ({e})"))?;
    let Some(Yaml::Hash(fields)) = documents.into_iter().next() else {
        return Ok(BTreeMap::new());
    };
    Ok(fields
        .iter()
        .filter_map(|(key, value)| Some((key.as_str()?.to_string(), texts(value))))
        .filter(|(_, texts)| !texts.is_empty())
        .collect())
}

/// The top-level fields of a TOML front matter, each as a list of texts, as [`yaml_fields`]
/// takes them.
fn toml_fields(block: &str) -> Result<BTreeMap<String, Vec<String>>, String> {
    fn texts(value: &toml::Value) -> Vec<String> {
        match value {
            toml::Value::String(s) => vec![s.clone()],
            toml::Value::Datetime(d) => vec![d.to_string()],
            toml::Value::Integer(i) => vec![i.to_string()],
            toml::Value::Array(items) => items.iter().flat_map(texts).collect(),
            toml::Value::Table(map) => map.get("name").map(texts).unwrap_or_default(),
            _ => Vec::new(),
        }
    }
    let fields: toml::Table = toml::from_str(block).map_err(|e| {
        format!(
            "its TOML front matter is not valid ({})",
            e.message().trim()
        )
    })?;
    Ok(fields
        .iter()
        .map(|(key, value)| (key.clone(), texts(value)))
        .filter(|(_, texts)| !texts.is_empty())
        .collect())
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

/// Elements whose text is code, shown in a monospace face.
const CODE: &[&str] = &["pre", "code", "kbd", "samp"];

/// Elements that hold a site's chrome rather than the page's own content.
const CHROME: &[&str] = &["nav", "aside", "dialog", "menu"];
/// ARIA roles of the same.
const CHROME_ROLES: &[&str] = &[
    "navigation",
    "banner",
    "contentinfo",
    "complementary",
    "search",
    "dialog",
    "alertdialog",
    "menu",
    "menubar",
    "toolbar",
];
/// Elements inside which a `header` or `footer` belongs to the content (an article's byline)
/// rather than to the site (HTML's rule for the banner and contentinfo landmarks).
const SECTIONING: &[&str] = &["article", "aside", "main", "nav", "section"];

/// The readable text of an HTML document: the content of its `<main>` (or of its one
/// `<article>`) when it has one, without the site's chrome (navigation, banners, sidebars,
/// dialogs, and what ARIA marks as such), scripts, styles or the head; blocks separated,
/// headings `h1`–`h6` as their own blocks. The title is the `<title>`, cut to the page's
/// `<h1>` when the `<title>` is that heading joined to the site's name ("Intro - The Book").
/// A page that redirects elsewhere (`<meta http-equiv="refresh">` with a URL) says where.
pub fn html(source: &str) -> Extracted {
    let document = Html::parse_document(source);
    let root = document.tree.root();
    let content = content_root(root).unwrap_or(root);
    let mut builder = TextBuilder::default();
    walk(content, &mut builder, false);
    let mut extracted = builder.finish();
    if extracted.text.trim().is_empty() {
        // Nothing of its own: was there only chrome?
        let mut everything = TextBuilder {
            keep_chrome: true,
            ..TextBuilder::default()
        };
        walk(root, &mut everything, false);
        extracted.only_chrome = !everything.finish().text.trim().is_empty();
    }
    let elements = || {
        root.descendants()
            .filter_map(|node| node.value().as_element().map(|e| (node, e)))
    };
    let title = elements()
        .find(|(_, e)| e.name() == "title")
        .map(|(node, _)| text_of(node))
        .filter(|t| !t.is_empty());
    let heading = content
        .descendants()
        .find(|node| node.value().as_element().is_some_and(|e| e.name() == "h1"))
        .map(text_of)
        .filter(|t| !t.is_empty());
    extracted.title = page_title(title, heading);
    extracted.lang = document
        .root_element()
        .value()
        .attr("lang")
        .map(str::to_string);
    extracted.tags = tags(
        elements()
            .filter(|(_, e)| {
                e.name() == "meta"
                    && e.attr("name")
                        .is_some_and(|n| n.trim().eq_ignore_ascii_case("keywords"))
            })
            .filter_map(|(_, e)| e.attr("content")),
    );
    extracted.redirect = elements().find_map(|(_, e)| {
        let refresh = e.name() == "meta"
            && e.attr("http-equiv")
                .is_some_and(|v| v.eq_ignore_ascii_case("refresh"));
        refresh.then(|| refresh_target(e.attr("content")?))?
    });
    extracted
}

/// The element whose content is the page's own: the first `<main>` (or `role="main"`), else
/// the only outermost `<article>`.
fn content_root(root: NodeRef<'_, Node>) -> Option<NodeRef<'_, Node>> {
    let main = root.descendants().find(|node| {
        node.value()
            .as_element()
            .is_some_and(|e| e.name() == "main" || e.attr("role") == Some("main"))
    });
    if main.is_some() {
        return main;
    }
    let is_article = |node: &NodeRef<'_, Node>| {
        node.value()
            .as_element()
            .is_some_and(|e| e.name() == "article")
    };
    let mut outermost = root
        .descendants()
        .filter(|node| is_article(node) && !node.ancestors().any(|a| is_article(&a)));
    match (outermost.next(), outermost.next()) {
        (Some(article), None) => Some(article),
        _ => None,
    }
}

/// The text of a node and its descendants, whitespace collapsed.
fn text_of(node: NodeRef<'_, Node>) -> String {
    let text: String = node
        .descendants()
        .filter_map(|d| d.value().as_text().map(|t| t.to_string()))
        .collect();
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// What separates a page's name from its site's in a `<title>`.
const TITLE_SEPARATORS: &[&str] = &[" | ", " - ", " – ", " — ", " · ", " :: ", " » ", " • "];

/// The page's title: the `<title>`, or the part of it that is the page's `<h1>` when the
/// rest is the site's name; the `<h1>` when there is no `<title>`.
fn page_title(title: Option<String>, heading: Option<String>) -> Option<String> {
    let (Some(title), Some(heading)) = (&title, &heading) else {
        return title.or(heading);
    };
    let same = |part: &str| part.trim().to_lowercase() == heading.to_lowercase();
    if same(title) {
        return Some(title.clone());
    }
    for separator in TITLE_SEPARATORS {
        if let Some(part) = title.split(separator).find(|part| same(part)) {
            return Some(part.trim().to_string());
        }
    }
    Some(title.clone())
}

/// The URL of a refresh's `content` (`"0; url=next.html"`), if it names one.
fn refresh_target(content: &str) -> Option<String> {
    let (_, rest) = content.split_once([';', ','])?;
    let rest = rest.trim_start();
    let url = match rest.get(..4) {
        Some(key) if key.eq_ignore_ascii_case("url=") => &rest[4..],
        _ => rest,
    };
    let url = url.trim().trim_matches(['\'', '"']).trim();
    (!url.is_empty()).then(|| url.to_string())
}

/// Whether an element is the site's chrome, given whether it stands inside sectioning content.
fn is_chrome(element: &scraper::node::Element, sectioned: bool) -> bool {
    let name = element.name();
    CHROME.contains(&name)
        || (!sectioned && matches!(name, "header" | "footer"))
        || element
            .attr("role")
            .is_some_and(|role| CHROME_ROLES.contains(&role.trim()))
}

fn walk(node: NodeRef<'_, Node>, builder: &mut TextBuilder, sectioned: bool) {
    match node.value() {
        Node::Text(text) => builder.text(text),
        Node::Element(element) => {
            let name = element.name();
            if HIDDEN.contains(&name)
                || element.attr("hidden").is_some()
                || element.attr("aria-hidden") == Some("true")
                || (!builder.keep_chrome && is_chrome(element, sectioned))
            {
                return;
            }
            let sectioned = sectioned || SECTIONING.contains(&name);
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
            let code = CODE.contains(&name);
            if name == "pre" {
                builder.preformatted += 1;
            }
            if code {
                builder.start_code();
            }
            if name == "br" {
                builder.line_break();
            }
            for child in node.children() {
                walk(child, builder, sectioned);
            }
            if code {
                builder.end_code();
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
                walk(child, builder, sectioned);
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
    fn html_keeps_the_main_content_without_the_site_chrome() {
        let page = "<html><head><title>Getting Started - The Book</title></head><body>\
            <div id=menu-bar>Keyboard shortcuts <ul role=menu><li>Light<li>Coal</ul></div>\
            <nav>Contents: Intro, Getting Started</nav>\
            <main><h1>Getting Started</h1><p>Install it first.</p>\
            <aside>A sidebar tip</aside><p>Then run it.</p></main>\
            <footer>© The authors</footer></body></html>";
        let e = html(page);
        assert_eq!(
            e.text,
            "Getting Started\n\nInstall it first.\n\nThen run it."
        );
        assert_eq!(e.title.as_deref(), Some("Getting Started"));
        assert!(!e.only_chrome && e.redirect.is_none());
    }

    #[test]
    fn html_without_main_drops_page_chrome_but_keeps_an_articles_header() {
        let page = "<body><header>Site name <a href=/>Home</a></header>\
            <div role=navigation>Prev Next</div><div role=search>Search this site</div>\
            <article><header><h1>Report</h1><p>By A. Writer</p></header>\
            <p>Body text.</p><footer>Filed under news</footer></article>\
            <dialog>Cookie consent</dialog><div aria-hidden=true>icons</div>\
            <footer>Contact us</footer></body>";
        let e = html(page);
        assert_eq!(
            e.text,
            "Report\n\nBy A. Writer\n\nBody text.\n\nFiled under news"
        );
        assert_eq!(e.title.as_deref(), Some("Report"));
        // Two articles: the whole body is read, still without the chrome.
        let two = html("<nav>Menu</nav><article>One</article><article>Two</article>");
        assert_eq!(two.text, "One\n\nTwo");
    }

    #[test]
    fn a_title_is_cut_to_the_pages_heading_only_when_it_holds_it() {
        let title = |t: &str, h: &str| page_title(Some(t.into()), Some(h.into()));
        assert_eq!(title("Intro | Docs", "Intro").as_deref(), Some("Intro"));
        assert_eq!(title("Docs — Intro", "intro").as_deref(), Some("Intro"));
        assert_eq!(title("Iran - Gaza - News", "Gaza").as_deref(), Some("Gaza"));
        assert_eq!(
            title("A page", "Another heading").as_deref(),
            Some("A page")
        );
        assert_eq!(page_title(None, Some("H".into())).as_deref(), Some("H"));
        assert_eq!(page_title(Some("T".into()), None).as_deref(), Some("T"));
    }

    #[test]
    fn redirect_stubs_and_chrome_only_pages_are_told_apart() {
        let stub = html("<head><meta http-equiv=Refresh content=\"0; URL='../ch01.html'\"></head><body>Redirecting…</body>");
        assert_eq!(stub.redirect.as_deref(), Some("../ch01.html"));
        assert_eq!(
            refresh_target("5;url=next.html").as_deref(),
            Some("next.html")
        );
        assert_eq!(refresh_target("30"), None);
        let chrome = html("<title>Index</title><nav>Home About</nav><footer>© me</footer>");
        assert!(chrome.only_chrome && chrome.text.is_empty());
        let empty = html("<title>Only a title</title><body></body>");
        assert!(!empty.only_chrome && empty.text.is_empty());
    }

    #[test]
    fn markdown_front_matter_gives_fields_and_is_not_text() {
        let yaml = markdown("---\ntitle: \"npm-publish\"\nsection: 1\ndate: 2021-03-04T10:00:00Z\nauthor:\n  name: Ada\nlang: fr\n---\n# Heading\n\nBody.\n");
        assert_eq!(yaml.text, "Heading\n\nBody.");
        assert_eq!(yaml.title.as_deref(), Some("npm-publish"));
        assert_eq!(yaml.date.as_deref(), Some("2021-03-04T10:00:00Z"));
        assert_eq!(yaml.source.as_deref(), Some("Ada"));
        assert_eq!(yaml.lang.as_deref(), Some("fr"));
        let toml =
            markdown("+++\ntitle = \"T\"\ndate = 2020-01-02\nauthors = [\"B\", \"C\"]\n+++\nText");
        assert_eq!(toml.text, "Text");
        assert_eq!(
            (
                toml.title.as_deref(),
                toml.date.as_deref(),
                toml.source.as_deref()
            ),
            (Some("T"), Some("2020-01-02"), Some("B"))
        );
        let broken = markdown("---\ntitle: [unclosed\n---\nText");
        assert_eq!(broken.text, "Text");
        assert!(broken.title.is_none());
        assert!(broken.front_matter_error.unwrap().contains("YAML"));
        // A rule further down is a rule, not front matter.
        let rule = markdown("Text\n\n---\n\nMore");
        assert_eq!(rule.text, "Text\n\nMore");
        assert!(rule.title.is_none());
    }

    fn code(e: &Extracted) -> Vec<&str> {
        e.code.iter().map(|r| &e.text[r.clone()]).collect()
    }

    #[test]
    fn markdown_code_blocks_and_spans_are_ranges_with_their_line_breaks() {
        let e = markdown(
            "# Call `run()`\n\nType `cargo  test` or:\n\n```sh\nfor x in *; do\n  echo \"$x\"\ndone\n```\n\n    indented\n      more\n\nÉtat `ça`.\n",
        );
        assert_eq!(
            e.text,
            "Call run()\n\nType cargo test or:\n\nfor x in *; do\n  echo \"$x\"\ndone\n\nindented\n  more\n\nÉtat ça."
        );
        assert_eq!(
            code(&e),
            [
                "run()",
                "cargo test",
                "for x in *; do\n  echo \"$x\"\ndone",
                "indented\n  more",
                "ça"
            ]
        );
        assert_eq!(headings(&e), ["Call run()"]);
        assert!(e.code.windows(2).all(|w| w[0].end <= w[1].start));
    }

    #[test]
    fn html_code_elements_are_one_range_each_and_pre_keeps_its_lines() {
        let e = html(
            "<main><h2>The <code>main</code> function</h2><p>Press <kbd>Ctrl</kbd>+<kbd>C</kbd>; \
             it prints <samp>done</samp>.</p><pre><code class=rust>fn main() {\n    go();\n}\n</code></pre>\
             <p>After.</p></main>",
        );
        assert_eq!(
            e.text,
            "The main function\n\nPress Ctrl+C; it prints done.\n\nfn main() {\n    go();\n}\n\nAfter."
        );
        assert_eq!(
            code(&e),
            ["main", "Ctrl", "C", "done", "fn main() {\n    go();\n}"]
        );
        assert_eq!(headings(&e), ["The main function"]);
        assert!(html("<p><code>  </code>x</p>").code.is_empty());
    }

    #[test]
    fn tags_come_from_front_matter_lists_and_strings_and_html_keywords() {
        let yaml = markdown(
            "---\ntags: [news, Iran ]\nkeywords: \"gaza, news,, \"\ncategories:\n  - opinion\n---\nText",
        );
        assert_eq!(yaml.tags, ["Iran", "gaza", "news", "opinion"]);
        let toml = markdown("+++\ntags = [\"b\", \"a\"]\ncategories = \"c, a\"\n+++\nText");
        assert_eq!(toml.tags, ["a", "b", "c"]);
        assert!(markdown("---\ntitle: T\n---\nText").tags.is_empty());
        let page = html(
            "<head><meta name=Keywords content=\" rust,  wasm search , rust\"></head><body>Text</body>",
        );
        assert_eq!(page.tags, ["rust", "wasm search"]);
        assert_eq!(tags(["  x ,y", "", " , "]), ["x", "y"]);
    }

    #[test]
    fn html_without_title_or_body_still_reads() {
        let e = html("just text");
        assert_eq!(e.text, "just text");
        assert_eq!(e.title, None);
        assert!(html("").text.is_empty());
    }
}
