//! Languages: the stemmer each word of a document takes, from the document's language and the
//! word's script, and (when indexing) the language of a document's text.
//!
//! A document's language is a BCP 47 primary tag (`en`, `fr`, `ar`, `fa`), given by the
//! manifest or the HTML, or detected from the text (see [`detect`]). A word is stemmed by its
//! document's language when that language has a stemmer and writes in the word's script: a
//! French word of a French document by the French Snowball stemmer, an Arabic word of an Arabic
//! document by the Arabic light stemmer ([`arabic_stem`]). A Latin word elsewhere (an English
//! name in an Arabic text, or any text whose language is not known) is stemmed as English;
//! other words are not stemmed. The index keeps one table of stems a language, so a query word
//! finds, in each, the words of that language that share its stem.

use rust_stemmers::{Algorithm, Stemmer};

/// The writing systems the stemmers handle.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Script {
    /// Latin letters, with or without diacritics.
    Latin,
    /// Greek.
    Greek,
    /// Cyrillic.
    Cyrillic,
    /// Arabic script (Arabic, Persian, Urdu).
    Arabic,
    /// Tamil.
    Tamil,
    /// Anything else, or no letter at all.
    Other,
}

impl Script {
    /// The script of a word: that of its first letter.
    pub fn of(word: &str) -> Script {
        let Some(c) = word.chars().find(|c| c.is_alphabetic()) else {
            return Script::Other;
        };
        match c as u32 {
            0x41..=0x5A | 0x61..=0x7A | 0xC0..=0x24F | 0x1E00..=0x1EFF => Script::Latin,
            0x370..=0x3FF | 0x1F00..=0x1FFF => Script::Greek,
            0x400..=0x52F => Script::Cyrillic,
            0x600..=0x6FF | 0x750..=0x77F | 0x8A0..=0x8FF | 0xFB50..=0xFDFF | 0xFE70..=0xFEFF => {
                Script::Arabic
            }
            0xB80..=0xBFF => Script::Tamil,
            _ => Script::Other,
        }
    }
}

/// How a language's words are stemmed. A Snowball stemmer is made by a function that names
/// its algorithm, so that the engine carries only the algorithms named (not the Snowball
/// Arabic stemmer, which the light one replaces).
#[derive(Clone, Copy)]
enum Method {
    Snowball(fn() -> Stemmer),
    ArabicLight,
}

/// The languages with a stemmer: tag, script, method. Their order numbers the stem tables
/// while an index is built.
const STEMMED: &[(&str, Script, Method)] = &[
    (
        "en",
        Script::Latin,
        Method::Snowball(|| Stemmer::create(Algorithm::English)),
    ),
    ("ar", Script::Arabic, Method::ArabicLight),
    (
        "da",
        Script::Latin,
        Method::Snowball(|| Stemmer::create(Algorithm::Danish)),
    ),
    (
        "de",
        Script::Latin,
        Method::Snowball(|| Stemmer::create(Algorithm::German)),
    ),
    (
        "el",
        Script::Greek,
        Method::Snowball(|| Stemmer::create(Algorithm::Greek)),
    ),
    (
        "es",
        Script::Latin,
        Method::Snowball(|| Stemmer::create(Algorithm::Spanish)),
    ),
    (
        "fi",
        Script::Latin,
        Method::Snowball(|| Stemmer::create(Algorithm::Finnish)),
    ),
    (
        "fr",
        Script::Latin,
        Method::Snowball(|| Stemmer::create(Algorithm::French)),
    ),
    (
        "hu",
        Script::Latin,
        Method::Snowball(|| Stemmer::create(Algorithm::Hungarian)),
    ),
    (
        "it",
        Script::Latin,
        Method::Snowball(|| Stemmer::create(Algorithm::Italian)),
    ),
    (
        "nb",
        Script::Latin,
        Method::Snowball(|| Stemmer::create(Algorithm::Norwegian)),
    ),
    (
        "nl",
        Script::Latin,
        Method::Snowball(|| Stemmer::create(Algorithm::Dutch)),
    ),
    (
        "pt",
        Script::Latin,
        Method::Snowball(|| Stemmer::create(Algorithm::Portuguese)),
    ),
    (
        "ro",
        Script::Latin,
        Method::Snowball(|| Stemmer::create(Algorithm::Romanian)),
    ),
    (
        "ru",
        Script::Cyrillic,
        Method::Snowball(|| Stemmer::create(Algorithm::Russian)),
    ),
    (
        "sv",
        Script::Latin,
        Method::Snowball(|| Stemmer::create(Algorithm::Swedish)),
    ),
    (
        "ta",
        Script::Tamil,
        Method::Snowball(|| Stemmer::create(Algorithm::Tamil)),
    ),
    (
        "tr",
        Script::Latin,
        Method::Snowball(|| Stemmer::create(Algorithm::Turkish)),
    ),
];

