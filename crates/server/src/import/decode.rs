//! Turns the bytes of an MIS export into text.
//!
//! Current MIS exports are UTF-8, often with a byte-order mark; older ones (and files saved
//! again from Excel on Windows) are Windows-1252. Bytes that are not valid UTF-8 are read as
//! Windows-1252, where every byte is one character, so no file is refused for its encoding.

const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// Windows-1252 characters for bytes 0x80 to 0x9F; the five bytes it leaves undefined map to
/// the C1 control of the same number (as browsers do), which validation then refuses.
const CP1252_80_9F: [char; 32] = [
    '\u{20AC}', '\u{81}', '\u{201A}', '\u{0192}', '\u{201E}', '\u{2026}', '\u{2020}', '\u{2021}',
    '\u{02C6}', '\u{2030}', '\u{0160}', '\u{2039}', '\u{0152}', '\u{8D}', '\u{017D}', '\u{8F}',
    '\u{90}', '\u{2018}', '\u{2019}', '\u{201C}', '\u{201D}', '\u{2022}', '\u{2013}', '\u{2014}',
    '\u{02DC}', '\u{2122}', '\u{0161}', '\u{203A}', '\u{0153}', '\u{9D}', '\u{017E}', '\u{0178}',
];

/// The file's text: a UTF-8 byte-order mark removed, UTF-8 if the bytes are valid UTF-8,
/// otherwise Windows-1252.
pub fn decode_text(bytes: &[u8]) -> String {
    let bytes = bytes.strip_prefix(UTF8_BOM).unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => text.to_owned(),
        Err(_) => bytes.iter().map(|byte| windows_1252(*byte)).collect(),
    }
}

fn windows_1252(byte: u8) -> char {
    match byte {
        0x80..=0x9F => CP1252_80_9F[usize::from(byte - 0x80)],
        // Every other byte is the Unicode code point of the same number (Latin-1).
        _ => char::from(byte),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_a_bom_loses_the_bom() {
        assert_eq!(decode_text(b"\xEF\xBB\xBFUPN,Zo\xC3\xAB"), "UPN,Zoë");
    }

    #[test]
    fn invalid_utf8_is_read_as_windows_1252() {
        assert_eq!(decode_text(b"Zo\xEB"), "Zoë");
        assert_eq!(decode_text(b"\x80 \x92 \x9F \xE9"), "€ ’ Ÿ é");
        assert_eq!(decode_text(b"\x81\xFF"), "\u{81}ÿ");
    }
}
