//! Search text: folding what is typed and what is stored into one form, and matching the one
//! against the other.
//!
//! A student's searchable text is folded once, when the roster is built (lower case, accents
//! folded, apostrophes and hyphens inside names dropped), so a keystroke only folds the typed
//! words and runs `str::contains` once per word and student.

/// Lower case, with accents folded (`é` → `e`, `ß` → `ss`) and the punctuation that joins
/// parts of a name (apostrophes, hyphens, full stops) dropped, so "o'neil", "ONeil" and
/// "Ó Néil" find the same student.
pub fn normalise(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for lower in text.chars().flat_map(char::to_lowercase) {
        fold(lower, &mut out);
    }
    out
}

fn fold(c: char, out: &mut String) {
    let plain = match c {
        'à'..='å' | 'ā' | 'ă' | 'ą' => 'a',
        'ç' | 'ć' | 'ĉ' | 'ċ' | 'č' => 'c',
        'ď' | 'đ' | 'ð' => 'd',
        'è'..='ë' | 'ē' | 'ĕ' | 'ė' | 'ę' | 'ě' => 'e',
        'ĝ' | 'ğ' | 'ġ' | 'ģ' => 'g',
        'ĥ' | 'ħ' => 'h',
        'ì'..='ï' | 'ĩ' | 'ī' | 'ĭ' | 'į' | 'ı' => 'i',
        'ĵ' => 'j',
        'ķ' => 'k',
        'ĺ' | 'ļ' | 'ľ' | 'ŀ' | 'ł' => 'l',
        'ñ' | 'ń' | 'ņ' | 'ň' => 'n',
        'ò'..='ö' | 'ø' | 'ō' | 'ŏ' | 'ő' => 'o',
        'ŕ' | 'ŗ' | 'ř' => 'r',
        'ś' | 'ŝ' | 'ş' | 'š' | 'ș' => 's',
        'ţ' | 'ť' | 'ŧ' | 'ț' => 't',
        'ù'..='ü' | 'ũ' | 'ū' | 'ŭ' | 'ů' | 'ű' | 'ų' => 'u',
        'ŵ' => 'w',
        'ý' | 'ÿ' | 'ŷ' => 'y',
        'ź' | 'ż' | 'ž' => 'z',
        'æ' => return out.push_str("ae"),
        'œ' => return out.push_str("oe"),
        'ß' => return out.push_str("ss"),
        'þ' => return out.push_str("th"),
        // Combining accents (text typed in decomposed form) and joining punctuation.
        '\u{300}'..='\u{36f}'
        | '\''
        | '\u{2018}'
        | '\u{2019}'
        | '-'
        | '\u{2010}'
        | '\u{2011}'
        | '.' => return,
        other => other,
    };
    out.push(plain);
}

/// A record's searchable fields, normalised, one per line: a typed word never holds a line
/// break, so a word never matches across two fields.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SearchText(String);

impl SearchText {
    pub fn new<'a>(fields: impl IntoIterator<Item = &'a str>) -> Self {
        Self(
            fields
                .into_iter()
                .map(normalise)
                .collect::<Vec<_>>()
                .join("\n"),
        )
    }
}

/// The words typed into the search box, normalised; every word must match.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Search {
    words: Vec<String>,
}

impl Search {
    pub fn new(text: &str) -> Self {
        Self {
            words: text
                .split_whitespace()
                .map(normalise)
                .filter(|word| !word.is_empty())
                .collect(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// True if every typed word is found within one of the fields (an empty search matches
    /// everything).
    pub fn matches(&self, text: &SearchText) -> bool {
        self.words.iter().all(|word| text.0.contains(word.as_str()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finds(typed: &str, fields: &[&str]) -> bool {
        Search::new(typed).matches(&SearchText::new(fields.iter().copied()))
    }

    #[test]
    fn normalising_folds_case_accents_and_joining_punctuation() {
        assert_eq!(normalise("Zoë O'Néill"), "zoe oneill");
        assert_eq!(normalise("ÅSE-Marie Strauß"), "asemarie strauss");
        // Decomposed accents too.
        assert_eq!(normalise("Jose\u{301}"), "jose");
        assert_eq!(normalise("Æsa Œlund Þorn"), "aesa oelund thorn");
        assert_eq!(normalise("D’Arcy St. Clair"), "darcy st clair");
        assert_eq!(normalise("  "), "  ");
    }

    #[test]
    fn typed_words_are_normalised_and_blank_ones_dropped() {
        assert!(Search::new("").is_empty());
        assert!(Search::new(" ' - ").is_empty());
        assert_eq!(Search::new("  O'Néill  ZOË "), Search::new("oneill zoe"));
        assert!(!Search::new("é").is_empty());
    }

    #[test]
    fn every_word_must_be_found_in_some_field() {
        let fields = ["Zoë", "Zed", "O'Néill", "A823901719005", "8A"];
        assert!(finds("", &fields));
        assert!(finds("zoe", &fields));
        assert!(finds("ONEIL zed", &fields));
        assert!(finds("19005", &fields));
        assert!(!finds("zoe smith", &fields));
        assert!(!finds("zoey", &fields));
    }

    #[test]
    fn a_word_never_matches_across_two_fields() {
        // Joined without a break, "zed" and "oneill" would hold "do".
        assert!(finds("d", &["Zed", "O'Néill"]));
        assert!(!finds("do", &["Zed", "O'Néill"]));
        assert!(finds("do", &["Zedo"]));
    }
}