/// The language whose stemmer the words of a language's documents fall back to (see the
/// module's documentation).
pub const FALLBACK: &str = "en";

/// A stemmer: one of the languages of `STEMMED`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Stemming(u8);

impl Stemming {
    /// Every stemmer there is.
    pub fn all() -> impl Iterator<Item = Stemming> {
        (0..STEMMED.len() as u8).map(Stemming)
    }

    /// The stemmer of a language tag (`"fr"`, `"fr-CA"`, `"no"`), if it has one.
    pub fn of_language(tag: &str) -> Option<Stemming> {
        let primary = tag.split(['-', '_']).next()?.to_ascii_lowercase();
        let primary = match primary.as_str() {
            "no" | "nn" => "nb",
            other => other,
        };
        STEMMED
            .iter()
            .position(|(t, ..)| *t == primary)
            .map(|i| Stemming(i as u8))
    }

    /// The stemmer a word (folded) of a document in `language` takes, if any.
    pub fn for_word(language: Option<Stemming>, word: &str) -> Option<Stemming> {
        let script = Script::of(word);
        match language {
            Some(l) if l.script() == script => Some(l),
            _ if script == Script::Latin => Stemming::of_language(FALLBACK),
            _ => None,
        }
    }

    /// The language tag of the stemmer, which names its table in an index.
    pub fn language(self) -> &'static str {
        STEMMED[self.0 as usize].0
    }

    /// The script the stemmer's language writes in.
    pub fn script(self) -> Script {
        STEMMED[self.0 as usize].1
    }

    /// The number of the stemmer, below [`Stemming::COUNT`].
    pub fn number(self) -> usize {
        self.0 as usize
    }

    /// How many stemmers there are.
    pub const COUNT: usize = STEMMED.len();
}

/// The stemmers, made once.
pub struct Stemmers {
    snowball: Vec<Option<Stemmer>>,
}

impl Default for Stemmers {
    fn default() -> Self {
        Stemmers {
            snowball: STEMMED
                .iter()
                .map(|(_, _, method)| match method {
                    Method::Snowball(make) => Some(make()),
                    Method::ArabicLight => None,
                })
                .collect(),
        }
    }
}

impl Stemmers {
    /// The stem of a folded word in a language; a word of another script is its own stem.
    pub fn stem(&self, stemming: Stemming, word: &str) -> String {
        if Script::of(word) != stemming.script() {
            return word.to_string();
        }
        match &self.snowball[stemming.number()] {
            Some(stemmer) => stemmer.stem(word).into_owned(),
            None => arabic_stem(word),
        }
    }
}

/// Attached words an Arabic word may begin with, longest first: the article *al-* alone or
/// after *wa-* (and), *bi-* (with), *ka-* (like), *fa-* (so), or *li-* (for, written لل). In
/// folded letters (see [`crate::analyze::fold`]: kaf is ک).
const ARABIC_ARTICLES: &[&str] = &["وبال", "وال", "بال", "کال", "فال", "ولل", "لل", "ال"];
/// The prepositions and the conjunction written as one letter before a word: *wa-*, *bi-*,
/// *li-*. Not *fa-* and *ka-*, with which many words begin (فلسطین, کتاب).
const ARABIC_PARTICLES: &[char] = &['و', 'ب', 'ل'];
/// Suffixes of number, gender and possession, removed once each in this order (Larkey's
/// light10, as Lucene's Arabic stemmer has it), in folded letters: yeh is ی, teh marbuta ه.
const ARABIC_SUFFIXES: &[&str] = &["ها", "ان", "ات", "ون", "ین", "یه", "ه", "ی"];

