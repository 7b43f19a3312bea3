//! Links that open another app on the phone: the dialler and the maps.

/// A `tel:` link for a phone number as written ("07700 900123" → "tel:07700900123").
pub fn phone_link(phone: &str) -> String {
    let digits: String = phone.chars().filter(|c| !c.is_whitespace()).collect();
    format!("tel:{digits}")
}

/// A link that opens the phone's maps app at `address`.
pub fn maps_link(address: &str) -> String {
    let query: String =
        percent_encoding::utf8_percent_encode(address, percent_encoding::NON_ALPHANUMERIC)
            .to_string();
    format!("https://www.google.com/maps/search/?api=1&query={query}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_phone_link_dials_the_digits() {
        assert_eq!(phone_link("07700 900123"), "tel:07700900123");
        assert_eq!(phone_link("+44 1632 960 000"), "tel:+441632960000");
    }
}
