//! CSV text (RFC 4180) for the files pages offer to download: registers, placements.

/// One row of `cells`, each quoted as [`csv_field`] says, ended with CRLF.
pub fn push_row(out: &mut String, cells: impl IntoIterator<Item = String>) {
    let cells: Vec<String> = cells.into_iter().map(|cell| csv_field(&cell)).collect();
    out.push_str(&cells.join(","));
    out.push_str("\r\n");
}

/// One field: quoted, with quotes doubled, when it holds a comma, a quote or a line break
/// (RFC 4180). Text a spreadsheet would run as a formula (starting `=`, `+`, `-`, `@` or a
/// tab) gets a leading apostrophe first, so a note cannot become a formula when opened.
pub fn csv_field(text: &str) -> String {
    let text = if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_owned()
    };
    if text.contains([',', '"', '\r', '\n']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text
    }
}