/// The light stem of a folded Arabic word: an article or a one-letter particle before it, and
/// the common suffixes after it, removed while three letters or more remain, so that `حقوق`,
/// `الحقوق`, `لحقوق`, `والحقوق` and `بالحقوق` share a stem.
///
/// Light stemming (Larkey, Ballesteros and Connell, 2002) removes affixes only, where the
/// Snowball Arabic stemmer also cuts letters that begin words (`فلسطین` to `لسط`) and leaves
/// `لحقوق` and `والحقوق` whole.
pub fn arabic_stem(word: &str) -> String {
    let letters = |s: &str| s.chars().count();
    let mut stem = word;
    let mut prefixed = false;
    for article in ARABIC_ARTICLES {
        if let Some(rest) = stem.strip_prefix(article) {
            if letters(rest) >= 2 {
                stem = rest;
                prefixed = true;
                break;
            }
        }
    }
    if !prefixed {
        if let Some(rest) = stem.strip_prefix(ARABIC_PARTICLES) {
            if letters(rest) >= 3 {
                stem = rest;
            }
        }
    }
    for suffix in ARABIC_SUFFIXES {
        if let Some(rest) = stem.strip_suffix(suffix) {
            if letters(rest) >= 3 {
                stem = rest;
            }
        }
    }
    stem.to_string()
}

/// The language of a text, as a BCP 47 primary tag, when it can be told reliably from its
/// second KiB (the last KiB of a text shorter than 2 KiB, the whole of one shorter than 1) or
/// else from its first 4 KiB; `None` for a text too short or too mixed to tell.
///
/// The first KiB of a text is where its title, headings, names, dates and other words of no
/// language stand, so the KiB after it tells the language more often, at half the work of 2
/// KiB from the start (counting a sample's trigrams takes most of it). On 1,251 translated
/// manual pages, the folder's language was told for 1,004 from the second KiB, against 985
/// from the first 2 KiB and 979 from the whole text, which the pages' untranslated parts sway;
/// telling the language of 100 MB of English took 2.4 s of processor time rather than 3.0.
/// A sample that reads as English by its function words (see [`reads_as_english`]) is told
/// English without whatlang.
#[cfg(feature = "indexer")]
pub fn detect(text: &str) -> Option<&'static str> {
    const KIB: usize = 1024;
    let reliable = |from: usize, to: usize| {
        whatlang::detect(within(text, from, to)).filter(whatlang::Info::is_reliable)
    };
    let second = text.len().saturating_sub(KIB).min(KIB);
    if reads_as_english(within(text, second, second + KIB)) {
        return Some("en");
    }
    let info = reliable(second, second + KIB)
        .or_else(|| (text.len() > KIB).then(|| reliable(0, 4 * KIB)).flatten())?;
    Some(tag_of(info.lang()))
}

/// The bytes `from..to` of `text` (`to` at most its end), each moved back to the start of the
/// character it falls in.
#[cfg(feature = "indexer")]
fn within(text: &str, from: usize, to: usize) -> &str {
    let (mut from, mut to) = (from, to.min(text.len()));
    while !text.is_char_boundary(from) {
        from -= 1;
    }
    while !text.is_char_boundary(to) {
        to -= 1;
    }
    &text[from..to]
}

/// Words that make up an eighth or more of nearly every sample of English prose and almost
/// none of another language's: not `a`, `in`, `to`, `on`, `is` or `was`, which are words of
/// Spanish, German, Dutch or Polish too.
#[cfg(feature = "indexer")]
const ENGLISH_FUNCTION_WORDS: [&str; 16] = [
    "the", "and", "of", "that", "with", "which", "this", "from", "have", "were", "been", "their",
    "they", "would", "there", "these",
];

/// Whether a sample reads as English without comparing it with the trigrams of every
/// language that shares its script: 30 words or more, an eighth of them or more
/// [`ENGLISH_FUNCTION_WORDS`], and no letter outside ASCII (which the other languages of the
/// Latin script write, and which a page in one of them that quotes English holds).
///
/// Telling a language with whatlang compares a sample with 37 profiles of trigrams, a sixth
/// to a quarter of a build's processor time. On 4,149 documents (Brown, the seeds, 3,000 of the
/// synthetic collection and 637 manual pages translated into 20 languages, many of them
/// partly English), this told 3,459 of the 3,570 that whatlang tells English, and none of
/// the others; the closest of those, half English and half Italian, holds an accented letter.
#[cfg(feature = "indexer")]
fn reads_as_english(sample: &str) -> bool {
    const WORDS_AT_LEAST: usize = 30;
    if sample.chars().any(|c| !c.is_ascii() && c.is_alphabetic()) {
        return false;
    }
    let (mut words, mut function) = (0usize, 0usize);
    for word in sample
        .split(|c: char| !c.is_ascii_alphabetic())
        .filter(|w| !w.is_empty())
    {
        words += 1;
        function += usize::from(
            ENGLISH_FUNCTION_WORDS
                .iter()
                .any(|f| f.eq_ignore_ascii_case(word)),
        );
    }
    words >= WORDS_AT_LEAST && function * 8 >= words
}

