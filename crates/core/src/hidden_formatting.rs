//! Characters that hide or reorder text without being seen. Every text field refuses them
//! (`validation::check_value`), on the device and on the server alike.
//!
//! Tabs, line breaks and the other C0 and C1 controls are refused by the text rules
//! themselves: every text field is one line.

/// True for the characters no text field takes although they look like nothing: they
/// change the direction of the text around them (embeddings, overrides and isolates, U+202A
/// to U+202E and U+2066 to U+2069, and the direction marks U+200E, U+200F and U+061C), hide
/// inside a word (zero-width spaces and joiners, U+200B to U+200D, and the byte order mark
/// U+FEFF), or break a line without being a control character (U+2028, U+2029). A name
/// written with them can read as someone else's, or hide what a note says.
pub fn is_hidden_formatting(c: char) -> bool {
    matches!(
        c,
        '\u{061C}' | '\u{200B}'..='\u{200F}' | '\u{2028}'..='\u{202E}' | '\u{2066}'..='\u{2069}'
            | '\u{FEFF}'
    )
}
