//! The coordinator's CSV of every placement, as a `data:` link the browser downloads.

use super::placement_data::PlacementView;
use super::status_words;

/// One CSV field, quoted when it holds a comma, a quote or a line break (RFC 4180). A field
/// that a spreadsheet would run as a formula (`=`, `+`, `-`, `@` first) gets a leading `'`.
pub fn field(text: &str) -> String {
    let text = if text.starts_with(['=', '+', '-', '@']) {
        format!("'{text}")
    } else {
        text.to_owned()
    };
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text
    }
}

/// Every placement, one row each, with a header row.
pub fn placements_csv(placements: &[PlacementView]) -> String {
    let mut out = String::from(
        "Learner,Employer,Address,Supervisor,Supervisor phone,First day,Last day,Status,Missing checks,Visiting\r\n",
    );
    for view in placements {
        let p = &view.placement;
        let row = [
            view.learner.as_str(),
            &p.employer,
            &p.address,
            p.supervisor_name.as_deref().unwrap_or_default(),
            p.supervisor_phone.as_deref().unwrap_or_default(),
            &p.starts_on,
            &p.ends_on,
            status_words(&p.status),
            &p.missing_checks().join("; "),
            &view.visitor,
        ];
        out.push_str(&row.map(field).join(","));
        out.push_str("\r\n");
    }
    out
}

/// `csv` as a link target that downloads it.
pub fn data_url(csv: &str) -> String {
    let encoded = percent_encoding::utf8_percent_encode(csv, percent_encoding::NON_ALPHANUMERIC);
    format!("data:text/csv;charset=utf-8,{encoded}")
}

#[cfg(test)]
mod tests {
    use super::field;

    #[test]
    fn fields_are_quoted_and_formulas_defused() {
        assert_eq!(field("Northfield"), "Northfield");
        assert_eq!(field("Unit 3, Mill Road"), "\"Unit 3, Mill Road\"");
        assert_eq!(field("The \"Vets\""), "\"The \"\"Vets\"\"\"");
        assert_eq!(field("=HYPERLINK(1)"), "'=HYPERLINK(1)");
    }
}