/// The BCP 47 tag of a language whatlang detects: its ISO 639-1 code.
#[cfg(feature = "indexer")]
fn tag_of(lang: whatlang::Lang) -> &'static str {
    use whatlang::Lang::*;
    match lang {
        Epo => "eo",
        Eng => "en",
        Rus => "ru",
        Cmn => "zh",
        Spa => "es",
        Por => "pt",
        Ita => "it",
        Ben => "bn",
        Fra => "fr",
        Deu => "de",
        Ukr => "uk",
        Kat => "ka",
        Ara => "ar",
        Hin => "hi",
        Jpn => "ja",
        Heb => "he",
        Yid => "yi",
        Pol => "pl",
        Amh => "am",
        Jav => "jv",
        Kor => "ko",
        Nob => "nb",
        Dan => "da",
        Swe => "sv",
        Fin => "fi",
        Tur => "tr",
        Nld => "nl",
        Hun => "hu",
        Ces => "cs",
        Ell => "el",
        Bul => "bg",
        Bel => "be",
        Mar => "mr",
        Kan => "kn",
        Ron => "ro",
        Slv => "sl",
        Hrv => "hr",
        Srp => "sr",
        Mkd => "mk",
        Lit => "lt",
        Lav => "lv",
        Est => "et",
        Tam => "ta",
        Vie => "vi",
        Urd => "ur",
        Tha => "th",
        Guj => "gu",
        Uzb => "uz",
        Pan => "pa",
        Aze => "az",
        Ind => "id",
        Tel => "te",
        Pes => "fa",
        Mal => "ml",
        Ori => "or",
        Mya => "my",
        Nep => "ne",
        Sin => "si",
        Khm => "km",
        Tuk => "tk",
        Aka => "ak",
        Zul => "zu",
        Sna => "sn",
        Afr => "af",
        Lat => "la",
        Slk => "sk",
        Cat => "ca",
        Tgl => "tl",
        Hye => "hy",
        Cym => "cy",
    }
}

/// Whether a string is a plausible BCP 47 language tag: letters, digits and hyphens, starting
/// with a primary tag of 2 to 3 letters (`en`, `fa`, `zh-Hant`, `pt-BR`).
pub fn is_language_tag(tag: &str) -> bool {
    let mut parts = tag.split('-');
    let primary = parts.next().unwrap_or("");
    (2..=3).contains(&primary.len())
        && primary.chars().all(|c| c.is_ascii_alphabetic())
        && parts.all(|p| (1..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analyze::fold;

    fn arabic(word: &str) -> String {
        arabic_stem(&fold(word))
    }

    #[test]
    fn arabic_words_with_attached_articles_and_particles_share_a_stem() {
        let stem = arabic("حقوق");
        for word in [
            "الحقوق",
            "لحقوق",
            "والحقوق",
            "بالحقوق",
            "للحقوق",
            "وبالحقوق",
        ] {
            assert_eq!(arabic(word), stem, "{word}");
        }
        assert_eq!(arabic("مدرسة"), arabic("المدرسة"));
        assert_eq!(arabic("غزة"), arabic("بغزة"));
        assert_eq!(arabic("کتاب"), arabic("الكتاب"));
        // Words that begin with fa- or ka- letters keep them.
        assert_eq!(arabic("فلسطين"), fold("فلسطين").replace("ین", ""));
        assert!(arabic("فلسطين").starts_with('ف'));
        // Short words are left whole.
        assert_eq!(arabic("بان"), fold("بان"));
    }

    #[test]
    fn a_word_takes_its_documents_stemmer_when_the_script_fits_else_english_for_latin() {
        let french = Stemming::of_language("fr-CA");
        let arabic = Stemming::of_language("ar");
        let english = Stemming::of_language("en");
        assert_eq!(Stemming::for_word(french, "guerres"), french);
        assert_eq!(Stemming::for_word(arabic, "gaza"), english);
        assert_eq!(Stemming::for_word(None, "gaza"), english);
        assert_eq!(Stemming::for_word(arabic, &fold("الحقوق")), arabic);
        assert_eq!(Stemming::for_word(None, &fold("الحقوق")), None);
        let persian = Stemming::of_language("fa");
        assert_eq!(persian, None, "no stemmer for Persian");
        assert_eq!(Stemming::for_word(persian, &fold("ایرانی")), None);
        assert_eq!(Stemming::of_language("no"), Stemming::of_language("nb"));
        let stemmers = Stemmers::default();
        assert_eq!(stemmers.stem(french.unwrap(), "guerres"), "guerr");
        assert_eq!(stemmers.stem(english.unwrap(), "protesting"), "protest");
        assert_eq!(stemmers.stem(french.unwrap(), "حقوق"), "حقوق");
    }

    #[test]
    fn language_tags_are_checked() {
        for tag in ["en", "fa", "zh-Hant", "pt-BR", "ast"] {
            assert!(is_language_tag(tag), "{tag}");
        }
        for tag in ["", "e", "english", "en_US", "12", "en-", "<b>"] {
            assert!(!is_language_tag(tag), "{tag}");
        }
    }

    #[cfg(feature = "indexer")]
    #[test]
    fn the_language_of_a_text_is_detected_when_it_is_clear() {
        assert_eq!(
            detect(
                "The supreme leader spoke on Thursday about the war, and said that the people \
                 who have been fighting there would not be forgotten by anyone in the region. \
                 Many of those who heard him were students, and they said that they agreed."
            ),
            Some("en")
        );
        assert_eq!(
            detect("Le guide suprême a parlé de la guerre à Gaza et des civils tués hier."),
            Some("fr")
        );
        assert_eq!(
            detect("قال المرشد الأعلى إن الحرب في غزة مستمرة وإن المدنيين يدفعون الثمن كل يوم"),
            Some("ar")
        );
        assert_eq!(
            detect("رهبر ایران درباره جنگ غزه سخن گفت و گفت که مردم فلسطین پیروز خواهند شد"),
            Some("fa")
        );
        assert_eq!(detect("Gaza"), None);
        assert_eq!(detect("12 345"), None);
    }

    #[cfg(feature = "indexer")]
    #[test]
    fn a_language_is_told_from_the_second_kib_of_a_text_first() {
        let english = "The supreme leader spoke on Thursday about the war, and said that the \
                       people who have been fighting there would not be forgotten by anyone. ";
        let french = "Le guide suprême a parlé jeudi de la guerre et il a dit que les gens qui \
                      se battent là-bas ne seront jamais oubliés par personne dans la région. ";
        let fill = |text: &str, bytes: usize| {
            let mut filled = text.repeat(bytes / text.len() + 1);
            filled.truncate(filled.floor_char_boundary(bytes));
            filled
        };
        // The title and first lines in one language, the body in another: the body's.
        let text = fill(french, 1024) + &fill(english, 8192);
        assert_eq!(detect(&text), Some("en"));
        // Shorter than 2 KiB: its last KiB.
        let text = fill(french, 900) + &fill(english, 1024);
        assert_eq!(detect(&text), Some("en"));
        // Shorter than 1 KiB: the whole.
        assert_eq!(detect(&fill(french, 900)), Some("fr"));
        // Untold from its second KiB (digits alone), told from the first 4 KiB.
        let text = fill(french, 1024) + &"1234 5678 ".repeat(103);
        assert_eq!(detect(&text), Some("fr"));
    }

    #[cfg(feature = "indexer")]
    #[test]
    fn english_prose_is_told_by_its_function_words_and_nothing_else_is() {
        let english = "The supreme leader spoke on Thursday about the war, and said that the \
                       people who have been fighting there would not be forgotten by anyone in \
                       the region. Many of those who heard him were students from the city.";
        assert!(reads_as_english(english));
        assert_eq!(whatlang::detect_lang(english), Some(whatlang::Lang::Eng));
        // Too few words to tell; an accented name is left to the trigrams, which tell it.
        assert!(!reads_as_english("The war and the peace of the region."));
        let accented = english.replace("Thursday", "Thursday in Zürich");
        assert!(!reads_as_english(&accented));
        assert_eq!(detect(&accented), Some("en"));
        // Other languages, and half English half Spanish (a manual page half translated).
        for other in [
            "Der oberste Führer sprach am Donnerstag über den Krieg und sagte, dass die Menschen, \
             die dort kämpfen, von niemandem in der Region vergessen werden. Viele waren Studenten.",
            "Het hoogste gezag sprak donderdag over de oorlog en zei dat de mensen die daar \
             vechten door niemand in de regio vergeten zullen worden. Velen van hen waren studenten \
             uit de stad, en zij zeiden dat zij het met hem eens waren.",
            "which returns the pathnames of the files which would be executed in the current \
             environment, had its arguments been given as commands. OPCIONES: Muestra todos los \
             nombres de ruta que coincidan con cada argumento. Una o más órdenes no existen.",
        ] {
            assert!(!reads_as_english(other), "{other}");
        }
        // Words in other cases count as well.
        assert!(reads_as_english(&english.to_uppercase()));
    }
}
